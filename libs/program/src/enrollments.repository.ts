import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LearnerInput, RowError } from './learner-input';
import { nameKey, type ProvinceScope } from '@hocba/units';
import { maskNationalId, PersonalDataKeys } from '@hocba/privacy';
import { appendAudit, appendAuditMany } from '@hocba/audit';
import { EnrollmentEntity } from './entities/enrollment.entity';
import { ProgramError } from './program.errors';

export interface EnrollmentView {
  id: string;
  cohortId: string;
  status: 'active' | 'deducted' | 'replaced';
  unit: string | null;
  level: string | null;
  sector: string | null;
  /** The enrollment's cmi5 registration, when the platform gave one. */
  registration: string | null;
  deductionReason: string | null;
  deductedOn: string | null;
  replacedBy: string | null;
  replaces: string | null;
  /** When each milestone was first reached (statement timestamps), or null. */
  milestones: {
    activatedAt: string | null;
    startedAt: string | null;
    completedAt: string | null;
    passedAt: string | null;
    certifiedAt: string | null;
  };
  learner: {
    id: string;
    fullName: string;
    nationalId: string | null;
    email: string | null;
    phone: string | null;
    account: { homePage: string; name: string } | null;
  };
}

/**
 * A seat as another lib shows it (a certificate prints it): the learner, the cohort, its course and
 * province.
 */
export interface SeatDescription {
  id: string;
  learnerId: string;
  fullName: string;
  status: 'active' | 'deducted' | 'replaced';
  unit: string | null;
  cohortId: string;
  cohortTitle: string;
  provinceId: string;
  provinceName: string;
  courseCode: string;
  courseTitle: string;
}

/** A seat on a learner's own page: course, cohort, province. */
export interface LearnerSeat {
  id: string;
  course: string;
  cohort: string;
  province: string;
}

const DESCRIBE = `SELECT e.id, e.learner_id, l.full_name, e.status, e.unit, c.id AS cohort_id, c.title AS cohort_title,
                         c.province_id, u.name AS province_name, k.code AS course_code, k.title AS course_title
                    FROM enrollment e JOIN learner l ON l.id = e.learner_id JOIN cohort c ON c.id = e.cohort_id
                    JOIN course k ON k.id = c.course_id JOIN admin_unit u ON u.id = c.province_id`;

function toDescription(r: Record<string, string | null>): SeatDescription {
  return {
    id: r.id as string,
    learnerId: r.learner_id as string,
    fullName: r.full_name as string,
    status: r.status as SeatDescription['status'],
    unit: r.unit,
    cohortId: r.cohort_id as string,
    cohortTitle: r.cohort_title as string,
    provinceId: r.province_id as string,
    provinceName: r.province_name as string,
    courseCode: r.course_code as string,
    courseTitle: r.course_title as string,
  };
}

export interface BatchItem {
  row: number;
  learner: LearnerInput;
  /** The enrollment this new seat replaces. */
  replaces?: string;
}

export interface BatchOutcome {
  action: 'created' | 'updated' | 'unchanged';
  learnerId: string;
  /** Set when the seat was created or changed. */
  enrollmentId?: string;
  /** The learner's account or e-mail changed: other statements are now theirs, on every seat. */
  rematched?: boolean;
}

/** Who writes a batch: the user the audit log names, and the provinces they reach (null: national). */
export interface Writer {
  userId: string | null;
  scope: ProvinceScope;
}

/** The fields that say who a learner is; e-mail and account also match their statements. */
export type IdentityField = 'fullName' | 'nationalId' | 'email' | 'phone' | 'account';

interface FoundLearner {
  id: string;
  full_name: string;
  national_id_hash: string | null;
  email: string | null;
  phone: string | null;
  account_home_page: string | null;
  account_name: string | null;
}

/**
 * What a row would change in an existing learner's identity, each field with its value before and
 * after (a CCCD masked: this goes to the audit log). Fields a row leaves empty keep their values; a
 * CCCD is only ever added (a row naming another CCCD than the learner's is refused earlier).
 */
function identityChanges(
  l: LearnerInput,
  f: FoundLearner,
): { field: IdentityField; before: unknown; after: unknown }[] {
  const changes: { field: IdentityField; before: unknown; after: unknown }[] = [];
  if (l.fullName !== f.full_name) changes.push({ field: 'fullName', before: f.full_name, after: l.fullName });
  if (l.nationalId && !f.national_id_hash)
    changes.push({ field: 'nationalId', before: null, after: maskNationalId(l.nationalId) });
  if (l.email && l.email !== f.email) changes.push({ field: 'email', before: f.email, after: l.email });
  if (l.phone && l.phone !== f.phone) changes.push({ field: 'phone', before: f.phone, after: l.phone });
  if (l.account && (l.account.homePage !== f.account_home_page || l.account.name !== f.account_name))
    changes.push({
      field: 'account',
      before: f.account_name ? { homePage: f.account_home_page, name: f.account_name } : null,
      after: l.account,
    });
  return changes;
}

/** Another transaction created one of the batch's learners meanwhile: retry the batch. */
export class ConcurrentEnrollmentError extends ProgramError {
  constructor() {
    super('enrollment.concurrent', 'Another enrollment of the same learners is under way; try again');
  }
}

@Injectable()
export class EnrollmentsRepository {
  constructor(
    readonly dataSource: DataSource,
    private readonly keys: PersonalDataKeys,
  ) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Writes a batch of learners and their seats in one cohort with a handful of set-based
   * statements, whatever the batch size. Rows that cannot be applied come back as errors and write
   * nothing: a CCCD and an account naming two people, a learner named twice in the batch, a learner
   * holding an active seat in another cohort of the same course. Existing learners are locked
   * (in id order, so concurrent imports cannot deadlock) before anything is decided.
   *
   * The identity of an existing learner (name, CCCD, e-mail, phone, account) is one person's across
   * provinces, and their statements are matched by account and e-mail: it changes only when the
   * writer is national, or a coordinator whose provinces hold every active seat of that person.
   * Anyone else still enrolls the person (people move between provinces, and a coordinator cannot
   * see how another province spelled the name, so refusing would leave a mover impossible to
   * enroll), but their identity stays as it is and `notices` say, per field, what was not changed
   * and why. The one exception is a row whose account contradicts the stored account of the person
   * its CCCD names: enrolling it would give a seat whose statements come from someone else's
   * account, so it is refused, as a CCCD contradicting the account's learner always is. Each change
   * made is audited on the learner with its values before and after.
   *
   * Hand-written SQL: imports of tens of thousands of rows go through here, set-based (one
   * statement per table per batch), as measured in bench/import.ts.
   */
  async enrollBatch(
    m: EntityManager,
    cohortId: string,
    items: BatchItem[],
    writer: Writer,
  ): Promise<{ outcomes: Map<number, BatchOutcome>; errors: RowError[]; notices: RowError[] }> {
    const errors: RowError[] = [];
    const notices: RowError[] = [];
    const outcomes = new Map<number, BatchOutcome>();
    if (items.length === 0) return { outcomes, errors, notices };
    const accountKey = (homePage: string, name: string) => `${homePage}\u0000${name}`;
    // CCCDs are kept sealed, found by their keyed hash (under every key of the ring during a rotation).
    const ring = await this.keys.keyring(m);
    const hashesOf = new Map(
      items.flatMap((i) =>
        i.learner.nationalId ? [[i.learner.nationalId, ring.hashes(i.learner.nationalId)]] : [],
      ),
    );
    const sameNationalId = (hash: string | null, nationalId: string | undefined) =>
      !!hash && !!nationalId && (hashesOf.get(nationalId) ?? []).includes(hash);

    const withAccount = items.filter((i) => i.learner.account);
    const found: FoundLearner[] = await m.query(
      `SELECT id, full_name, national_id_hash, email, phone, account_home_page, account_name FROM learner
        WHERE national_id_hash = ANY($1::text[])
           OR (account_home_page, account_name) IN (SELECT h, n FROM unnest($2::text[], $3::text[]) AS a(h, n))
        ORDER BY id FOR UPDATE`,
      [
        [...hashesOf.values()].flat(),
        withAccount.map((i) => i.learner.account!.homePage),
        withAccount.map((i) => i.learner.account!.name),
      ],
    );
    const byHash = new Map(
      found.filter((f) => f.national_id_hash).map((f) => [f.national_id_hash as string, f]),
    );
    const byAccount = new Map(
      found
        .filter((f) => f.account_name)
        .map((f) => [accountKey(f.account_home_page as string, f.account_name as string), f]),
    );

    // Which learner each row names; a row is refused when its identifiers disagree.
    const resolved: { item: BatchItem; learnerId?: string; existing?: FoundLearner }[] = [];
    const claimedBy = new Map<string, number>();
    for (const item of items) {
      const l = item.learner;
      const a = l.nationalId
        ? (hashesOf.get(l.nationalId) ?? []).map((h) => byHash.get(h)).find((f) => f)
        : undefined;
      const b = l.account ? byAccount.get(accountKey(l.account.homePage, l.account.name)) : undefined;
      const idField = l.nationalId ? 'nationalId' : 'account';
      if (a && b && a.id !== b.id) {
        errors.push({
          row: item.row,
          field: 'account',
          message: 'account belongs to another learner than this nationalId',
        });
        continue;
      }
      if (
        !a &&
        b &&
        l.nationalId &&
        b.national_id_hash &&
        !sameNationalId(b.national_id_hash, l.nationalId)
      ) {
        errors.push({
          row: item.row,
          field: 'nationalId',
          message: 'account belongs to a learner with another nationalId',
        });
        continue;
      }
      const existing = a ?? b;
      if (existing) {
        const earlier = claimedBy.get(existing.id);
        if (earlier !== undefined) {
          errors.push({ row: item.row, field: idField, message: `the same learner as row ${earlier}` });
          continue;
        }
        claimedBy.set(existing.id, item.row);
      }
      resolved.push({ item, learnerId: existing?.id, existing });
    }

    // A learner holds one active seat per course. The other cohort is named only to a writer who
    // can reach it: a coordinator must not learn where another province trains someone.
    const existingIds = resolved.flatMap((r) => (r.learnerId ? [r.learnerId] : []));
    const elsewhere: { learner_id: string; code: string; reachable: boolean }[] = existingIds.length
      ? await m.query(
          `SELECT DISTINCT ON (e.learner_id) e.learner_id, o.code,
                  ($3::text[] IS NULL OR o.province_id = ANY($3::text[])) AS reachable
             FROM enrollment e JOIN cohort o ON o.id = e.cohort_id
            WHERE e.learner_id = ANY($1::uuid[]) AND e.status = 'active' AND o.id <> $2
              AND o.course_id = (SELECT course_id FROM cohort WHERE id = $2)
            ORDER BY e.learner_id, reachable DESC, o.code`,
          [existingIds, cohortId, writer.scope],
        )
      : [];
    const otherCohort = new Map(elsewhere.map((e) => [e.learner_id, e]));
    const good = resolved.filter((r) => {
      const other = r.learnerId && otherCohort.get(r.learnerId);
      if (other)
        errors.push({
          row: r.item.row,
          field: r.item.learner.nationalId ? 'nationalId' : 'account',
          message: other.reachable
            ? `đã có chỗ học ở lớp ${other.code} của khóa này / already enrolled in cohort ${other.code} of this course`
            : 'đã có chỗ học ở một lớp của khóa này thuộc tỉnh khác / already enrolled in a cohort of this course in another province',
        });
      return !other;
    });

    // Whose identity this writer may change: not a person holding an active seat outside the
    // writer's provinces (decided in SQL on the seats, locked learners' seats as they are now).
    const knownIds = good.flatMap((r) => (r.learnerId ? [r.learnerId] : []));
    const outside: { learner_id: string }[] =
      writer.scope !== null && knownIds.length > 0
        ? await m.query(
            `SELECT DISTINCT e.learner_id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
              WHERE e.learner_id = ANY($1::uuid[]) AND e.status = 'active' AND NOT (c.province_id = ANY($2::text[]))`,
            [knownIds, writer.scope],
          )
        : [];
    const heldElsewhere = new Set(outside.map((r) => r.learner_id));
    const corrections: {
      r: (typeof good)[number];
      changes: ReturnType<typeof identityChanges>;
    }[] = [];
    // One address names one person: statements sent with an mbox count for the learner holding it,
    // so a row may not give a learner an e-mail another learner has.
    const emails = [...new Set(good.flatMap((r) => (r.item.learner.email ? [r.item.learner.email] : [])))];
    const emailHolders: { id: string; email: string }[] = emails.length
      ? await m.query(`SELECT id, email FROM learner WHERE email = ANY($1::text[])`, [emails])
      : [];
    const holdersOf = new Map<string, string[]>();
    for (const h of emailHolders) holdersOf.set(h.email, [...(holdersOf.get(h.email) ?? []), h.id]);
    const placed = good.filter((r) => {
      const l = r.item.learner;
      const idField = l.nationalId ? 'nationalId' : 'account';
      if (l.email && (holdersOf.get(l.email) ?? []).some((id) => id !== r.learnerId)) {
        errors.push({
          row: r.item.row,
          field: 'email',
          message:
            'email này là email của một học viên khác: câu lệnh học tập được nhận theo email, nên mỗi email chỉ thuộc một người / ' +
            'email belongs to another learner: statements are matched by e-mail, so one address names one person',
        });
        return false;
      }
      if (!r.existing) return true;
      const changes = identityChanges(l, r.existing);
      const elsewhere = heldElsewhere.has(r.existing.id);
      // Someone trained in another province is linked to this cohort only by a writer who knows
      // them: their CCCD or account and their name. An identifier alone (account names are often
      // sequential) would otherwise open their record to whoever guessed it.
      if (elsewhere && nameKey(r.existing.full_name) !== l.nameKey) {
        errors.push({
          row: r.item.row,
          field: 'fullName',
          message:
            'học viên có số CCCD hoặc tài khoản này đang học ở tỉnh khác với họ tên khác: kiểm tra lại họ tên, hoặc nhờ quản trị viên toàn quốc / ' +
            'the learner with this CCCD or account is trained in another province under another name: check the name, or ask a national administrator',
        });
        return false;
      }
      if (changes.length === 0) return true;
      if (!elsewhere) {
        corrections.push({ r, changes });
        return true;
      }
      if (r.existing.account_name && changes.some((c) => c.field === 'account')) {
        errors.push({
          row: r.item.row,
          field: 'account',
          message:
            'tài khoản khác với tài khoản đã có của học viên này, người đang có chỗ học ở tỉnh khác; chỉ quản trị viên toàn quốc hoặc điều phối viên của tỉnh đó sửa được / ' +
            'account differs from the account this learner already has, and they hold seats in another province; only a national administrator or that province’s coordinator can change it',
        });
        return false;
      }
      // One notice, whichever fields differ: a notice per field would confirm, one guess at a time,
      // the e-mail or phone another province holds.
      notices.push({
        row: r.item.row,
        field: idField,
        message:
          'đã ghi danh với thông tin nhận dạng đang lưu, không thay đổi: học viên đang có chỗ học ở tỉnh khác / ' +
          'enrolled with the identity on record, unchanged: the learner holds seats in another province',
      });
      return true;
    });

    const column = <T>(rows: { item: BatchItem }[], pick: (l: LearnerInput) => T) =>
      rows.map((r) => pick(r.item.learner) ?? null);

    // New learners. A concurrent import may have created one since we looked: then nothing here is
    // decided on fresh facts, so the whole batch is retried (ConcurrentEnrollmentError).
    const fresh = placed.filter((r) => !r.learnerId);
    if (fresh.length > 0) {
      const inserted: {
        id: string;
        national_id_hash: string | null;
        account_home_page: string | null;
        account_name: string | null;
      }[] = await m.query(
        `INSERT INTO learner (full_name, name_key, national_id_hash, national_id_sealed, email, phone, account_home_page, account_name)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         ON CONFLICT DO NOTHING RETURNING id, national_id_hash, account_home_page, account_name`,
        [
          column(fresh, (l) => l.fullName),
          column(fresh, (l) => l.nameKey),
          column(fresh, (l) => l.nationalId && ring.hash(l.nationalId)),
          column(fresh, (l) => l.nationalId && ring.seal(l.nationalId)),
          column(fresh, (l) => l.email),
          column(fresh, (l) => l.phone),
          column(fresh, (l) => l.account?.homePage),
          column(fresh, (l) => l.account?.name),
        ],
      );
      if (inserted.length !== fresh.length) throw new ConcurrentEnrollmentError();
      const newByHash = new Map(
        inserted.filter((i) => i.national_id_hash).map((i) => [i.national_id_hash as string, i.id]),
      );
      const newByAccount = new Map(
        inserted
          .filter((i) => i.account_name)
          .map((i) => [accountKey(i.account_home_page as string, i.account_name as string), i.id]),
      );
      for (const r of fresh) {
        const l = r.item.learner;
        r.learnerId =
          (l.nationalId && newByHash.get(ring.hash(l.nationalId))) ||
          (l.account && newByAccount.get(accountKey(l.account.homePage, l.account.name))) ||
          undefined;
      }
    }

    // Existing learners corrected by a writer who may; fields a row leaves empty keep their values.
    if (corrections.length > 0) {
      const rows = corrections.map((c) => c.r);
      const adds = (r: (typeof rows)[number]) => !r.existing?.national_id_hash && r.item.learner.nationalId;
      await m.query(
        `UPDATE learner l SET full_name = v.full_name, name_key = v.name_key,
                national_id_hash = COALESCE(v.national_id_hash, l.national_id_hash),
                national_id_sealed = COALESCE(v.national_id_sealed, l.national_id_sealed),
                email = COALESCE(v.email, l.email), phone = COALESCE(v.phone, l.phone),
                account_home_page = COALESCE(v.home_page, l.account_home_page), account_name = COALESCE(v.account_name, l.account_name)
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                AS v(id, full_name, name_key, national_id_hash, national_id_sealed, email, phone, home_page, account_name)
          WHERE l.id = v.id`,
        [
          rows.map((r) => r.learnerId),
          column(rows, (l) => l.fullName),
          column(rows, (l) => l.nameKey),
          // A CCCD is written only to a learner who had none (one with another was refused above).
          rows.map((r) => {
            const nationalId = adds(r);
            return nationalId ? ring.hash(nationalId) : null;
          }),
          rows.map((r) => {
            const nationalId = adds(r);
            return nationalId ? ring.seal(nationalId) : null;
          }),
          column(rows, (l) => l.email),
          column(rows, (l) => l.phone),
          column(rows, (l) => l.account?.homePage),
          column(rows, (l) => l.account?.name),
        ],
      );
      await appendAuditMany(m, {
        by: writer.userId,
        action: 'identity-changed',
        entity: 'learner',
        records: corrections.map((c) => ({
          id: c.r.learnerId as string,
          detail: {
            cohortId,
            fields: c.changes.map((x) => x.field),
            before: Object.fromEntries(c.changes.map((x) => [x.field, x.before])),
            after: Object.fromEntries(c.changes.map((x) => [x.field, x.after])),
          },
        })),
      });
    }
    const corrected = new Set(corrections.map((c) => c.r.learnerId));
    const rematched = new Set(
      corrections
        .filter((c) => c.changes.some((x) => x.field === 'account' || x.field === 'email'))
        .map((c) => c.r.learnerId),
    );

    // The seats: created, or brought up to date (a deducted or replaced seat keeps its status).
    const seats: { id: string; learner_id: string; created: boolean }[] = placed.length
      ? await m.query(
          `INSERT INTO enrollment (cohort_id, learner_id, unit, level, sector, replaces, registration)
           SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[])
           ON CONFLICT ON CONSTRAINT uq_enrollment_cohort_learner DO UPDATE
             SET unit = COALESCE(EXCLUDED.unit, enrollment.unit), level = COALESCE(EXCLUDED.level, enrollment.level),
                 sector = COALESCE(EXCLUDED.sector, enrollment.sector),
                 registration = COALESCE(EXCLUDED.registration, enrollment.registration), updated_at = now()
             WHERE (enrollment.unit, enrollment.level, enrollment.sector, enrollment.registration) IS DISTINCT FROM
                   (COALESCE(EXCLUDED.unit, enrollment.unit), COALESCE(EXCLUDED.level, enrollment.level),
                    COALESCE(EXCLUDED.sector, enrollment.sector), COALESCE(EXCLUDED.registration, enrollment.registration))
           RETURNING id, learner_id, (xmax = 0) AS created`,
          [
            cohortId,
            placed.map((r) => r.learnerId),
            column(placed, (l) => l.unit),
            column(placed, (l) => l.level),
            column(placed, (l) => l.sector),
            placed.map((r) => r.item.replaces ?? null),
            column(placed, (l) => l.registration),
          ],
        )
      : [];
    const seatOf = new Map(seats.map((s) => [s.learner_id, s]));
    for (const r of placed) {
      const seat = seatOf.get(r.learnerId as string);
      const action = seat?.created ? 'created' : seat || corrected.has(r.learnerId) ? 'updated' : 'unchanged';
      outcomes.set(r.item.row, {
        action,
        learnerId: r.learnerId as string,
        enrollmentId: seat?.id,
        rematched: rematched.has(r.learnerId),
      });
    }
    const created = seats.filter((s) => s.created).map((s) => s.id);
    await appendAuditMany(m, {
      by: writer.userId,
      action: 'enrolled',
      entity: 'enrollment',
      records: created.map((id) => ({ id, detail: { cohortId } })),
    });
    return { outcomes, errors, notices };
  }

  /** The active seats of these learners, whichever cohort holds them. */
  async activeSeatsOf(m: EntityManager, learnerIds: string[]): Promise<string[]> {
    if (learnerIds.length === 0) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM enrollment WHERE learner_id = ANY($1::uuid[]) AND status = 'active'`,
      [learnerIds],
    );
    return rows.map((r) => r.id);
  }

  /** One enrollment, if the caller's scope reaches its cohort's province; locked for update inside a transaction. */
  async findForUpdate(
    m: EntityManager,
    id: string,
    scope: ProvinceScope,
  ): Promise<{ id: string; cohortId: string; status: string; replacedBy: string | null } | undefined> {
    const rows: { id: string; cohort_id: string; status: string; replaced_by: string | null }[] =
      await m.query(
        `SELECT e.id, e.cohort_id, e.status, e.replaced_by FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
        WHERE e.id = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2)) FOR UPDATE OF e`,
        [id, scope],
      );
    return (
      rows[0] && {
        id: rows[0].id,
        cohortId: rows[0].cohort_id,
        status: rows[0].status,
        replacedBy: rows[0].replaced_by,
      }
    );
  }

  async setStatus(
    m: EntityManager,
    id: string,
    status: EnrollmentEntity['status'],
    fields: { reason?: string | null; on?: string | null; replacedBy?: string | null },
  ): Promise<void> {
    // One UPDATE statement (updated_at: the entity's UpdateDateColumn), which the funnel tally's
    // statement-level trigger folds in.
    await m.update(
      EnrollmentEntity,
      { id },
      {
        status,
        deductionReason: fields.reason ?? null,
        deductedOn: fields.on ?? null,
        replacedBy: fields.replacedBy ?? null,
      },
    );
  }

  /** Seats by id, described (an id no seat has is left out). */
  async describe(db: DataSource | EntityManager, ids: string[]): Promise<Map<string, SeatDescription>> {
    if (ids.length === 0) return new Map();
    const rows: Record<string, string | null>[] = await db.query(`${DESCRIBE} WHERE e.id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Map(rows.map((r) => [r.id as string, toDescription(r)]));
  }

  /** Every seat of a cohort, described, if the caller's scope reaches the cohort's province. */
  async describeCohort(cohortId: string, scope: ProvinceScope): Promise<Map<string, SeatDescription>> {
    const rows: Record<string, string | null>[] = await this.dataSource.query(
      `${DESCRIBE} WHERE c.id = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2))`,
      [cohortId, scope],
    );
    return new Map(rows.map((r) => [r.id as string, toDescription(r)]));
  }

  /** The seats of a cohort not handed to someone else, in id order. */
  async unreplacedOfCohort(m: EntityManager, cohortId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM enrollment WHERE cohort_id = $1 AND status <> 'replaced' ORDER BY id`,
      [cohortId],
    );
    return rows.map((r) => r.id);
  }

  /** Every seat a learner has held, whatever its status. */
  async idsOfLearner(db: DataSource | EntityManager, learnerId: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM enrollment WHERE learner_id = $1`, [
      learnerId,
    ]);
    return rows.map((r) => r.id);
  }

  /** A learner's seats (not replaced) of `courses` (null: all), in the order their cohorts were made. */
  async seatsOfLearner(learnerId: string, courses: string[] | null): Promise<LearnerSeat[]> {
    return this.dataSource.query(
      `SELECT e.id, k.title AS course, c.title AS cohort, u.name AS province
         FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id JOIN admin_unit u ON u.id = c.province_id
        WHERE e.learner_id = $1 AND e.status <> 'replaced' AND ($2::text[] IS NULL OR k.code = ANY($2::text[]))
        ORDER BY c.created_at`,
      [learnerId, courses],
    );
  }

  /**
   * Of these seats, those a certificate may be requested for as far as the program says: not
   * handed to someone else, and (`automatic`) of a course that issues certificates automatically.
   */
  async certifiable(m: EntityManager, ids: string[], automatic: boolean): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT e.id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN course k ON k.id = c.course_id
        WHERE e.id = ANY($1::uuid[]) AND e.status <> 'replaced'
          AND ($2::boolean IS FALSE OR COALESCE((k.certificates ->> 'auto')::boolean, false))`,
      [ids, automatic],
    );
    return rows.map((r) => r.id);
  }

  async analyze(): Promise<void> {
    await this.dataSource.query('ANALYZE learner, enrollment');
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await m.delete(EnrollmentEntity, { id });
  }

  async audit(
    m: EntityManager,
    userId: string,
    action: string,
    entityId: string,
    detail: object,
  ): Promise<void> {
    await appendAudit(m, { by: userId, action, entity: 'enrollment', entityId, detail });
  }

  /** The cohort's seats with their learners (their milestones are the progress lib's: the service adds them). */
  async list(cohortId: string, status: string | undefined): Promise<Omit<EnrollmentView, 'milestones'>[]> {
    const ring = await this.keys.keyring();
    const rows: Record<string, string | null>[] = await this.dataSource.query(
      `SELECT e.id, e.cohort_id, e.status, e.unit, e.level, e.sector, e.registration, e.deduction_reason, to_char(e.deducted_on, 'YYYY-MM-DD') AS deducted_on,
              e.replaced_by, e.replaces, l.id AS learner_id, l.full_name, l.national_id_sealed, l.email, l.phone, l.account_home_page, l.account_name
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
      registration: r.registration,
      deductionReason: r.deduction_reason,
      deductedOn: r.deducted_on,
      replacedBy: r.replaced_by,
      replaces: r.replaces,
      learner: {
        id: r.learner_id as string,
        fullName: r.full_name as string,
        nationalId: r.national_id_sealed ? ring.open(r.national_id_sealed) : null,
        email: r.email,
        phone: r.phone,
        account:
          r.account_home_page && r.account_name
            ? { homePage: r.account_home_page, name: r.account_name }
            : null,
      },
    }));
  }
}
