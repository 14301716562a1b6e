import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DatabaseInfo } from '@hocba/database';
import type { CourseRule, Mark, MoveOn, Progress } from './milestones';

/** A seat's milestones as a person reads them: when each was first reached, or null. */
export interface SeatMilestones {
  activatedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  passedAt: string | null;
  certifiedAt: string | null;
}

export interface MatchedEnrollment {
  key: string;
  enrollmentId: string;
  course: CourseRule;
  /** The enrollment's cmi5 registration, when known: its statements are inside the course. */
  registration?: string;
  /** The enrollment's progress as read with the match (unlocked); undefined when it has none yet. */
  progress?: Progress;
  /** The version of that progress row (a write of a change expects it unchanged). */
  version?: number;
}

interface CourseColumns {
  activity_id: string;
  completion: {
    moveOn: MoveOn;
    requiredActivities?: string[];
    exam?: { activityId: string; masteryScore: number };
  };
}

/** Rules parsed once per course and completion text (a batch repeats one course a thousand times). */
const RULES = new Map<string, CourseRule>();
const ruleOf = (c: { activity_id: string; completion_text: string }): CourseRule => {
  const cacheKey = `${c.activity_id}\u0000${c.completion_text}`;
  let rule = RULES.get(cacheKey);
  if (!rule) {
    rule = toRule({
      activity_id: c.activity_id,
      completion: JSON.parse(c.completion_text) as CourseColumns['completion'],
    });
    if (RULES.size > 1_000) RULES.clear();
    RULES.set(cacheKey, rule);
  }
  return rule;
};

const toRule = (c: CourseColumns): CourseRule => ({
  activityId: c.activity_id,
  moveOn: c.completion.moveOn,
  requiredActivities: c.completion.requiredActivities ?? [],
  exam: c.completion.exam,
});

/** The actor key of a learner's account and of their e-mail, as the LRS keys agents (libs/xapi agentKey). */
const ACCOUNT_KEY = `('account:' || l.account_home_page || '|' || l.account_name)`;
const MBOX_KEY = `('mbox:mailto:' || l.email)`;

const MILESTONES = ['activated', 'started', 'course_completed', 'passed', 'satisfied', 'completed'] as const;
const FIELD: Record<(typeof MILESTONES)[number], keyof Omit<Progress, 'activities'>> = {
  activated: 'activated',
  started: 'started',
  course_completed: 'courseCompleted',
  passed: 'passed',
  satisfied: 'satisfied',
  completed: 'completed',
};

/** Milestone columns with times as epoch milliseconds: far cheaper to read than timestamptz values. */
const PROGRESS_COLUMNS = ['activated', 'started', 'course_completed', 'passed', 'satisfied', 'completed']
  .map((c) => `(extract(epoch FROM p.${c}_at) * 1000)::float8 AS ${c}_at, p.${c}_by`)
  .concat('p.activities')
  .join(', ');

const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : typeof v === 'number' ? new Date(v).toISOString() : String(v);

function toProgress(r: Record<string, unknown>): Progress {
  const p: Progress = { activities: (r.activities ?? {}) as Record<string, Mark> };
  for (const column of MILESTONES) {
    if (r[`${column}_at`]) p[FIELD[column]] = { at: iso(r[`${column}_at`]), by: r[`${column}_by`] as string };
  }
  return p;
}

/**
 * Reads and writes enrollment_progress; every method runs on the caller's transaction. Hand-written
 * SQL: the progress projection runs on the statements' write path, as named prepared statements.
 * It also reads the program's learner, enrollment, cohort and course tables (the one lib besides
 * the reports allowed to, docs/architecture.md): matching a batch's actors to their seats and
 * course rules is one measured statement per batch (bench/ingest.ts), not a call per table.
 */
@Injectable()
export class ProgressRepository {
  constructor(private readonly database: DatabaseInfo) {}

  /** The enrollments of the learners these actor keys name, with their course's rule. */
  async enrollmentsOfActors(m: EntityManager, actorKeys: string[]): Promise<MatchedEnrollment[]> {
    const keys = [...new Set(actorKeys)];
    if (keys.length === 0) return [];
    // Account keys and e-mail keys apart: each join then uses its own index (one UNION per key
    // costs ~90 µs a key; this ~15 µs). Each step is a LATERAL lookup kept from being flattened
    // (OFFSET 0), so the plan is index probes per key whatever the statistics say: right after a
    // wave of enrollments, before autovacuum has analyzed the tables, the planner otherwise chose
    // to hash whole tables for 50 keys (9.5 against 1.7 ms a batch at 12,000 learners).
    const accounts = keys.filter((k) => k.startsWith('account:'));
    const mboxes = keys.filter((k) => k.startsWith('mbox:'));
    const rows: ({
      key: string;
      enrollment_id: string;
      activity_id: string;
      completion_text: string;
    } & Record<string, unknown>)[] = await this.database.prepared(
      m.queryRunner,
      'hocba_progress_match',
      `SELECT ${PROGRESS_COLUMNS}, p.version, p.updated_at IS NOT NULL AS has_progress, l.key, e.id AS enrollment_id, e.registration, e.activity_id, e.completion_text
         FROM (SELECT k.key, l.id FROM unnest($1::text[]) AS k(key)
                 CROSS JOIN LATERAL (SELECT l.id FROM learner l WHERE ${ACCOUNT_KEY} = k.key AND l.account_name IS NOT NULL OFFSET 0) l
               UNION ALL
               SELECT k.key, l.id FROM unnest($2::text[]) AS k(key)
                 CROSS JOIN LATERAL (SELECT l.id FROM learner l WHERE ${MBOX_KEY} = k.key AND l.email IS NOT NULL OFFSET 0) l) l
         CROSS JOIN LATERAL (SELECT e.id, e.registration, c.activity_id, c.completion::text AS completion_text
                               FROM enrollment e JOIN cohort co ON co.id = e.cohort_id JOIN course c ON c.id = co.course_id
                              WHERE e.learner_id = l.id OFFSET 0) e
         LEFT JOIN LATERAL (SELECT * FROM enrollment_progress p WHERE p.enrollment_id = e.id OFFSET 0) p ON true`,
      [accounts, mboxes],
    );
    return rows.map((r) => ({
      key: r.key,
      enrollmentId: r.enrollment_id,
      course: ruleOf({ activity_id: r.activity_id, completion_text: r.completion_text }),
      registration: (r.registration as string | null) ?? undefined,
      progress: r.has_progress ? toProgress(r) : undefined,
      version: r.has_progress ? Number(r.version) : undefined,
    }));
  }

  /** The enrollments, each with its learner's actor keys and course rule (for a rebuild). */
  async enrollmentsByIds(m: EntityManager, ids: string[]): Promise<MatchedEnrollment[]> {
    const rows: ({ key: string; enrollment_id: string; registration: string | null } & CourseColumns)[] =
      await m.query(
        `SELECT k.key, e.id AS enrollment_id, e.registration, c.activity_id, c.completion
         FROM enrollment e JOIN learner l ON l.id = e.learner_id JOIN cohort co ON co.id = e.cohort_id JOIN course c ON c.id = co.course_id
         CROSS JOIN LATERAL (VALUES (CASE WHEN l.account_name IS NOT NULL THEN ${ACCOUNT_KEY} END), (CASE WHEN l.email IS NOT NULL THEN ${MBOX_KEY} END)) AS k(key)
        WHERE e.id = ANY($1::uuid[]) AND k.key IS NOT NULL`,
        [ids],
      );
    return rows.map((r) => ({
      key: r.key,
      enrollmentId: r.enrollment_id,
      course: toRule(r),
      registration: r.registration ?? undefined,
    }));
  }

  /** A page of enrollment ids in id order, after the given one (a full replay walks them all). */
  async enrollmentIdsAfter(db: DataSource | EntityManager, after: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM enrollment WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Progress rows for these enrollments, created if missing and locked (in id order: no deadlocks between batches). */
  async lock(m: EntityManager, ids: string[]): Promise<Map<string, Progress>> {
    const sorted = [...new Set(ids)].sort();
    await m.query(
      `INSERT INTO enrollment_progress (enrollment_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`,
      [sorted],
    );
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT * FROM enrollment_progress WHERE enrollment_id = ANY($1::uuid[]) ORDER BY enrollment_id FOR UPDATE`,
      [sorted],
    );
    return new Map(rows.map((r) => [r.enrollment_id as string, toProgress(r)]));
  }

  /** Writes progress rows (locked by the caller). */
  async save(m: EntityManager, rows: { enrollmentId: string; progress: Progress }[]): Promise<void> {
    await this.write(m, rows);
  }

  /**
   * Writes each row only if its version is still the one read; answers the enrollments written.
   * Another transaction's uncommitted change makes this wait for it, then skip the row.
   */
  async saveIfUnchanged(
    m: EntityManager,
    rows: { enrollmentId: string; progress: Progress; version: number }[],
  ): Promise<Set<string>> {
    return this.write(m, rows);
  }

  private async write(
    m: EntityManager,
    rows: { enrollmentId: string; progress: Progress; version?: number }[],
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const records = rows.map(({ enrollmentId, progress, version }) => {
      const record: Record<string, unknown> = {
        enrollment_id: enrollmentId,
        version: version ?? null,
        activities: progress.activities,
      };
      for (const column of MILESTONES) {
        record[`${column}_at`] = progress[FIELD[column]]?.at ?? null;
        record[`${column}_by`] = progress[FIELD[column]]?.by ?? null;
      }
      return record;
    });
    const set = MILESTONES.map((c) => `${c}_at = v.${c}_at, ${c}_by = v.${c}_by`).join(', ');
    const columns = MILESTONES.map((c) => `${c}_at timestamptz, ${c}_by uuid`).join(', ');
    const written: { enrollment_id: string }[] = await this.database.prepared(
      m.queryRunner,
      'hocba_progress_write',
      `WITH v AS (SELECT * FROM json_to_recordset($1::json) AS v(enrollment_id uuid, version integer, ${columns}, activities jsonb)),
       -- Locks taken in key order (a sort below the lock): transactions never wait in a circle.
       l AS (SELECT p.enrollment_id FROM enrollment_progress p JOIN v ON v.enrollment_id = p.enrollment_id
              WHERE v.version IS NULL OR p.version = v.version ORDER BY p.enrollment_id FOR UPDATE OF p)
       UPDATE enrollment_progress p SET ${set}, activities = v.activities, version = p.version + 1, updated_at = now()
         FROM v JOIN l ON l.enrollment_id = v.enrollment_id
        WHERE p.enrollment_id = v.enrollment_id
        RETURNING p.enrollment_id`,
      [JSON.stringify(records)],
    );
    return new Set(written.map((r) => r.enrollment_id));
  }

  /** Counts statements from actors no learner matches, for coordinators to match. */
  async recordUnmatched(
    m: EntityManager,
    actors: { key: string; actor: unknown; count: number; first: string; last: string }[],
  ): Promise<void> {
    if (actors.length === 0) return;
    await m.query(
      `INSERT INTO unmatched_actor (agent_key, actor, statements, first_at, last_at)
       SELECT key, actor, count, first, last FROM json_to_recordset($1::json) AS v(key text, actor jsonb, count int, first timestamptz, last timestamptz)
       ON CONFLICT (agent_key) DO UPDATE SET statements = unmatched_actor.statements + EXCLUDED.statements,
         first_at = LEAST(unmatched_actor.first_at, EXCLUDED.first_at), last_at = GREATEST(unmatched_actor.last_at, EXCLUDED.last_at)`,
      [JSON.stringify(actors)],
    );
  }

  /** When each seat reached each milestone a person reads (seats without progress are left out). */
  async milestones(db: DataSource | EntityManager, ids: string[]): Promise<Map<string, SeatMilestones>> {
    if (ids.length === 0) return new Map();
    const rows: {
      enrollment_id: string;
      activated_at: Date | null;
      started_at: Date | null;
      completed_at: Date | null;
      passed_at: Date | null;
      certified_at: Date | null;
    }[] = await db.query(
      `SELECT enrollment_id, activated_at, started_at, completed_at, passed_at, certified_at
         FROM enrollment_progress WHERE enrollment_id = ANY($1::uuid[])`,
      [ids],
    );
    const at = (v: Date | null) => v?.toISOString() ?? null;
    return new Map(
      rows.map((r) => [
        r.enrollment_id,
        {
          activatedAt: at(r.activated_at),
          startedAt: at(r.started_at),
          completedAt: at(r.completed_at),
          passedAt: at(r.passed_at),
          certifiedAt: at(r.certified_at),
        },
      ]),
    );
  }

  /** Of these seats, those whose course's rule is met. */
  async completed(m: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { enrollment_id: string }[] = await m.query(
      `SELECT enrollment_id FROM enrollment_progress WHERE enrollment_id = ANY($1::uuid[]) AND completed_at IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => r.enrollment_id);
  }

  /** Whether any of these seats has progress: activated, started, or an activity recorded. */
  async anyProgress(m: EntityManager, ids: string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM enrollment_progress p WHERE p.enrollment_id = ANY($1::uuid[])
          AND (p.activated_at IS NOT NULL OR p.started_at IS NOT NULL OR p.activities <> '{}'::jsonb)
        LIMIT 1`,
      [ids],
    );
    return rows.length > 0;
  }

  /** Records the seat as certified (its first certificate issued); a later issue leaves the first time. */
  async markCertified(m: EntityManager, enrollmentId: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE enrollment_progress SET certified_at = $2, updated_at = now() WHERE enrollment_id = $1 AND certified_at IS NULL`,
      [enrollmentId, at],
    );
  }

  /** A learner matched now: their earlier statements stop being "unmatched". */
  async forgetUnmatched(m: EntityManager, keys: string[]): Promise<void> {
    if (keys.length > 0)
      await m.query(`DELETE FROM unmatched_actor WHERE agent_key = ANY($1::text[])`, [keys]);
  }
}
