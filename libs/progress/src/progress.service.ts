import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProgressRepository, type SeatMilestones } from './progress.repository';

/** Large id lists are read in chunks (a course edit checks every seat of the course). */
const CHUNK = 10_000;

/**
 * Learner progress for the other libs: the progress lib owns enrollment_progress and
 * unmatched_actor, and the program, the certificates and an erasure read and change them here.
 * Methods given a manager run in the caller's transaction.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly repository: ProgressRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Each seat's milestones (a seat without progress yet is left out). */
  milestones(enrollmentIds: string[], m?: EntityManager): Promise<Map<string, SeatMilestones>> {
    return this.repository.milestones(m ?? this.dataSource, enrollmentIds);
  }

  /** Of these seats, those whose course's rule is met. */
  completed(m: EntityManager, enrollmentIds: string[]): Promise<string[]> {
    return this.repository.completed(m, enrollmentIds);
  }

  /** Whether any of these seats has progress (activated, started, or an activity recorded). */
  async anyProgress(m: EntityManager, enrollmentIds: string[]): Promise<boolean> {
    for (let i = 0; i < enrollmentIds.length; i += CHUNK)
      if (await this.repository.anyProgress(m, enrollmentIds.slice(i, i + CHUNK))) return true;
    return false;
  }

  /** The seat's first certificate was issued at `at` (a later one leaves the time as it was). */
  markCertified(m: EntityManager, enrollmentId: string, at: Date): Promise<void> {
    return this.repository.markCertified(m, enrollmentId, at);
  }

  /** Forgets the unmatched statements of these actor keys (a learner's erasure). */
  forgetUnmatched(m: EntityManager, agentKeys: string[]): Promise<void> {
    return this.repository.forgetUnmatched(m, agentKeys);
  }
}
