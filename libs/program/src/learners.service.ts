import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataKeys } from '@hocba/privacy';
import { nameKey } from '@hocba/units';
import { LearnersRepository } from './learners.repository';

/**
 * Learners for the other libs (the program owns the learner table): found by CCCD or platform
 * account, named on a learner's page, erased on request, and re-keyed when the keys rotate.
 * Methods given a manager run in the caller's transaction.
 */
@Injectable()
export class LearnersService {
  constructor(
    private readonly learners: LearnersRepository,
    private readonly keys: PersonalDataKeys,
  ) {}

  /** The learners holding a CCCD, found by its keyed hash under every key of the ring. */
  async findByNationalId(
    nationalId: string,
  ): Promise<{ id: string; fullName: string; enrollments: number; erasedAt: Date | null }[]> {
    const ring = await this.keys.keyring();
    return this.learners.byNationalIdHashes(ring.hashes(nationalId));
  }

  /** The learner of this platform account holding a seat (not replaced) in one of `courses` (null: any). */
  byAccount(homePage: string, name: string, courses: string[] | null): Promise<string | undefined> {
    return this.learners.byAccount(homePage, name, courses);
  }

  fullName(learnerId: string): Promise<string | undefined> {
    return this.learners.fullName(learnerId);
  }

  /** The learner's identifiers and the time of an earlier erasure, locked; undefined when there is none. */
  lockForErasure(m: EntityManager, learnerId: string) {
    return this.learners.lockForErasure(m, learnerId);
  }

  /**
   * Erases what names the learner (name, CCCD, e-mail, phone) and gives them the pseudonymous
   * account; they keep their id and seats. Answers the time of the erasure.
   */
  pseudonymise(
    m: EntityManager,
    learnerId: string,
    erased: { fullName: string; account: { homePage: string; name: string } },
  ): Promise<Date> {
    return this.learners.pseudonymise(m, learnerId, { ...erased, nameKey: nameKey(erased.fullName) });
  }

  /**
   * Rotation: re-seals and re-hashes, under the current key, every CCCD sealed with another one, a
   * thousand learners per transaction. Safe to run while the service runs (lookups try every key).
   */
  async rekey(): Promise<{ learners: number }> {
    const ring = await this.keys.keyring();
    let learners = 0;
    for (;;) {
      const done = await this.learners.rekeyBatch(ring);
      if (done === 0) return { learners };
      learners += done;
    }
  }
}
