import { ConflictException, Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import type { AuthUser } from '../../auth/src';
import type { Cohort } from './cohorts.repository';
import { EnrollmentsRepository, RowConflict, type EnrollmentView } from './enrollments.repository';
import { parseLearner, type LearnerInput, type RowError } from './learner-input';
import type { ProvinceScope } from './scope';

/** Enrollment rules: learners are one person across cohorts; a seat is deducted or replaced, never deleted. */
@Injectable()
export class EnrollmentsService {
  constructor(private readonly enrollments: EnrollmentsRepository) {}

  /**
   * Enrolls learners into a cohort. Each good row is applied; each bad row comes back with its
   * field and reason and writes nothing. Sending the same list again changes nothing.
   */
  async enroll(cohort: Cohort, rows: Record<string, unknown>[], user: AuthUser): Promise<{ created: number; updated: number; errors: RowError[] }> {
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const good: { row: number; learner: LearnerInput }[] = [];
    rows.forEach((raw, i) => {
      const row = i + 1;
      const parsed = parseLearner(raw, row);
      if (!parsed.learner) return errors.push(...parsed.errors);
      const keys = [parsed.learner.nationalId && `cccd:${parsed.learner.nationalId}`, parsed.learner.account && `acct:${parsed.learner.account.homePage}|${parsed.learner.account.name}`];
      const earlier = keys.map((k) => k && seen.get(k)).find((r) => r !== undefined);
      if (earlier !== undefined) {
        return errors.push({ row, field: parsed.learner.nationalId ? 'nationalId' : 'account', message: `the same learner as row ${earlier}` });
      }
      for (const k of keys) if (k) seen.set(k, row);
      good.push({ row, learner: parsed.learner });
    });

    let created = 0;
    let updated = 0;
    await this.enrollments.transaction(async (m) => {
      for (const { row, learner } of good) {
        // A savepoint per row: a row that fails leaves nothing behind, and the others go on.
        await m.query('SAVEPOINT learner_row');
        try {
          const l = await this.enrollments.upsertLearner(m, learner);
          const other = await this.enrollments.otherActiveCohort(m, l.id, cohort.id);
          if (other) throw new RowConflict(learner.nationalId ? 'nationalId' : 'account', `already enrolled in cohort ${other} of this course`);
          const e = await this.enrollments.upsertEnrollment(m, { cohortId: cohort.id, learnerId: l.id, unit: learner.unit, level: learner.level, sector: learner.sector });
          if (e.created) {
            created++;
            await this.enrollments.audit(m, user.id, 'enrolled', e.id, { cohortId: cohort.id });
          } else if (e.changed || l.changed) updated++;
          await m.query('RELEASE SAVEPOINT learner_row');
        } catch (error) {
          await m.query('ROLLBACK TO SAVEPOINT learner_row');
          if (!(error instanceof RowConflict)) throw error;
          errors.push({ row, field: error.field, message: error.message });
        }
      }
    });
    errors.sort((a, b) => a.row - b.row);
    return { created, updated, errors };
  }

  list(cohort: Cohort, status?: string): Promise<EnrollmentView[]> {
    if (status !== undefined && !['active', 'deducted', 'replaced'].includes(status)) {
      throw new BadRequestException('status must be active, deducted or replaced');
    }
    return this.enrollments.list(cohort.id, status);
  }

  async deduct(id: string, input: { reason: string; effectiveOn: string }, user: AuthUser, scope: ProvinceScope): Promise<void> {
    await this.enrollments.transaction(async (m) => {
      const e = await this.enrollments.findForUpdate(m, id, scope);
      if (!e) throw new NotFoundException('No such enrollment');
      if (e.status !== 'active') throw new ConflictException(`The enrollment is ${e.status}; only an active one can be deducted`);
      await this.enrollments.setStatus(m, id, 'deducted', { reason: input.reason, on: input.effectiveOn });
      await this.enrollments.audit(m, user.id, 'deducted', id, input);
    });
  }

  async undoDeduction(id: string, user: AuthUser, scope: ProvinceScope): Promise<void> {
    await this.enrollments.transaction(async (m) => {
      const e = await this.enrollments.findForUpdate(m, id, scope);
      if (!e) throw new NotFoundException('No such enrollment');
      if (e.status !== 'deducted') throw new ConflictException(`The enrollment is ${e.status}, not deducted`);
      await this.enrollments.setStatus(m, id, 'active', {});
      await this.enrollments.audit(m, user.id, 'deduction-undone', id, {});
    });
  }

  /** The new learner takes the seat: a new enrollment in the same cohort; the old one stays, marked replaced. */
  async replace(id: string, raw: Record<string, unknown>, user: AuthUser, scope: ProvinceScope): Promise<{ enrollmentId: string }> {
    const parsed = parseLearner(raw, 1);
    if (!parsed.learner) throw new BadRequestException(parsed.errors.map((e) => `learner.${e.field}: ${e.message}`).join('; '));
    const learner = parsed.learner;
    return this.enrollments.transaction(async (m) => {
      const old = await this.enrollments.findForUpdate(m, id, scope);
      if (!old) throw new NotFoundException('No such enrollment');
      if (old.status !== 'active') throw new ConflictException(`The enrollment is ${old.status}; only an active one can be replaced`);
      const l = await this.enrollments.upsertLearner(m, learner);
      const other = await this.enrollments.otherActiveCohort(m, l.id, old.cohortId);
      if (other) throw new ConflictException(`The new learner is already enrolled in cohort ${other} of this course`);
      const e = await this.enrollments.upsertEnrollment(m, { cohortId: old.cohortId, learnerId: l.id, unit: learner.unit, level: learner.level, sector: learner.sector, replaces: id });
      if (!e.created) throw new ConflictException('The new learner already has a seat in this cohort');
      await this.enrollments.setStatus(m, id, 'replaced', { replacedBy: e.id });
      await this.enrollments.audit(m, user.id, 'replaced', id, { by: e.id });
      return { enrollmentId: e.id };
    });
  }

  /** Undoes a replacement: the old enrollment is active again and the replacing one is removed. */
  async undoReplacement(id: string, user: AuthUser, scope: ProvinceScope): Promise<void> {
    await this.enrollments.transaction(async (m) => {
      const old = await this.enrollments.findForUpdate(m, id, scope);
      if (!old) throw new NotFoundException('No such enrollment');
      if (old.status !== 'replaced' || !old.replacedBy) throw new ConflictException(`The enrollment is ${old.status}, not replaced`);
      await this.enrollments.setStatus(m, id, 'active', {});
      await this.enrollments.remove(m, old.replacedBy);
      await this.enrollments.audit(m, user.id, 'replacement-undone', id, { removed: old.replacedBy });
    });
  }
}
