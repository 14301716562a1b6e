import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface LearnerOverview {
  fullName: string;
  courses: {
    course: string;
    cohort: string;
    province: string;
    activatedAt: string | null;
    startedAt: string | null;
    completedAt: string | null;
    passedAt: string | null;
    certifiedAt: string | null;
  }[];
  certificates: { number: string; code: string; state: string; course: string; issuedAt: string | null }[];
}

/** A link as the page reads it: whose, whether expired, and which courses it shows (null: all). */
export interface LearnerLink {
  learnerId: string;
  expired: boolean;
  courses: string[] | null;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const time = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

/** Learner links: a random token (only its hash stored), bound to one learner, valid for minutes. */
@Injectable()
export class LearnerLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The learner of this account whom the client may link: a client scoped to courses only a learner
   * holding a seat (not replaced) in one of them. Undefined alike for an unknown account and one out
   * of the client's reach, so the answer tells nothing about who exists.
   */
  async learnerByAccount(homePage: string, name: string, clientId: string): Promise<string | undefined> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `SELECT le.id FROM learner le JOIN lrs_client lc ON lc.id = $3
        WHERE le.account_home_page = $1 AND le.account_name = $2
          AND (lc.course_codes IS NULL OR EXISTS (
                SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id
                 WHERE e.learner_id = le.id AND e.status <> 'replaced' AND k.code = ANY(lc.course_codes)))`,
      [homePage, name, clientId],
    );
    return row?.id;
  }

  async create(
    learnerId: string,
    clientId: string,
    minutes: number,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const [row]: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO learner_link (token_hash, learner_id, lrs_client_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
      [hash(token), learnerId, clientId, minutes],
    );
    return { token, expiresAt: row.expires_at.toISOString() };
  }

  /**
   * The learner a token opens, whether its time is past, and the courses the page may show: those of
   * the client that asked for the link when it is scoped to courses (null: all). Undefined when no
   * such token was made.
   */
  async resolve(token: string): Promise<LearnerLink | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const [row]: { learner_id: string; live: boolean; course_codes: string[] | null }[] =
      await this.dataSource.query(
        `SELECT l.learner_id, l.expires_at > now() AS live, lc.course_codes
           FROM learner_link l JOIN lrs_client lc ON lc.id = l.lrs_client_id WHERE l.token_hash = $1`,
        [hash(token)],
      );
    return row && { learnerId: row.learner_id, expired: !row.live, courses: row.course_codes };
  }

  /** Whether the certificate is the link's learner's, of a course the link shows. */
  async shows(link: LearnerLink, certificateId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM certificate ce JOIN enrollment e ON e.id = ce.enrollment_id
         JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id
        WHERE ce.id = $1 AND e.learner_id = $2 AND ($3::text[] IS NULL OR k.code = ANY($3::text[]))`,
      [certificateId, link.learnerId, link.courses],
    );
    return rows.length > 0;
  }

  /** The learner's seats and certificates, of `courses` only when set (the linking client's courses). */
  async overview(learnerId: string, courses: string[] | null): Promise<LearnerOverview> {
    const [learner]: { full_name: string }[] = await this.dataSource.query(
      `SELECT full_name FROM learner WHERE id = $1`,
      [learnerId],
    );
    const seats: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT k.title AS course, c.title AS cohort, u.name AS province, p.activated_at, p.started_at, p.completed_at, p.passed_at, p.certified_at
         FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id JOIN admin_unit u ON u.id = c.province_id
         LEFT JOIN enrollment_progress p ON p.enrollment_id = e.id
        WHERE e.learner_id = $1 AND e.status <> 'replaced' AND ($2::text[] IS NULL OR k.code = ANY($2::text[]))
        ORDER BY c.created_at`,
      [learnerId, courses],
    );
    const certificates: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ce.number, ce.code, ce.state, COALESCE(ce.course_title, k.title) AS course, ce.issued_at
         FROM certificate ce JOIN enrollment e ON e.id = ce.enrollment_id JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id
        WHERE e.learner_id = $1 AND ce.state <> 'pending' AND ($2::text[] IS NULL OR k.code = ANY($2::text[]))
        ORDER BY ce.issued_at`,
      [learnerId, courses],
    );
    return {
      fullName: learner?.full_name ?? '',
      courses: seats.map((r) => ({
        course: r.course as string,
        cohort: r.cohort as string,
        province: r.province as string,
        activatedAt: time(r.activated_at),
        startedAt: time(r.started_at),
        completedAt: time(r.completed_at),
        passedAt: time(r.passed_at),
        certifiedAt: time(r.certified_at),
      })),
      certificates: certificates.map((r) => ({
        number: r.number as string,
        code: r.code as string,
        state: r.state as string,
        course: r.course as string,
        issuedAt: time(r.issued_at),
      })),
    };
  }
}
