import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Raw, type EntityManager, type Repository } from 'typeorm';
import { JOB_QUEUES } from '@hocba/queue';
import type { ProvinceScope } from '@hocba/units';
import { verificationCode } from './certificate-codes';
import { appendAudit } from '@hocba/audit';
import { CertificateEntity } from './entities/certificate.entity';

export type CertificateState = 'pending' | 'issued' | 'revoked';

export interface CertificateRow {
  id: string;
  enrollmentId: string;
  number: string;
  code: string;
  state: CertificateState;
  requestedAt: string;
  issuedAt: string | null;
  sha256: string | null;
  size: number | null;
  storageKey: string | null;
  fullName: string;
  courseTitle: string;
  cohortTitle: string;
  cohortId: string;
  provinceId: string;
  provinceName: string;
  unit: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  replaces: string | null;
}

/** The certificate with what it prints: as printed once issued, as it would be printed before. */
const SELECT = `
  SELECT ce.id, ce.enrollment_id, ce.number, ce.code, ce.state, ce.requested_at, ce.issued_at, ce.sha256, ce.size,
         ce.storage_key, COALESCE(ce.full_name, l.full_name) AS full_name, COALESCE(ce.course_title, k.title) AS course_title,
         COALESCE(ce.cohort_title, c.title) AS cohort_title, c.id AS cohort_id, c.province_id,
         COALESCE(ce.province_name, u.name) AS province_name, COALESCE(ce.unit, e.unit) AS unit,
         ce.revoked_at, ce.revoke_reason, ce.replaces
    FROM certificate ce JOIN enrollment e ON e.id = ce.enrollment_id JOIN learner l ON l.id = e.learner_id
    JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id JOIN admin_unit u ON u.id = c.province_id`;

/**
 * An enrollment (e, with its progress p) that qualifies for a certificate: the course's rule met,
 * the seat not handed to someone else, and no certificate that is not revoked.
 */
const QUALIFIES = `e.status <> 'replaced' AND p.completed_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM certificate o WHERE o.enrollment_id = e.id AND o.state <> 'revoked')`;

const time = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

function toRow(r: Record<string, unknown>): CertificateRow {
  return {
    id: r.id as string,
    enrollmentId: r.enrollment_id as string,
    number: r.number as string,
    code: r.code as string,
    state: r.state as CertificateState,
    requestedAt: time(r.requested_at) as string,
    issuedAt: time(r.issued_at),
    sha256: r.sha256 as string | null,
    size: r.size as number | null,
    storageKey: r.storage_key as string | null,
    fullName: r.full_name as string,
    courseTitle: r.course_title as string,
    cohortTitle: r.cohort_title as string,
    cohortId: r.cohort_id as string,
    provinceId: r.province_id as string,
    provinceName: r.province_name as string,
    unit: r.unit as string | null,
    revokedAt: time(r.revoked_at),
    revokeReason: r.revoke_reason as string | null,
    replaces: r.replaces as string | null,
  };
}

/** Certificate rows; requests write their outbox rows in the caller's transaction. */
@Injectable()
export class CertificatesRepository {
  constructor(
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Requests a certificate for each of these enrollments that qualifies (its course's rule met,
   * its seat not handed to someone else) and has none: a number from the sequence, a fresh
   * verification code, and an outbox row for the renderer, all in the caller's transaction.
   * `automatic`: only for courses that issue automatically. Answers the certificates requested.
   * SQL: one set-based statement per batch, run by the progress projection inside the statements'
   * transaction (the write path).
   */
  async request(
    m: EntityManager,
    enrollmentIds: string[],
    options: { automatic: boolean; requestedBy?: string | null; replaces?: string },
  ): Promise<{ id: string; enrollmentId: string }[]> {
    if (enrollmentIds.length === 0) return [];
    const ids = [...new Set(enrollmentIds)].sort();
    const codes = ids.map(() => verificationCode());
    const rows: { id: string; enrollment_id: string }[] = await m.query(
      `INSERT INTO certificate (enrollment_id, number, code, requested_by, replaces)
         SELECT e.id, 'HB-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('certificate_number_seq')::text, 6, '0'),
                x.code, $3, $4
           FROM unnest($1::uuid[], $2::text[]) AS x(id, code)
           JOIN enrollment e ON e.id = x.id JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id
           JOIN enrollment_progress p ON p.enrollment_id = e.id
          WHERE ${QUALIFIES}
            AND ($5::boolean IS FALSE OR COALESCE((k.certificates ->> 'auto')::boolean, false))
          ORDER BY e.id
         ON CONFLICT (enrollment_id) WHERE state <> 'revoked' DO NOTHING
         RETURNING id, enrollment_id`,
      [ids, codes, options.requestedBy ?? null, options.replaces ?? null, options.automatic],
    );
    if (rows.length > 0)
      await this.enqueueRender(
        m,
        rows.map((r) => r.id),
      );
    return rows.map((r) => ({ id: r.id, enrollmentId: r.enrollment_id }));
  }

  /** Outbox rows asking the worker to render these certificates (job id: one job per certificate). */
  async enqueueRender(m: EntityManager | DataSource, certificateIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload)
       SELECT $1, 'certificate-render', 'certificate-' || id, json_build_object('certificateId', id)
         FROM unnest($2::uuid[]) AS id`,
      [JOB_QUEUES['certificate-render'], certificateIds],
    );
  }

  /** The enrollments of a cohort that qualify and have no certificate yet. */
  async eligibleInCohort(m: EntityManager, cohortId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT e.id FROM enrollment e JOIN enrollment_progress p ON p.enrollment_id = e.id
        WHERE e.cohort_id = $1 AND ${QUALIFIES}
        ORDER BY e.id`,
      [cohortId],
    );
    return rows.map((r) => r.id);
  }

  async findById(
    id: string,
    m: EntityManager | DataSource = this.dataSource,
  ): Promise<CertificateRow | undefined> {
    const [row]: Record<string, unknown>[] = await m.query(`${SELECT} WHERE ce.id = $1`, [id]);
    return row ? toRow(row) : undefined;
  }

  /** By verification code, within the caller's provinces (null: everywhere). */
  async findByCode(code: string, scope: ProvinceScope): Promise<CertificateRow | undefined> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `${SELECT} WHERE ce.code = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2))`,
      [code, scope],
    );
    return row ? toRow(row) : undefined;
  }

  /** Certificates issued (or revoked) whose PDF had exactly this SHA-256. */
  async findBySha256(sha256: string): Promise<CertificateRow | undefined> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `${SELECT} WHERE ce.sha256 = $1 ORDER BY ce.issued_at LIMIT 1`,
      [sha256],
    );
    return row ? toRow(row) : undefined;
  }

  async listByCohort(cohortId: string, scope: ProvinceScope): Promise<CertificateRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${SELECT} WHERE c.id = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2)) ORDER BY ce.number`,
      [cohortId, scope],
    );
    return rows.map(toRow);
  }

  /**
   * Records a rendered certificate as issued, with what it prints, and the enrollment as certified
   * (first issue only). Does nothing when another run issued it first; answers whether this one did.
   */
  async markIssued(
    id: string,
    issued: { at: Date; sha256: string; size: number; storageKey: string; printed: CertificateRow },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const { raw } = await m
        .createQueryBuilder()
        .update(CertificateEntity)
        .set({
          state: 'issued',
          issuedAt: issued.at,
          sha256: issued.sha256,
          size: issued.size,
          storageKey: issued.storageKey,
          fullName: issued.printed.fullName,
          courseTitle: issued.printed.courseTitle,
          cohortTitle: issued.printed.cohortTitle,
          provinceName: issued.printed.provinceName,
          unit: issued.printed.unit,
        })
        .where({ id, state: 'pending' })
        .returning(['enrollmentId'])
        .execute();
      const rows = raw as { enrollment_id: string }[];
      if (rows.length === 0) return false;
      // The progress lib's table, in this same transaction.
      await m.query(
        `UPDATE enrollment_progress SET certified_at = $2, updated_at = now() WHERE enrollment_id = $1 AND certified_at IS NULL`,
        [rows[0].enrollment_id, issued.at],
      );
      return true;
    });
  }

  /** Revokes a certificate (kept, never deleted); false when it was not issued. */
  async revoke(m: EntityManager, id: string, userId: string, reason: string): Promise<boolean> {
    const { affected } = await m.update(
      CertificateEntity,
      { id, state: 'issued' },
      { state: 'revoked', revokedAt: () => 'now()', revokedBy: userId, revokeReason: reason },
    );
    return (affected ?? 0) > 0;
  }

  async audit(m: EntityManager, userId: string, action: string, id: string, detail: object): Promise<void> {
    await appendAudit(m, { by: userId, action, entity: 'certificate', entityId: id, detail });
  }

  /** Certificates requested a while ago and still not rendered (their job lost with Redis, or failed for good). */
  async stalePending(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.certificates.find({
      select: { id: true },
      where: {
        state: 'pending',
        requestedAt: Raw((at) => `${at} < now() - make_interval(secs => :olderThanSeconds)`, {
          olderThanSeconds,
        }),
      },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }
}
