import type { AuthUser } from '../../auth/src';
import type { UnitsService } from '../../units/src';

/** The provinces a user may see: null for the national roles (all), else the ids their reach covers. */
export type ProvinceScope = string[] | null;

export async function provinceScope(user: AuthUser, units: UnitsService): Promise<ProvinceScope> {
  if (user.role !== 'coordinator') return null;
  return units.reach(user.provinceIds);
}
