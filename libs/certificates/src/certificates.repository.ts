import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Raw, type EntityManager, type Repository } from 'typeorm';
import { appendAudit } from '@hocba/audit';
import { OutboxRepository } from '@hocba/jobs';
import { EnrollmentsService, type SeatDescription } from '@hocba/program';
import { ProgressService } from '@hocba/progress';
import type { ProvinceScope } from '@hocba/units';
import { verificationCode } from './certificate-codes';
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

/**
 * The certificate's own columns; what it prints is taken from its seat (the program's) until it is
 * issued, then kept as printed (full_name, course_title…).
 */
const COLUMNS = `SELECT ce.id, ce.enrollment_id, ce.number, ce.code, ce.state, ce.requested_at, ce.issued_at, ce.sha256, ce.size,
                        ce.storage_key, ce.full_name, ce.course_title, ce.cohort_title, ce.province_name, ce.unit,
                        ce.revoked_at, ce.revoke_reason, ce.replaces
                   FROM certificate ce`;

const time = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

/** The certificate with what it prints: as printed once issued, as its seat reads before. */
function toRow(r: Record<string, unknown>, seat: SeatDescription): CertificateRow {
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
    fullName: (r.full_name as string | null) ?? seat.fullName,
    courseTitle: (r.course_title as string | null) ?? seat.courseTitle,
    cohortTitle: (r.cohort_title as string | null) ?? seat.cohortTitle,
    cohortId: seat.cohortId,
    provinceId: seat.provinceId,
    provinceName: (r.province_name as string | null) ?? seat.provinceName,
    unit: (r.unit as string | null) ?? seat.unit,
    revokedAt: time(r.revoked_at),
    revokeReason: r.revoke_reason as string | null,
    replaces: r.replaces as string | null,
  };
}

/**
 * Certificate rows; requests write their outbox rows in the caller's transaction. What a
 * certificate prints and whether a seat qualifies are asked of their owners: the program (the
 * seat, its learner, cohort and course) and progress (the course's rule met).
 */
@Injectable()
export class CertificatesRepository {
  constructor(
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsService,
    private readonly progress: ProgressService,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Rows with their seats (a certificate whose seat is gone is left out, as it always was). */
  private async withSeats(rows: Record<string, unknown>[], m?: EntityManager): Promise<CertificateRow[]> {
    const seats = await this.enrollments.describe(
      rows.map((r) => r.enrollment_id as string),
      m,
    );
    return rows.flatMap((r) => {
      const seat = seats.get(r.enrollment_id as string);
      return seat ? [toRow(r, seat)] : [];
    });
  }

  /**
   * Of these seats (in id order), those that qualify for a certificate: the program lets them
   * have one (not handed to someone else; `automatic`: the course issues them automatically) and
   * progress has their course's rule met. Whether they hold one already is this lib's to check.
   */
  private async qualifying(m: EntityManager, ids: string[], automatic: boolean): Promise<string[]> {
    const completed = new Set(
      await this.progress.completed(m, await this.enrollments.certifiable(m, ids, automatic)),
    );
    return ids.filter((id) => completed.has(id));
  }

  /**
   * Requests a certificate for each of these enrollments that qualifies (its course's rule met,
   * its seat not handed to someone else) and has none: a number from the sequence, a fresh
   * verification code, and an outbox row for the renderer, all in the caller's transaction.
   * `automatic`: only for courses that issue automatically. Answers the certificates requested.
   * SQL: set-based, a statement per step whatever the batch, run by the progress projection inside
   * the statements' transaction (the write path) when seats complete.
   */
  async request(
    m: EntityManager,
    enrollmentIds: string[],
    options: { automatic: boolean; requestedBy?: string | null; replaces?: string },
  ): Promise<{ id: string; enrollmentId: string }[]> {
    if (enrollmentIds.length === 0) return [];
    const ids = await this.qualifying(m, [...new Set(enrollmentIds)].sort(), options.automatic);
    if (ids.length === 0) return [];
    const codes = ids.map(() => verificationCode());
    const rows: { id: string; enrollment_id: string }[] = await m.query(
      `INSERT INTO certificate (enrollment_id, number, code, requested_by, replaces)
         SELECT x.id, 'HB-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('certificate_number_seq')::text, 6, '0'),
                x.code, $3, $4
           FROM unnest($1::uuid[], $2::text[]) AS x(id, code)
          WHERE NOT EXISTS (SELECT 1 FROM certificate o WHERE o.enrollment_id = x.id AND o.state <> 'revoked')
          ORDER BY x.id
         ON CONFLICT (enrollment_id) WHERE state <> 'revoked' DO NOTHING
         RETURNING id, enrollment_id`,
      [ids, codes, options.requestedBy ?? null, options.replaces ?? null],
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
    await this.outbox.add(
      m,
      'certificate-render',
      certificateIds.map((id) => ({ jobId: `certificate-${id}`, payload: { certificateId: id } })),
    );
  }

  /** The enrollments of a cohort that qualify and have no certificate yet (none revoked aside). */
  async eligibleInCohort(m: EntityManager, cohortId: string): Promise<string[]> {
    const candidates = await this.qualifying(
      m,
      await this.enrollments.unreplacedOfCohort(m, cohortId),
      false,
    );
    if (candidates.length === 0) return [];
    const holding: { enrollment_id: string }[] = await m.query(
      `SELECT enrollment_id FROM certificate WHERE enrollment_id = ANY($1::uuid[]) AND state <> 'revoked'`,
      [candidates],
    );
    const held = new Set(holding.map((c) => c.enrollment_id));
    return candidates.filter((id) => !held.has(id));
  }

  async findById(id: string, m?: EntityManager): Promise<CertificateRow | undefined> {
    const rows: Record<string, unknown>[] = await (m ?? this.dataSource).query(
      `${COLUMNS} WHERE ce.id = $1`,
      [id],
    );
    return (await this.withSeats(rows, m))[0];
  }

  /** By verification code, within the caller's provinces (null: everywhere). */
  async findByCode(code: string, scope: ProvinceScope): Promise<CertificateRow | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`${COLUMNS} WHERE ce.code = $1`, [
      code,
    ]);
    const [row] = await this.withSeats(rows);
    return row && (scope === null || scope.includes(row.provinceId)) ? row : undefined;
  }

  /** Certificates issued (or revoked) whose PDF had exactly this SHA-256. */
  async findBySha256(sha256: string): Promise<CertificateRow | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${COLUMNS} WHERE ce.sha256 = $1 ORDER BY ce.issued_at LIMIT 1`,
      [sha256],
    );
    return (await this.withSeats(rows))[0];
  }

  async listByCohort(cohortId: string, scope: ProvinceScope): Promise<CertificateRow[]> {
    const seats = await this.enrollments.describeCohort(cohortId, scope);
    if (seats.size === 0) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${COLUMNS} WHERE ce.enrollment_id = ANY($1::uuid[]) ORDER BY ce.number`,
      [[...seats.keys()]],
    );
    return rows.map((r) => toRow(r, seats.get(r.enrollment_id as string)!));
  }

  /** The certificates of these seats, of every state, in the order they were issued. */
  async listBySeats(enrollmentIds: string[]): Promise<CertificateRow[]> {
    if (enrollmentIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${COLUMNS} WHERE ce.enrollment_id = ANY($1::uuid[]) ORDER BY ce.issued_at`,
      [enrollmentIds],
    );
    return this.withSeats(rows);
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
      // The seat's progress (the progress lib's), in this same transaction.
      await this.progress.markCertified(m, rows[0].enrollment_id, issued.at);
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

  /**
   * A holder's erasure, in its transaction: every certificate of these seats is revoked (kept,
   * with `reason`; one revoked before keeps its time and who, its reason becomes `earlierReason`),
   * prints `fullName` from then on, and loses its file. Answers the certificates and the files to delete.
   */
  async eraseHolder(
    m: EntityManager,
    enrollmentIds: string[],
    erased: { fullName: string; by: string; reason: string; earlierReason: string },
  ): Promise<{ id: string; storageKey: string | null }[]> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [rows]: [{ id: string; storage_key: string | null }[], number] = await m.query(
      `WITH old AS (SELECT id, storage_key FROM certificate WHERE enrollment_id = ANY($1::uuid[]) FOR UPDATE)
       UPDATE certificate c SET full_name = $2, storage_key = NULL,
              state = 'revoked', revoked_at = coalesce(c.revoked_at, now()), revoked_by = coalesce(c.revoked_by, $3),
              revoke_reason = CASE WHEN c.state = 'revoked' THEN $4 ELSE $5 END
         FROM old WHERE c.id = old.id RETURNING c.id, old.storage_key`,
      [enrollmentIds, erased.fullName, erased.by, erased.earlierReason, erased.reason],
    );
    return rows.map((r) => ({ id: r.id, storageKey: r.storage_key }));
  }

  /** Certificates requested and not yet rendered (the backlog /metrics shows). */
  async pendingCount(): Promise<number> {
    return this.certificates.countBy({ state: 'pending' });
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
