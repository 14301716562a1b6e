import type { UnitsService } from './units.service';

/** The provinces a user may see: null for the national roles (all), else the ids their reach covers. */
export type ProvinceScope = string[] | null;

/** Takes the user's role and provinces (auth's AuthUser fits) so that units need not know auth. */
export async function provinceScope(
  user: { role: string; provinceIds: string[] },
  units: UnitsService,
): Promise<ProvinceScope> {
  if (user.role !== 'coordinator') return null;
  return units.reach(user.provinceIds);
}
