import { Injectable } from '@nestjs/common';
import { UserDirectory, type AuthUser } from '@hocba/auth';
import { HocbaError, invalidField } from '@hocba/errors';
import type { Cohort } from './cohorts.repository';
import type { EntityManager } from 'typeorm';
import { ProgressProjection, ProgressService } from '@hocba/progress';
import {
  EnrollmentsRepository,
  type BatchItem,
  type EnrollmentView,
  type LearnerSeat,
  type SeatDescription,
  type Writer,
} from './enrollments.repository';
import { parseLearner, type RowError } from './learner-input';
import { checkDeductionDate } from './deduction-date';
import { provinceScope, UnitsService, vietnamDay, type ProvinceScope } from '@hocba/units';
import { ProgramError } from './program.errors';

/** Rows per set-based write: large enough to amortise round trips, small enough for PostgreSQL's parameters. */
const BATCH_SIZE = 1_000;
/** New seats after which the learner and enrollment statistics are refreshed. */
const ANALYZE_AFTER = 1_000;

/** One learner row as sent: `row` is what errors cite (1-based in JSON, the sheet's row in a file). */
export interface EnrollRow {
  row: number;
  raw: Record<string, unknown>;
  /** Problems found before parsing (an unknown level in a file). */
  errors?: RowError[];
}

export interface EnrollResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /**
   * Rows applied, but not all as sent: an existing learner's identity field the writer may not
   * change (they hold seats in another province), each with the field and why.
   */
  notices: RowError[];
  /** Each row that creates or changes something, and what. */
  changes: { row: number; action: 'created' | 'updated'; enrollmentId: string | null }[];
}

export interface EnrollOptions {
  dryRun?: boolean;
  onProgress?: (fraction: number) => Promise<void> | void;
  afterWrite?: (m: EntityManager, result: EnrollResult) => Promise<void>;
}

class DryRunRollback extends Error {}

const NO_MILESTONES: EnrollmentView['milestones'] = {
  activatedAt: null,
  startedAt: null,
  completedAt: null,
  passedAt: null,
  certifiedAt: null,
};

/** Enrollment rules: learners are one person across cohorts; a seat is deducted or replaced, never deleted. */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly progress: ProgressProjection,
    private readonly milestones: ProgressService,
    private readonly units: UnitsService,
    private readonly users: UserDirectory,
  ) {}

  /**
   * Who an import job writes as: its creator's role and provinces as they are when it runs. A job
   * without a creator, or whose creator is gone or disabled, writes as a coordinator of nowhere: it
   * may still enroll, but changes no identity of anyone holding a seat.
   */
  async writerOf(userId: string | null): Promise<Writer> {
    const user = userId ? await this.users.activeUser(userId) : undefined;
    return { userId, scope: user ? await provinceScope(user, this.units) : [] };
  }

  /**
   * Enrolls learners into a cohort. Each good row is applied; each bad row comes back with its
   * field and reason and writes nothing. Sending the same list again changes nothing. A dry run
   * does exactly the same work and rolls it back, so it shows exactly what would change.
   * `afterWrite` runs inside the transaction (a job records its result there).
   */
  async enroll(
    cohort: Cohort,
    rows: EnrollRow[],
    writer: Writer,
    options: EnrollOptions = {},
  ): Promise<EnrollResult> {
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const good: BatchItem[] = [];
    for (const { row, raw, errors: known = [] } of rows) {
      const parsed = parseLearner(raw, row);
      if (!parsed.learner || known.length > 0) {
        errors.push(...known, ...parsed.errors);
        continue;
      }
      const l = parsed.learner;
      const keys = [
        l.nationalId && `cccd:${l.nationalId}`,
        l.account && `acct:${l.account.homePage}|${l.account.name}`,
      ];
      const earlier = keys.map((k) => k && seen.get(k)).find((r) => r !== undefined);
      if (earlier !== undefined) {
        errors.push({
          row,
          field: l.nationalId ? 'nationalId' : 'account',
          message: `the same learner as row ${earlier}`,
        });
        continue;
      }
      for (const k of keys) if (k) seen.set(k, row);
      good.push({ row, learner: l });
    }

    const result: EnrollResult = {
      dryRun: options.dryRun === true,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors,
      notices: [],
      changes: [],
    };
    /** Seats rebuilt because their learner's account or e-mail changed. */
    const rebuilt: string[] = [];
    const work = async (m: EntityManager) => {
      for (let i = 0; i < good.length; i += BATCH_SIZE) {
        const batch = await this.enrollments.enrollBatch(m, cohort.id, good.slice(i, i + BATCH_SIZE), writer);
        // Statements that arrived before the learner was enrolled count from now on; so do those
        // of a corrected account or e-mail, on every seat of that learner.
        if (!options.dryRun) {
          const outcomes = [...batch.outcomes.values()];
          const rematched = await this.enrollments.activeSeatsOf(
            m,
            outcomes.flatMap((o) => (o.rematched ? [o.learnerId] : [])),
          );
          rebuilt.push(...rematched);
          await this.progress.rebuild(m, [
            ...new Set([
              ...outcomes.flatMap((o) => (o.action === 'created' && o.enrollmentId ? [o.enrollmentId] : [])),
              ...rematched,
            ]),
          ]);
        }
        errors.push(...batch.errors);
        result.notices.push(...batch.notices);
        for (const [row, outcome] of batch.outcomes) {
          result[outcome.action]++;
          if (outcome.action !== 'unchanged')
            result.changes.push({
              row,
              action: outcome.action,
              enrollmentId: options.dryRun ? null : (outcome.enrollmentId ?? null),
            });
        }
        await options.onProgress?.(Math.min(good.length, i + BATCH_SIZE) / Math.max(1, good.length));
      }
      errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
      result.notices.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
      result.changes.sort((a, b) => a.row - b.row);
      await options.afterWrite?.(m, result);
      if (options.dryRun) throw new DryRunRollback();
    };
    try {
      await this.enrollments.transaction(work);
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    // Statements that raced the new seats' commit count too (ProgressProjection.settle).
    if (!options.dryRun)
      await this.progress.settle([
        ...new Set([
          ...result.changes.flatMap((c) =>
            c.action === 'created' && c.enrollmentId ? [c.enrollmentId] : [],
          ),
          ...rebuilt,
        ]),
      ]);
    // A large import changes the tables' shape at once; until autovacuum catches up (a minute or
    // more) the planner would scan whole tables to match each statement to its learner.
    if (!options.dryRun && result.created >= ANALYZE_AFTER) await this.enrollments.analyze();
    return result;
  }

  async list(cohort: Cohort, status?: string): Promise<EnrollmentView[]> {
    if (status !== undefined && !['active', 'deducted', 'replaced'].includes(status)) {
      throw invalidField('status', 'isIn', 'status must be active, deducted or replaced');
    }
    const seats = await this.enrollments.list(cohort.id, status);
    const reached = await this.milestones.milestones(seats.map((s) => s.id));
    // Milestones before the learner, as the answer has always listed them.
    return seats.map(({ learner, ...seat }) => ({
      ...seat,
      milestones: reached.get(seat.id) ?? NO_MILESTONES,
      learner,
    }));
  }

  /** Seats by id, as another lib shows them (a certificate prints them); inside `m` when given. */
  describe(ids: string[], m?: EntityManager): Promise<Map<string, SeatDescription>> {
    return this.enrollments.describe(m ?? this.enrollments.dataSource, [...new Set(ids)]);
  }

  /** Every seat of a cohort, described, if the caller's scope reaches it (none otherwise). */
  describeCohort(cohortId: string, scope: ProvinceScope): Promise<Map<string, SeatDescription>> {
    return this.enrollments.describeCohort(cohortId, scope);
  }

  /** The seats of a cohort not handed to someone else, in id order. */
  unreplacedOfCohort(m: EntityManager, cohortId: string): Promise<string[]> {
    return this.enrollments.unreplacedOfCohort(m, cohortId);
  }

  /** Every seat a learner has held, whatever its status; inside `m` when given. */
  idsOfLearner(learnerId: string, m?: EntityManager): Promise<string[]> {
    return this.enrollments.idsOfLearner(m ?? this.enrollments.dataSource, learnerId);
  }

  /** A learner's seats (not replaced) of `courses` (null: all), in the order their cohorts were made. */
  seatsOfLearner(learnerId: string, courses: string[] | null): Promise<LearnerSeat[]> {
    return this.enrollments.seatsOfLearner(learnerId, courses);
  }

  /**
   * Of these seats, those the program lets have a certificate: not handed to someone else, and
   * (`automatic`) of a course that issues certificates automatically.
   */
  certifiable(m: EntityManager, ids: string[], automatic: boolean): Promise<string[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.enrollments.certifiable(m, ids, automatic);
  }

  async deduct(
    id: string,
    input: { reason: string; effectiveOn: string },
    user: AuthUser,
    scope: ProvinceScope,
  ): Promise<void> {
    checkDeductionDate(input.effectiveOn, vietnamDay(new Date()));
    await this.enrollments.transaction(async (m) => {
      const e = await this.enrollments.findForUpdate(m, id, scope);
      if (!e) throw new ProgramError('enrollment.not_found', 'No such enrollment');
      if (e.status !== 'active')
        throw new ProgramError(
          'enrollment.wrong_status',
          `The enrollment is ${e.status}; only an active one can be deducted`,
          { params: { status: e.status } },
        );
      await this.enrollments.setStatus(m, id, 'deducted', { reason: input.reason, on: input.effectiveOn });
      await this.enrollments.audit(m, user.id, 'deducted', id, input);
    });
  }

  async undoDeduction(id: string, user: AuthUser, scope: ProvinceScope): Promise<void> {
    await this.enrollments.transaction(async (m) => {
      const e = await this.enrollments.findForUpdate(m, id, scope);
      if (!e) throw new ProgramError('enrollment.not_found', 'No such enrollment');
      if (e.status !== 'deducted')
        throw new ProgramError('enrollment.wrong_status', `The enrollment is ${e.status}, not deducted`, {
          params: { status: e.status },
        });
      await this.enrollments.setStatus(m, id, 'active', {});
      await this.enrollments.audit(m, user.id, 'deduction-undone', id, {});
    });
  }

  /** The new learner takes the seat: a new enrollment in the same cohort; the old one stays, marked replaced. */
  async replace(
    id: string,
    raw: Record<string, unknown>,
    user: AuthUser,
    scope: ProvinceScope,
    reason?: string,
  ): Promise<{ enrollmentId: string; notices: { field: string; message: string }[] }> {
    const parsed = parseLearner(raw, 1);
    if (!parsed.learner)
      throw new HocbaError(
        'validation.failed',
        parsed.errors.map((e) => `learner.${e.field}: ${e.message}`).join('; '),
        {
          errors: parsed.errors.map((e) => ({
            field: `learner.${e.field}`,
            rule: 'invalid',
            message: `learner.${e.field}: ${e.message}`,
          })),
        },
      );
    const learner = parsed.learner;
    const replaced = await this.enrollments.transaction(async (m) => {
      const old = await this.enrollments.findForUpdate(m, id, scope);
      if (!old) throw new ProgramError('enrollment.not_found', 'No such enrollment');
      if (old.status !== 'active')
        throw new ProgramError(
          'enrollment.wrong_status',
          `The enrollment is ${old.status}; only an active one can be replaced`,
          { params: { status: old.status } },
        );
      const { outcomes, errors, notices } = await this.enrollments.enrollBatch(
        m,
        old.cohortId,
        [{ row: 1, learner, replaces: id }],
        { userId: user.id, scope },
      );
      if (errors[0])
        throw new ProgramError(
          'enrollment.learner_conflict',
          `learner.${errors[0].field}: ${errors[0].message}`,
          { field: `learner.${errors[0].field}` },
        );
      const seat = outcomes.get(1);
      if (seat?.action !== 'created' || !seat.enrollmentId)
        throw new ProgramError(
          'enrollment.already_seated',
          'The new learner already has a seat in this cohort',
        );
      await this.progress.rebuild(m, [seat.enrollmentId]);
      await this.enrollments.setStatus(m, id, 'replaced', { replacedBy: seat.enrollmentId });
      await this.enrollments.audit(m, user.id, 'replaced', id, {
        by: seat.enrollmentId,
        ...(reason ? { reason: reason.normalize('NFC') } : {}),
      });
      return {
        enrollmentId: seat.enrollmentId,
        notices: notices.map((n) => ({ field: `learner.${n.field}`, message: n.message })),
      };
    });
    await this.progress.settle([replaced.enrollmentId]);
    return replaced;
  }

  /** Undoes a replacement: the old enrollment is active again and the replacing one is removed. */
  async undoReplacement(id: string, user: AuthUser, scope: ProvinceScope): Promise<void> {
    await this.enrollments.transaction(async (m) => {
      const old = await this.enrollments.findForUpdate(m, id, scope);
      if (!old) throw new ProgramError('enrollment.not_found', 'No such enrollment');
      if (old.status !== 'replaced' || !old.replacedBy)
        throw new ProgramError('enrollment.wrong_status', `The enrollment is ${old.status}, not replaced`, {
          params: { status: old.status },
        });
      await this.enrollments.setStatus(m, id, 'active', {});
      await this.enrollments.remove(m, old.replacedBy);
      await this.enrollments.audit(m, user.id, 'replacement-undone', id, { removed: old.replacedBy });
    });
  }
}
