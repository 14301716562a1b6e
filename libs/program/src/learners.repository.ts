import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Keyring } from '@hocba/privacy';

/** The learner table's SQL for the other libs' needs (enrollments write learners in EnrollmentsRepository). */
@Injectable()
export class LearnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Learners whose CCCD has one of these keyed hashes, with how many seats each holds. */
  async byNationalIdHashes(
    hashes: string[],
  ): Promise<{ id: string; fullName: string; enrollments: number; erasedAt: Date | null }[]> {
    const rows: { id: string; full_name: string; enrollments: number; erased_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT l.id, l.full_name, l.erased_at, (SELECT count(*)::int FROM enrollment e WHERE e.learner_id = l.id) AS enrollments
           FROM learner l WHERE l.national_id_hash = ANY($1::text[])`,
        [hashes],
      );
    return rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      enrollments: r.enrollments,
      erasedAt: r.erased_at,
    }));
  }

  /** The learner of this platform account, if they hold a seat (not replaced) in one of `courses` (null: any). */
  async byAccount(homePage: string, name: string, courses: string[] | null): Promise<string | undefined> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `SELECT le.id FROM learner le
        WHERE le.account_home_page = $1 AND le.account_name = $2
          AND ($3::text[] IS NULL OR EXISTS (
                SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id
                 WHERE e.learner_id = le.id AND e.status <> 'replaced' AND k.code = ANY($3::text[])))`,
      [homePage, name, courses],
    );
    return row?.id;
  }

  async fullName(id: string): Promise<string | undefined> {
    const [row]: { full_name: string }[] = await this.dataSource.query(
      `SELECT full_name FROM learner WHERE id = $1`,
      [id],
    );
    return row?.full_name;
  }

  /** The learner's identifiers and erasure, locked for the transaction's erasure. */
  async lockForErasure(
    m: EntityManager,
    id: string,
  ): Promise<
    | {
        email: string | null;
        accountHomePage: string | null;
        accountName: string | null;
        erasedAt: Date | null;
      }
    | undefined
  > {
    const [row]: {
      email: string | null;
      account_home_page: string | null;
      account_name: string | null;
      erased_at: Date | null;
    }[] = await m.query(
      `SELECT email, account_home_page, account_name, erased_at FROM learner WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return (
      row && {
        email: row.email,
        accountHomePage: row.account_home_page,
        accountName: row.account_name,
        erasedAt: row.erased_at,
      }
    );
  }

  /** Replaces what names the learner: the name given, no CCCD, e-mail or phone, the pseudonymous account. */
  async pseudonymise(
    m: EntityManager,
    id: string,
    replacement: { fullName: string; nameKey: string; account: { homePage: string; name: string } },
  ): Promise<Date> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [[{ erased_at }]]: [{ erased_at: Date }[], number] = await m.query(
      `UPDATE learner SET full_name = $2, name_key = $3, national_id_hash = NULL, national_id_sealed = NULL,
              email = NULL, phone = NULL, account_home_page = $4, account_name = $5, erased_at = now()
        WHERE id = $1 RETURNING erased_at`,
      [id, replacement.fullName, replacement.nameKey, replacement.account.homePage, replacement.account.name],
    );
    return erased_at;
  }

  /**
   * Rotation: re-seals and re-hashes, under the ring's current key, up to a thousand CCCDs sealed
   * with another one, in one transaction; answers how many (0: none left).
   */
  async rekeyBatch(ring: Keyring): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; national_id_sealed: string }[] = await m.query(
        `SELECT id, national_id_sealed FROM learner
          WHERE national_id_hash IS NOT NULL AND split_part(national_id_hash, '.', 1) <> $1
          ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [ring.currentId],
      );
      if (rows.length === 0) return 0;
      const clear = rows.map((r) => ring.open(r.national_id_sealed));
      await m.query(
        `UPDATE learner l SET national_id_hash = v.h, national_id_sealed = v.s
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, h, s) WHERE l.id = v.id`,
        [rows.map((r) => r.id), clear.map((c) => ring.hash(c)), clear.map((c) => ring.seal(c))],
      );
      return rows.length;
    });
  }
}
