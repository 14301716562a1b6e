import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import agencies from './data/central-agencies-vn.json';
import provinces from './data/provinces-vn.json';
import { provinceKey, slug } from './vietnamese';

export type Era = 'legacy' | 'current';

export interface AdminUnit {
  id: string;
  kind: 'province' | 'agency';
  era: Era | null;
  code: string | null;
  name: string;
  type: string | null;
  aliases: string[];
  successorId: string | null;
}

interface UnitRow {
  id: string;
  kind: AdminUnit['kind'];
  era: Era | null;
  code: string | null;
  name: string;
  type: string | null;
  aliases: string[];
  successor_id: string | null;
}

const toUnit = (r: UnitRow): AdminUnit => ({
  id: r.id,
  kind: r.kind,
  era: r.era,
  code: r.code,
  name: r.name,
  type: r.type,
  aliases: r.aliases,
  successorId: r.successor_id,
});
const COLUMNS = 'id, kind, era, code, name, type, aliases, successor_id';

@Injectable()
export class UnitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the units this release carries: the 34 current provinces, the 63 legacy ones (each with
   * the current province that absorbed it) and the central agencies. Idempotent, so every instance
   * may run it at start-up; units an administrator added are left alone.
   */
  async seed(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const currentIdOf = new Map<string, string>();
      const units: {
        id: string;
        kind: string;
        era: string | null;
        code: string | null;
        name: string;
        type: string | null;
        aliases: string[];
        successor: string | null;
        from: string | null;
        to: string | null;
      }[] = [];
      for (const p of provinces.new) {
        const id = `current:${slug(p.name)}`;
        for (const old of p.absorbs) currentIdOf.set(old, id);
        units.push({
          id,
          kind: 'province',
          era: 'current',
          code: null,
          name: p.name,
          type: p.type,
          aliases: [],
          successor: null,
          from: '2025-07-01',
          to: null,
        });
      }
      for (const p of provinces.old) {
        units.push({
          id: `legacy:${p.code}`,
          kind: 'province',
          era: 'legacy',
          code: p.code,
          name: p.name,
          type: p.type,
          aliases: p.aliases,
          successor: currentIdOf.get(p.name) ?? null,
          from: null,
          to: '2025-06-30',
        });
      }
      for (const name of agencies.agencies) {
        units.push({
          id: `agency:${slug(name)}`,
          kind: 'agency',
          era: null,
          code: null,
          name,
          type: null,
          aliases: [],
          successor: null,
          from: null,
          to: null,
        });
      }
      // Two statements however many units: this runs at every start of every instance.
      await m.query(
        `INSERT INTO admin_unit (id, kind, era, code, name, type, aliases, successor_id, valid_from, valid_to)
         SELECT u.id, u.kind, u.era, u.code, u.name, u.type, ARRAY(SELECT json_array_elements_text(u.aliases)), u.successor,
                u."from"::date, u."to"::date
           FROM json_to_recordset($1::json) AS u(id text, kind text, era text, code text, name text, type text, aliases json,
                                                successor text, "from" text, "to" text)
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(units)],
      );
      const keys: string[] = [];
      const unitIds: string[] = [];
      for (const u of units) {
        const unitKeys = new Set([u.name, ...u.aliases].map(provinceKey));
        if (u.code) unitKeys.add(u.code);
        for (const key of unitKeys) {
          keys.push(key);
          unitIds.push(u.id);
        }
      }
      await m.query(
        `INSERT INTO admin_unit_key (key, unit_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
        [keys, unitIds],
      );
    });
  }

  async byKey(key: string): Promise<AdminUnit[]> {
    const rows: UnitRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM admin_unit u WHERE u.id = $1 OR u.id IN (SELECT unit_id FROM admin_unit_key WHERE key = $1)`,
      [key],
    );
    return rows.map(toUnit);
  }

  async list(kind: AdminUnit['kind'], era?: Era): Promise<AdminUnit[]> {
    const rows: UnitRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM admin_unit WHERE kind = $1 AND ($2::text IS NULL OR era = $2) ORDER BY code NULLS LAST, name`,
      [kind, era ?? null],
    );
    return rows.map(toUnit);
  }

  /** The provinces related to these through the 2025 change: the successors of legacy ones and the predecessors of current ones. */
  async relatedProvinces(ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM admin_unit WHERE id = ANY($1) OR successor_id = ANY($1)
       UNION SELECT successor_id FROM admin_unit WHERE id = ANY($1) AND successor_id IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** Adds a central agency (if absent) and every spelling it is known by; returns its id. */
  async addAgency(name: string, aliases: string[]): Promise<{ id: string; created: boolean }> {
    const id = `agency:${slug(name)}`;
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO admin_unit (id, kind, name, aliases) VALUES ($1, 'agency', $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, name, aliases],
      );
      const keys = [...new Set([name, ...aliases].map(provinceKey))];
      await m.query(
        `INSERT INTO admin_unit_key (key, unit_id) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING`,
        [keys, id],
      );
      return { id, created: inserted.length > 0 };
    });
  }

  /** Adds spellings to a unit; returns how many were new. */
  async addAliases(unitId: string, aliases: string[]): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE admin_unit SET aliases = ARRAY(SELECT DISTINCT unnest(aliases || $2::text[])) WHERE id = $1`,
        [unitId, aliases],
      );
      const added: unknown[] = await m.query(
        `INSERT INTO admin_unit_key (key, unit_id) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING RETURNING key`,
        [[...new Set(aliases.map(provinceKey))], unitId],
      );
      return added.length;
    });
  }
}

/**
 * SQL for the province a unit (alias `u` of admin_unit) counts under on a map: on the current map
 * an old province rolls up into the one that absorbed it; on the legacy map a current province
 * stays itself (it cannot be split).
 */
export function provinceOnMapSql(era: Era, u = 'u'): string {
  return era === 'current'
    ? `CASE WHEN ${u}.era = 'legacy' THEN COALESCE(${u}.successor_id, ${u}.id) ELSE ${u}.id END`
    : `${u}.id`;
}
