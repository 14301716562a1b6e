import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportsDataSource } from '@hocba/database';
import { LrsStore } from '@hocba/lrs';
import { provinceOnMapSql, type ProvinceScope } from '@hocba/units';
import { MILESTONES, type FunnelCounts, type Grouping, type Milestone } from './funnel';

export interface FunnelFilter {
  scope: ProvinceScope;
  era: 'legacy' | 'current';
  /** The last day included (Vietnam time); undefined: everything so far. */
  asOf?: string;
  courseCode?: string;
  cohortId?: string;
  /** The cohorts' wave (đợt), as written on the cohorts. */
  wave?: string;
  /** Province ids (a province and those it absorbed or was absorbed into). */
  provinceIds?: string[];
  /** Seats of one level or sector only: properties of each seat, so such reports count the seats, not the tally. */
  level?: string;
  sector?: string;
}

/** Whether a filter narrows to properties of the seats, which the funnel tally (per cohort) does not hold. */
const seatFiltered = (f: FunnelFilter) => f.level !== undefined || f.sector !== undefined;

const LEVEL_LABELS: Record<string, string> = { tinh: 'Cấp tỉnh', huyen: 'Cấp huyện', xa: 'Cấp xã' };
const SECTOR_LABELS: Record<string, string> = { 'cong-an': 'Công an', cbccvc: 'CBCCVC', khac: 'Khác' };
const UNKNOWN = 'Chưa rõ';

/** The filter's conditions on the cohort (c), its course (k) and province (u): all a report's filters are. */
function cohortWhere(f: FunnelFilter, p: (v: unknown) => string): string[] {
  const where: string[] = [];
  if (f.scope) where.push(`c.province_id = ANY(${p(f.scope)}::text[])`);
  // A course code as people write it: "DA06-K1" filters the course stored as "da06-k1".
  if (f.courseCode) where.push(`lower(k.code) = lower(${p(f.courseCode)})`);
  if (f.cohortId) where.push(`c.id = ${p(f.cohortId)}::uuid`);
  if (f.wave) where.push(`c.wave = ${p(f.wave)}`);
  if (f.provinceIds) where.push(`c.province_id = ANY(${p(f.provinceIds)}::text[])`);
  return where;
}

const COHORT_JOINS = 'JOIN course k ON k.id = c.course_id JOIN admin_unit u ON u.id = c.province_id';

/** The end of the report's last day (Vietnam time) and that day, as SQL. */
function dayBounds(f: FunnelFilter, p: (v: unknown) => string): { end: string; day: string } {
  return f.asOf
    ? {
        end: `((${p(f.asOf)}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`,
        day: `${p(f.asOf)}::date`,
      }
    : { end: `'infinity'::timestamptz`, day: `'infinity'::date` };
}

/** Group key and label of each grouping, over the `seats` CTE. */
const GROUP: Record<Grouping, { key: string; label: string; join?: string }> = {
  province: { key: 's.province_id', label: 'pu.name', join: 'JOIN admin_unit pu ON pu.id = s.province_id' },
  cohort: { key: 's.cohort_id::text', label: `s.cohort_code || ' - ' || s.cohort_title` },
  course: { key: 's.course_code', label: 's.course_title' },
  level: { key: `COALESCE(s.level, '')`, label: `COALESCE(s.level, '')` },
  sector: { key: `COALESCE(s.sector, '')`, label: `COALESCE(s.sector, '')` },
  unit: { key: `COALESCE(s.unit, '')`, label: `COALESCE(s.unit, '')` },
};

/** Groupings that are properties of the cohort: these reports read the funnel tally. */
export type CohortGrouping = 'province' | 'cohort' | 'course';
export const isCohortGrouping = (g: Grouping): g is CohortGrouping =>
  g === 'province' || g === 'cohort' || g === 'course';

/** Group key and label of the cohort groupings, over cohort c, course k and province unit u. */
const COHORT_GROUP = (
  era: FunnelFilter['era'],
): Record<CohortGrouping, { key: string; label: string; join?: string }> => ({
  province: {
    key: provinceOnMapSql(era),
    label: 'pu.name',
    join: `JOIN admin_unit pu ON pu.id = ${provinceOnMapSql(era)}`,
  },
  cohort: { key: 'c.id::text', label: `c.code || ' - ' || c.title` },
  course: { key: 'k.code', label: 'k.title' },
});

/**
 * The seats a report counts, with each milestone as a flag as of the report's date. A replaced
 * seat leaves the denominator (its replacement holds it); a deducted seat stays in the raw figures
 * and leaves the adjusted ones, from its effective date.
 */
function seatsSql(f: FunnelFilter, params: unknown[]): string {
  const p = (v: unknown) => `$${params.push(v)}`;
  const { end, day } = dayBounds(f, p);
  const reached = (column: string) => `COALESCE(p.${column}_at < ${end}, false)`;
  const where = [`e.status <> 'replaced'`, ...cohortWhere(f, p)];
  if (f.level) where.push(`e.level = ${p(f.level)}`);
  if (f.sector) where.push(`e.sector = ${p(f.sector)}`);
  return `seats AS (
    SELECT e.id, e.learner_id, e.level, e.sector, e.unit, c.id AS cohort_id, c.code AS cohort_code, c.title AS cohort_title,
           k.code AS course_code, k.title AS course_title, ${provinceOnMapSql(f.era)} AS province_id,
           (e.status = 'deducted' AND (e.deducted_on IS NULL OR e.deducted_on <= ${day})) AS deducted,
           ${reached('activated')} AS activated, ${reached('started')} AS started, ${reached('completed')} AS completed,
           ${reached('passed')} AS passed, ${reached('certified')} AS certified
      FROM enrollment e JOIN cohort c ON c.id = e.cohort_id ${COHORT_JOINS}
      LEFT JOIN enrollment_progress p ON p.enrollment_id = e.id
     WHERE ${where.join(' AND ')})`;
}

/**
 * The same counts per cohort group from the funnel tally (running counts per cohort and day and per
 * cohort and month, kept by triggers, deductions included), and unique learners as seats less the extra seats of learners
 * holding several in one group. Equal to the seats query by construction; a test holds them equal.
 * `groupBy` null: one row for the whole report, its seats and unique learners only (the seat rows
 * of the tally are a few hundred; the milestone figures of that row are left at zero).
 */
function tallySql(groupBy: CohortGrouping | null, f: FunnelFilter, params: unknown[]): string {
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = cohortWhere(f, p);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const g = groupBy ? COHORT_GROUP(f.era)[groupBy] : { key: `''`, label: `''`, join: '' };
  // Whole months before the report's month, then its days up to the report's.
  let upTo = `AND t.span = 'm'`;
  if (!groupBy) upTo = `AND t.span = 'm' AND t.day = '-infinity'::date`;
  else if (f.asOf) {
    const day = `${p(f.asOf)}::date`;
    upTo = `AND ((t.span = 'm' AND t.day < date_trunc('month', ${day})::date) OR (t.span = 'd' AND t.day >= date_trunc('month', ${day})::date AND t.day <= ${day}))`;
  }
  const sums = ['enrolled', ...MILESTONES, 'deducted', ...MILESTONES.map((m) => `deducted_${m}`)];
  return `
    WITH c AS (
      SELECT c.id, ${g.key} AS key, ${g.label} AS label
        FROM cohort c ${COHORT_JOINS} ${g.join ?? ''} ${filter}),
    t AS (
      SELECT c.key, c.label, ${sums.map((n) => `COALESCE(sum(t.${n}), 0) AS ${n}`).join(', ')}
        FROM c JOIN funnel_tally t ON t.cohort_id = c.id ${upTo}
       GROUP BY 1, 2 HAVING sum(t.enrolled) > 0),
    x AS (
      SELECT key, sum(n - 1) AS extra FROM (
        SELECT c.key, e.learner_id, count(*) AS n
          FROM learner_multi_seat lm JOIN enrollment e ON e.learner_id = lm.learner_id AND e.status <> 'replaced'
          JOIN c ON c.id = e.cohort_id
         GROUP BY 1, 2 HAVING count(*) > 1) y
       GROUP BY key)
    SELECT t.key, t.label, t.enrolled::int AS enrolled, (t.enrolled - COALESCE(x.extra, 0))::int AS learners, t.deducted::int AS deducted,
           ${MILESTONES.map((m) => `t.${m}::int AS ${m}, (t.${m} - t.deducted_${m})::int AS adjusted_${m}`).join(', ')}
      FROM t LEFT JOIN x ON x.key = t.key
     ORDER BY t.label`;
}

const COUNTS = [
  'count(*)::int AS enrolled',
  'count(DISTINCT s.learner_id)::int AS learners',
  'count(*) FILTER (WHERE s.deducted)::int AS deducted',
  ...MILESTONES.map((m) => `count(*) FILTER (WHERE s.${m})::int AS ${m}`),
  ...MILESTONES.map((m) => `count(*) FILTER (WHERE s.${m} AND NOT s.deducted)::int AS adjusted_${m}`),
].join(', ');

type CountRow = Record<string, number | string>;

function toCounts(r: CountRow): FunnelCounts {
  const n = (k: string) => Number(r[k]);
  return {
    enrolled: n('enrolled'),
    learners: n('learners'),
    deducted: n('deducted'),
    activated: n('activated'),
    started: n('started'),
    completed: n('completed'),
    passed: n('passed'),
    certified: n('certified'),
    adjusted: Object.fromEntries(MILESTONES.map((m) => [m, n(`adjusted_${m}`)])) as Record<Milestone, number>,
  };
}

/**
 * Hand-written report queries over enrollments and their progress rows (never the statements).
 * The reports lib reads the program's, progress's and units' tables for its reports (the one lib
 * allowed to: docs/architecture.md); its set-based queries join seats, progress and provinces in
 * one statement, on the read replica when there is one.
 */
@Injectable()
export class FunnelRepository {
  private readonly dataSource: DataSource;

  constructor(
    reports: ReportsDataSource,
    private readonly primary: DataSource,
    private readonly lrs: LrsStore,
  ) {
    this.dataSource = reports.dataSource;
  }

  /**
   * Counts per group. Province, cohort and course reports read the funnel tally; level, sector and
   * unit (properties of each seat), and any report filtered by level or sector, count the seats;
   * `source: 'seats'` forces the latter (tests compare the two).
   */
  async groups(
    groupBy: Grouping,
    f: FunnelFilter,
    source: 'tally' | 'seats' = 'tally',
  ): Promise<{ key: string; label: string; counts: FunnelCounts }[]> {
    const params: unknown[] = [];
    const g = GROUP[groupBy];
    const rows: CountRow[] = await this.dataSource.query(
      source === 'tally' && isCohortGrouping(groupBy) && !seatFiltered(f)
        ? tallySql(groupBy, f, params)
        : `WITH ${seatsSql(f, params)}
       SELECT ${g.key} AS key, ${g.label} AS label, ${COUNTS} FROM seats s ${g.join ?? ''} GROUP BY 1, 2 ORDER BY 2`,
      params,
    );
    return rows.map((r) => {
      const key = String(r.key);
      let label = String(r.label);
      if (groupBy === 'level') label = LEVEL_LABELS[key] ?? UNKNOWN;
      if (groupBy === 'sector') label = SECTOR_LABELS[key] ?? UNKNOWN;
      if (groupBy === 'unit' && key === '') label = UNKNOWN;
      return { key, label, counts: toCounts(r) };
    });
  }

  /** Unique persons among the seats of the whole report. */
  async learnersTotal(f: FunnelFilter, source: 'tally' | 'seats' = 'tally'): Promise<number> {
    const params: unknown[] = [];
    const [row]: { learners: number }[] = await this.dataSource.query(
      source === 'tally' && !seatFiltered(f)
        ? tallySql(null, f, params)
        : `WITH ${seatsSql(f, params)} SELECT count(DISTINCT s.learner_id)::int AS learners FROM seats s`,
      params,
    );
    return Number(row?.learners ?? 0);
  }

  async provinceCount(era: 'legacy' | 'current'): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM admin_unit WHERE kind = 'province' AND era = $1`,
      [era],
    );
    return Number(row.n);
  }

  /** Provinces of the map with at least one cohort, and with at least one learner started, and how many provinces the map has. */
  async coverage(f: FunnelFilter): Promise<{ provinces: number; withCohorts: number; started: number }> {
    const [provinces, groups] = await Promise.all([this.provinceCount(f.era), this.groups('province', f)]);
    return {
      provinces,
      withCohorts: groups.length,
      started: groups.filter((g) => g.counts.started > 0).length,
    };
  }

  /**
   * Unique learners who started a course in a period (Vietnam days, both included), per province of
   * the map their cohort is in: the training-volume report's "tracked" learners. On the primary, as
   * that report reads its own figures there.
   */
  async startedLearners(
    era: 'legacy' | 'current',
    from?: string,
    to?: string,
  ): Promise<{ key: string; learners: number }[]> {
    const rows: { key: string; learners: number }[] = await this.primary.query(
      `SELECT ${provinceOnMapSql(era)} AS key, count(DISTINCT e.learner_id)::int AS learners
         FROM enrollment e JOIN enrollment_progress p ON p.enrollment_id = e.id JOIN cohort c ON c.id = e.cohort_id
         JOIN admin_unit u ON u.id = c.province_id
        WHERE e.status <> 'replaced' AND p.started_at IS NOT NULL
          AND ($1::date IS NULL OR p.started_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
          AND ($2::date IS NULL OR p.started_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
        GROUP BY 1`,
      [from ?? null, to ?? null],
    );
    return rows.map((r) => ({ key: r.key, learners: Number(r.learners) }));
  }

  /** The time the figures hold for: every statement committed before it is counted (the projection is synchronous). */
  async now(): Promise<string> {
    // On a replica still replaying, the time of the last transaction it has; else now.
    const [{ now }]: { now: Date }[] = await this.dataSource.query(
      `SELECT CASE WHEN pg_is_in_recovery() AND pg_last_wal_receive_lsn() IS DISTINCT FROM pg_last_wal_replay_lsn()
                   THEN pg_last_xact_replay_timestamp() ELSE now() END AS now`,
    );
    return now.toISOString();
  }

  /** Actors whose statements match no learner, most active first, for a national team to match. */
  async unmatchedActors(
    limit: number,
  ): Promise<{ agentKey: string; actor: unknown; statements: number; firstAt: string; lastAt: string }[]> {
    const rows: { agent_key: string; actor: unknown; statements: number; first_at: Date; last_at: Date }[] =
      await this.dataSource.query(
        `SELECT agent_key, actor, statements, first_at, last_at FROM unmatched_actor ORDER BY statements DESC, agent_key LIMIT $1`,
        [limit],
      );
    return rows.map((r) => ({
      agentKey: r.agent_key,
      actor: r.actor,
      statements: r.statements,
      firstAt: r.first_at.toISOString(),
      lastAt: r.last_at.toISOString(),
    }));
  }

  /**
   * The seats behind a figure: those of one group (when given) that reached one milestone and/or
   * not another, as of the report's date. Also the lists coordinators chase ("not activated":
   * missing=activated; "started, not completed": reached=started, missing=completed).
   */
  async learners(
    f: FunnelFilter,
    select: { groupBy?: Grouping; key?: string; reached?: Milestone; missing?: Milestone; limit: number },
  ): Promise<LearnerRow[]> {
    const params: unknown[] = [];
    const seats = seatsSql(f, params);
    const where = ['true'];
    if (select.groupBy && select.key !== undefined)
      where.push(`${GROUP[select.groupBy].key} = $${params.push(select.key)}`);
    if (select.reached) where.push(`s.${select.reached}`);
    if (select.missing) where.push(`NOT s.${select.missing}`);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH ${seats}
       SELECT s.id AS enrollment_id, l.full_name, l.account_home_page, l.account_name, l.email, l.phone, s.unit, s.level, s.sector,
              s.cohort_code, s.course_code, pu.name AS province, s.deducted,
              p.activated_at, p.started_at, p.completed_at, p.passed_at, p.certified_at
         FROM seats s JOIN enrollment e ON e.id = s.id JOIN learner l ON l.id = e.learner_id
         JOIN admin_unit pu ON pu.id = s.province_id
         LEFT JOIN enrollment_progress p ON p.enrollment_id = s.id
        WHERE ${where.join(' AND ')}
        ORDER BY s.cohort_code, l.name_key, s.id LIMIT ${Math.max(1, Math.min(select.limit, 100_000))}`,
      params,
    );
    const time = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
    return rows.map((r) => ({
      enrollmentId: r.enrollment_id as string,
      fullName: r.full_name as string,
      account: r.account_name
        ? { homePage: r.account_home_page as string, name: r.account_name as string }
        : null,
      email: r.email as string | null,
      phone: r.phone as string | null,
      unit: r.unit as string | null,
      level: r.level as string | null,
      sector: r.sector as string | null,
      province: r.province as string,
      cohortCode: r.cohort_code as string,
      courseCode: r.course_code as string,
      deducted: r.deducted as boolean,
      activatedAt: time(r.activated_at),
      startedAt: time(r.started_at),
      completedAt: time(r.completed_at),
      passedAt: time(r.passed_at),
      certifiedAt: time(r.certified_at),
    }));
  }

  /** How many seats reached each milestone on each day (Vietnam time) between two dates. */
  async daily(
    f: FunnelFilter,
    from: string,
    to: string,
  ): Promise<{ date: string; milestone: Milestone; count: number }[]> {
    const params: unknown[] = [];
    const seats = seatsSql(f, params);
    const start = `(${`$${params.push(from)}`}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
    const end = `((${`$${params.push(to)}`}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
    const rows: { date: string; milestone: Milestone; count: number }[] = await this.dataSource.query(
      `WITH ${seats}
       SELECT to_char((v.t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS date, v.m AS milestone, count(*)::int AS count
         FROM seats s JOIN enrollment_progress p ON p.enrollment_id = s.id
         CROSS JOIN LATERAL (VALUES ('activated', p.activated_at), ('started', p.started_at), ('completed', p.completed_at),
                                    ('passed', p.passed_at), ('certified', p.certified_at)) AS v(m, t)
        WHERE v.t >= ${start} AND v.t < ${end}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    return rows;
  }

  /** One seat's milestones with the statements that set them, if the caller's scope reaches it. */
  async enrollmentProgress(id: string, scope: ProvinceScope): Promise<EnrollmentProgress | undefined> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT e.id, e.status, c.code AS cohort_code, p.*
         FROM enrollment e JOIN cohort c ON c.id = e.cohort_id LEFT JOIN enrollment_progress p ON p.enrollment_id = e.id
        WHERE e.id = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2))`,
      [id, scope],
    );
    if (!row) return undefined;
    const names = ['activated', 'started', 'course_completed', 'passed', 'satisfied', 'completed'] as const;
    const milestones: EnrollmentProgress['milestones'] = {};
    for (const n of names) {
      if (row[`${n}_at`] instanceof Date)
        milestones[n] = { at: (row[`${n}_at`] as Date).toISOString(), statementId: row[`${n}_by`] as string };
    }
    const ids = [...new Set(Object.values(milestones).map((m) => m.statementId))];
    // The statements are the LRS's (its lib owns them), read from the primary.
    const statements = await this.lrs.statementsByIds(ids);
    return {
      enrollmentId: row.id as string,
      status: row.status as string,
      cohortCode: row.cohort_code as string,
      milestones,
      certifiedAt: row.certified_at instanceof Date ? row.certified_at.toISOString() : null,
      statements,
    };
  }
}

export interface LearnerRow {
  enrollmentId: string;
  fullName: string;
  account: { homePage: string; name: string } | null;
  email: string | null;
  phone: string | null;
  unit: string | null;
  level: string | null;
  sector: string | null;
  province: string;
  cohortCode: string;
  courseCode: string;
  deducted: boolean;
  activatedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  passedAt: string | null;
  certifiedAt: string | null;
}

export interface EnrollmentProgress {
  enrollmentId: string;
  status: string;
  cohortCode: string;
  /** Each milestone reached: when, and the statement that set it (course_completed and satisfied are the course's own signals). */
  milestones: Partial<
    Record<
      'activated' | 'started' | 'course_completed' | 'passed' | 'satisfied' | 'completed',
      { at: string; statementId: string }
    >
  >;
  certifiedAt: string | null;
  statements: unknown[];
}
