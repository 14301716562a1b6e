import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UnitsRepository, type AdminUnit, type Era } from './units.repository';
import { provinceKey, slug } from './vietnamese';
import { UnitError } from './units.errors';

/** A province key with every diacritic dropped ("Hưng Yên" and "Hung Yen" alike). */
const foldedKey = (name: string) => slug(provinceKey(name));

@Injectable()
export class UnitsService implements OnApplicationBootstrap {
  constructor(private readonly units: UnitsRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.units.seed();
  }

  /**
   * The province a name (any known spelling) or code stands for. A name both maps share (Hà Nội)
   * means the current province unless `era` says otherwise. `field` names the input in errors.
   */
  async resolveProvince(nameOrCode: string, field: string, era?: Era): Promise<AdminUnit> {
    let found = (await this.units.byKey(provinceKey(nameOrCode))).filter((u) => u.kind === 'province');
    // A unit's own id ("current:khanh-hoa", "legacy:58"), as the web app links provinces.
    if (found.length === 0 && /^(current|legacy):/.test(nameOrCode))
      found = (await this.units.byKey(nameOrCode)).filter((u) => u.kind === 'province');
    if (found.length === 0) found = await this.byFoldedName(nameOrCode, 'province');
    const pick =
      found.find((u) => u.era === (era ?? 'current')) ??
      (era ? undefined : found.find((u) => u.era === 'legacy'));
    if (!pick)
      throw new UnitError('unit.unknown', `${field} "${nameOrCode}" is not a known province name or code`, {
        field,
        params: { value: nameOrCode },
      });
    return pick;
  }

  /**
   * A province or central agency by any known spelling; also one written with some diacritics
   * missing or wrong ("Hung Yên", "Đông Nai"), when exactly one unit of the map reads so.
   */
  async resolveUnit(name: string, field: string, era?: Era): Promise<AdminUnit> {
    const exact = await this.units.byKey(provinceKey(name));
    const agency = exact.find((u) => u.kind === 'agency');
    if (agency) return agency;
    if (exact.some((u) => u.kind === 'province')) return this.resolveProvince(name, field, era);
    const folded = await this.byFoldedName(name);
    const pick = folded.filter((u) => u.kind === 'agency' || u.era === (era ?? 'current'));
    const candidates = pick.length > 0 ? pick : folded;
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1)
      throw new UnitError(
        'unit.ambiguous',
        `${field} "${name}" could be ${candidates.map((u) => u.name).join(' or ')}: write it with its diacritics`,
        { field, params: { value: name, candidates: candidates.map((u) => u.name).join(', ') } },
      );
    throw new UnitError('unit.unknown', `${field} "${name}" is not a known province or central agency`, {
      field,
      params: { value: name },
    });
  }

  /** Units whose name or another name reads the same once every diacritic is dropped. */
  private async byFoldedName(name: string, kind?: AdminUnit['kind']): Promise<AdminUnit[]> {
    const key = foldedKey(name);
    if (key === '') return [];
    const units = [
      ...(kind !== 'agency' ? await this.units.list('province') : []),
      ...(kind !== 'province' ? await this.units.list('agency') : []),
    ];
    return units.filter((u) => [u.name, ...u.aliases].some((n) => foldedKey(n) === key));
  }

  list(era: Era): Promise<AdminUnit[]> {
    return this.units.list('province', era);
  }

  agencies(): Promise<AdminUnit[]> {
    return this.units.list('agency');
  }

  /** Every province id a set of provinces covers across the 2025 change (a coordinator's reach). */
  reach(provinceIds: string[]): Promise<string[]> {
    return provinceIds.length === 0 ? Promise.resolve([]) : this.units.relatedProvinces(provinceIds);
  }

  /**
   * Units from an operator's list: central agencies are added (with their other names); a
   * province row adds its other names to the province it names. Returns what changed.
   */
  async importUnits(
    rows: { name: string; kind: 'province' | 'agency'; aliases: string[] }[],
  ): Promise<{ agenciesAdded: number; aliasesAdded: number }> {
    let agenciesAdded = 0;
    let aliasesAdded = 0;
    for (const [i, row] of rows.entries()) {
      if (row.kind === 'agency') {
        const before = (await this.units.byKey(provinceKey(row.name))).find((u) => u.kind === 'agency');
        if (before) aliasesAdded += await this.units.addAliases(before.id, row.aliases);
        else if ((await this.units.addAgency(row.name, row.aliases)).created) agenciesAdded++;
      } else {
        const province = await this.resolveProvince(row.name, `rows[${i}].name`);
        aliasesAdded += await this.units.addAliases(province.id, row.aliases);
      }
    }
    return { agenciesAdded, aliasesAdded };
  }
}
