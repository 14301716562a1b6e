import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LearnerInput } from './learner-input';
import type { ProvinceScope } from './scope';

export interface EnrollmentView {
  id: string;
  cohortId: string;
  status: 'active' | 'deducted' | 'replaced';
  unit: string | null;
  level: string | null;
  sector: string | null;
  deductionReason: string | null;
  deductedOn: string | null;
  replacedBy: string | null;
  replaces: string | null;
  learner: { id: string; fullName: string; nationalId: string | null; email: string | null; phone: string | null; account: { homePage: string; name: string } | null };
}

export class RowConflict extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

@Injectable()
export class EnrollmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The learner these details name (by CCCD, else by platform account), created or brought up to
   * date. Returns its id and whether anything changed. Throws RowConflict when CCCD and account name
   * two different people.
   */
  async upsertLearner(m: EntityManager, l: LearnerInput): Promise<{ id: string; created: boolean; changed: boolean }> {
    const byId: { id: string }[] = l.nationalId ? await m.query(`SELECT id FROM learner WHERE national_id = $1 FOR UPDATE`, [l.nationalId]) : [];
    const byAccount: { id: string }[] = l.account
      ? await m.query(`SELECT id FROM learner WHERE account_home_page = $1 AND account_name = $2 FOR UPDATE`, [l.account.homePage, l.account.name])
      : [];
    if (byId[0] && byAccount[0] && byId[0].id !== byAccount[0].id) {
      throw new RowConflict('account', 'account belongs to another learner than this nationalId');
    }
    const existing = byId[0] ?? byAccount[0];
    const values = [l.fullName, l.nameKey, l.nationalId ?? null, l.email ?? null, l.phone ?? null, l.account?.homePage ?? null, l.account?.name ?? null];
    if (!existing) {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO learner (full_name, name_key, national_id, email, phone, account_home_page, account_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        values,
      );
      return { id: row.id, created: true, changed: true };
    }
    // Fields not sent keep their values; a re-sent identical row changes nothing.
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected]: [unknown[], number] = await m.query(
      `UPDATE learner SET full_name = $2, name_key = $3, national_id = COALESCE($4, national_id), email = COALESCE($5, email),
              phone = COALESCE($6, phone), account_home_page = COALESCE($7, account_home_page), account_name = COALESCE($8, account_name)
        WHERE id = $1 AND (full_name IS DISTINCT FROM $2 OR national_id IS DISTINCT FROM COALESCE($4, national_id)
              OR email IS DISTINCT FROM COALESCE($5, email) OR phone IS DISTINCT FROM COALESCE($6, phone)
              OR account_home_page IS DISTINCT FROM COALESCE($7, account_home_page) OR account_name IS DISTINCT FROM COALESCE($8, account_name))
        RETURNING id`,
      [existing.id, ...values],
    );
    return { id: existing.id, created: false, changed: affected > 0 };
  }

  /** Another cohort of the same course in which this learner holds an active seat. */
  async otherActiveCohort(m: EntityManager, learnerId: string, cohortId: string): Promise<string | undefined> {
    const rows: { code: string }[] = await m.query(
      `SELECT o.code FROM enrollment e JOIN cohort o ON o.id = e.cohort_id
        WHERE e.learner_id = $1 AND e.status = 'active' AND o.id <> $2
          AND o.course_id = (SELECT course_id FROM cohort WHERE id = $2) LIMIT 1`,
      [learnerId, cohortId],
    );
    return rows[0]?.code;
  }

  async upsertEnrollment(
    m: EntityManager,
    e: { cohortId: string; learnerId: string; unit?: string; level?: string; sector?: string; replaces?: string },
  ): Promise<{ id: string; created: boolean; changed: boolean }> {
    const rows: { id: string; created: boolean }[] = await m.query(
      `INSERT INTO enrollment (cohort_id, learner_id, unit, level, sector, replaces) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT uq_enrollment_cohort_learner DO UPDATE
         SET unit = COALESCE(EXCLUDED.unit, enrollment.unit), level = COALESCE(EXCLUDED.level, enrollment.level),
             sector = COALESCE(EXCLUDED.sector, enrollment.sector), updated_at = now()
         WHERE (enrollment.unit, enrollment.level, enrollment.sector) IS DISTINCT FROM
               (COALESCE(EXCLUDED.unit, enrollment.unit), COALESCE(EXCLUDED.level, enrollment.level), COALESCE(EXCLUDED.sector, enrollment.sector))
       RETURNING id, (xmax = 0) AS created`,
      [e.cohortId, e.learnerId, e.unit ?? null, e.level ?? null, e.sector ?? null, e.replaces ?? null],
    );
    if (rows[0]) return { id: rows[0].id, created: rows[0].created, changed: true };
    const [same]: { id: string }[] = await m.query(`SELECT id FROM enrollment WHERE cohort_id = $1 AND learner_id = $2`, [e.cohortId, e.learnerId]);
    return { id: same.id, created: false, changed: false };
  }

  /** One enrollment, if the caller's scope reaches its cohort's province; locked for update inside a transaction. */
  async findForUpdate(m: EntityManager, id: string, scope: ProvinceScope): Promise<{ id: string; cohortId: string; status: string; replacedBy: string | null } | undefined> {
    const rows: { id: string; cohort_id: string; status: string; replaced_by: string | null }[] = await m.query(
      `SELECT e.id, e.cohort_id, e.status, e.replaced_by FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
        WHERE e.id = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2)) FOR UPDATE OF e`,
      [id, scope],
    );
    return rows[0] && { id: rows[0].id, cohortId: rows[0].cohort_id, status: rows[0].status, replacedBy: rows[0].replaced_by };
  }

  async setStatus(m: EntityManager, id: string, status: string, fields: { reason?: string | null; on?: string | null; replacedBy?: string | null }): Promise<void> {
    await m.query(
      `UPDATE enrollment SET status = $2, deduction_reason = $3, deducted_on = $4, replaced_by = $5, updated_at = now() WHERE id = $1`,
      [id, status, fields.reason ?? null, fields.on ?? null, fields.replacedBy ?? null],
    );
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM enrollment WHERE id = $1`, [id]);
  }

  async audit(m: EntityManager, userId: string, action: string, entityId: string, detail: object): Promise<void> {
    await m.query(`INSERT INTO audit_log (user_id, action, entity, entity_id, detail) VALUES ($1, $2, 'enrollment', $3, $4)`, [userId, action, entityId, JSON.stringify(detail)]);
  }

  async list(cohortId: string, status: string | undefined): Promise<EnrollmentView[]> {
    const rows: Record<string, string | null>[] = await this.dataSource.query(
      `SELECT e.id, e.cohort_id, e.status, e.unit, e.level, e.sector, e.deduction_reason, to_char(e.deducted_on, 'YYYY-MM-DD') AS deducted_on,
              e.replaced_by, e.replaces, l.id AS learner_id, l.full_name, l.national_id, l.email, l.phone, l.account_home_page, l.account_name
         FROM enrollment e JOIN learner l ON l.id = e.learner_id
        WHERE e.cohort_id = $1 AND ($2::text IS NULL OR e.status = $2) ORDER BY l.name_key, e.id`,
      [cohortId, status ?? null],
    );
    return rows.map((r) => ({
      id: r.id as string,
      cohortId: r.cohort_id as string,
      status: r.status as EnrollmentView['status'],
      unit: r.unit,
      level: r.level,
      sector: r.sector,
      deductionReason: r.deduction_reason,
      deductedOn: r.deducted_on,
      replacedBy: r.replaced_by,
      replaces: r.replaces,
      learner: {
        id: r.learner_id as string,
        fullName: r.full_name as string,
        nationalId: r.national_id,
        email: r.email,
        phone: r.phone,
        account: r.account_home_page && r.account_name ? { homePage: r.account_home_page, name: r.account_name } : null,
      },
    }));
  }
}
