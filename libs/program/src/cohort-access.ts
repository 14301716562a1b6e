import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@hocba/auth';
import { provinceScope, UnitsService } from '@hocba/units';
import { CohortsRepository, type Cohort } from './cohorts.repository';
import { ProgramError } from './program.errors';

/** A cohort as a signed-in user may reach it: within their provinces, or 404 (as if there were none). */
@Injectable()
export class CohortAccess {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly units: UnitsService,
  ) {}

  async get(id: string, user: AuthUser): Promise<Cohort> {
    const cohort = await this.cohorts.find(id, await provinceScope(user, this.units));
    if (!cohort) throw new ProgramError('cohort.not_found', 'No such cohort');
    return cohort;
  }
}
