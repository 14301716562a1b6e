import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@hocba/auth';
import { adjustedRateLabel, LABELS, rateLabel, type ExportTable } from '@hocba/spreadsheets';
import { provinceScope, UnitsService, vietnamDay, viDate, viDateTime } from '@hocba/units';
import { MILESTONES, rank, withRates, type FunnelCounts, type FunnelRow, type Grouping } from './funnel';
import { FunnelRepository, type FunnelFilter, type LearnerRow } from './funnel.repository';
import type { FunnelQueryDto } from './dto/funnel-query.dto';
import { ReportError } from './reports.errors';

export interface FunnelReport {
  asOf: string;
  /** Every statement acknowledged before this time is counted (progress is updated as statements are stored). */
  dataAsOf: string;
  groupBy: Grouping;
  era: 'legacy' | 'current';
  rankBy: string;
  rows: FunnelRow[];
  totals: Omit<FunnelRow, 'key' | 'label' | 'rank'>;
  coverage: { provinces: number; withCohorts: number; started: number };
  definitions: Record<string, string>;
}

export const DEFINITIONS = {
  enrolled: 'learner-enrollments (lượt) holding a seat; a replaced seat counts once, for the replacement',
  learners: 'unique persons among them',
  deducted: 'seats deducted on request, effective on or before asOf',
  activated: 'the learner has sent at least one statement (ever reached by asOf)',
  started: 'a statement inside the course: the course, a required activity or the exam as object or context',
  completed: "the course's completion rule (moveOn) met",
  passed:
    'the final exam passed (or, without an exam, the course passed); a later failure does not take it back',
  certified: 'a certificate issued',
  rates: 'milestone / enrolled, a fraction rounded to 4 places',
  adjustedRates: 'the same with deducted seats left out of numerator and denominator',
  asOf: 'milestones reached and deductions effective up to the end of this day, Vietnam time (UTC+7)',
};

const GROUP_VI: Record<Grouping, string> = {
  province: LABELS.province,
  cohort: LABELS.cohort,
  course: LABELS.course,
  level: LABELS.level,
  sector: LABELS.sector,
  unit: LABELS.unit,
};

@Injectable()
export class FunnelService {
  constructor(
    private readonly funnel: FunnelRepository,
    private readonly units: UnitsService,
  ) {}

  /**
   * Unique learners who started a course in a period (Vietnam days, both included), per province
   * of the map their cohort is in (the training-volume report's learners Hocba saw start).
   */
  startedLearners(era: 'legacy' | 'current', from?: string, to?: string) {
    return this.funnel.startedLearners(era, from, to);
  }

  /** The report's filter, scoped to the caller's provinces. */
  async filterOf(q: FunnelQueryDto, user: AuthUser): Promise<FunnelFilter> {
    const filter: FunnelFilter = {
      scope: await provinceScope(user, this.units),
      era: q.era,
      asOf: q.asOf,
      courseCode: q.courseCode,
      cohortId: q.cohortId,
      wave: q.wave,
      level: q.level,
      sector: q.sector,
    };
    if (q.province)
      filter.provinceIds = await this.units.reach([
        (await this.units.resolveProvince(q.province, 'province')).id,
      ]);
    return filter;
  }

  async report(q: FunnelQueryDto, user: AuthUser): Promise<FunnelReport> {
    const filter = await this.filterOf(q, user);
    const dataAsOf = await this.funnel.now();
    if (q.asOf && q.asOf > vietnamDay(dataAsOf))
      throw new ReportError('report.as_of_in_future', 'asOf must not be in the future', { field: 'asOf' });
    const all = q.allProvinces === 'true';
    if (all && q.groupBy !== 'province')
      throw new ReportError(
        'report.all_provinces_needs_province',
        'allProvinces applies to groupBy=province only',
        {
          field: 'allProvinces',
        },
      );
    // One scan of the seats for the rows; the totals add them up (all but unique learners, which a
    // lighter query counts); coverage by province comes from the rows themselves.
    const [groups, learners, coverage] = await Promise.all([
      this.funnel.groups(q.groupBy, filter),
      this.funnel.learnersTotal(filter),
      q.groupBy === 'province' ? this.funnel.provinceCount(q.era) : this.funnel.coverage(filter),
    ]);
    if (all) groups.push(...(await this.provincesWithoutSeats(filter, groups)));
    const totals = sumCounts(
      groups.map((g) => g.counts),
      learners,
    );
    const rows = rank(
      groups.map((g) => withRates(g.key, g.label, g.counts)),
      q.rankBy,
      false,
    );
    const { key: _k, label: _l, ...total } = withRates('', '', totals);
    void _k;
    void _l;
    return {
      asOf: q.asOf ?? vietnamDay(dataAsOf),
      dataAsOf,
      groupBy: q.groupBy,
      era: q.era,
      rankBy: q.rankBy,
      rows,
      totals: total,
      coverage:
        typeof coverage === 'number'
          ? {
              provinces: coverage,
              withCohorts: groups.filter((g) => g.counts.enrolled > 0).length,
              started: groups.filter((g) => g.counts.started > 0).length,
            }
          : coverage,
      definitions: DEFINITIONS,
    };
  }

  /** Zero rows for the provinces of the filter's map, within its reach, that have no row among `groups`. */
  private async provincesWithoutSeats(
    filter: FunnelFilter,
    groups: { key: string }[],
  ): Promise<{ key: string; label: string; counts: FunnelCounts }[]> {
    const shown = new Set(groups.map((g) => g.key));
    const reach = (id: string) =>
      (!filter.scope || filter.scope.includes(id)) &&
      (!filter.provinceIds || filter.provinceIds.includes(id));
    return (await this.units.list(filter.era))
      .filter((u) => !shown.has(u.id) && reach(u.id))
      .map((u) => ({ key: u.id, label: u.name, counts: sumCounts([], 0) }));
  }

  /** The report as Vietnamese reports lay it out, with the definitions and the data time above the table. */
  table(report: FunnelReport): ExportTable {
    const counts = ['enrolled', 'learners', 'deducted', ...MILESTONES] as const;
    return {
      sheetName: 'Phễu học tập',
      notes: [
        `Báo cáo tiến độ học tập theo ${GROUP_VI[report.groupBy].toLowerCase()}, số liệu đến hết ngày ${viDate(report.asOf)} (giờ Việt Nam); dữ liệu lúc ${viDateTime(report.dataAsOf)}.`,
        `${LABELS.enrolled}: số lượt ghi danh (lượt thay thế tính một lần). ${LABELS.activated}: đã có ít nhất một hoạt động. ${LABELS.started}: có hoạt động trong khóa học. ${LABELS.completed}: đạt điều kiện hoàn thành của khóa học. ${LABELS.passed}: đạt bài kiểm tra cuối khóa. Tỷ lệ = số / ghi danh; tỷ lệ sau giảm trừ không tính người đã giảm trừ ở cả tử số và mẫu số.`,
      ],
      header: [
        LABELS.rank,
        GROUP_VI[report.groupBy],
        ...counts.map((c) => LABELS[c]),
        ...MILESTONES.map((m) => rateLabel(m)),
        ...MILESTONES.map((m) => adjustedRateLabel(m)),
      ],
      rows: [
        ...report.rows.map((r) => [
          r.rank ?? '',
          r.label,
          ...counts.map((c) => r[c]),
          ...MILESTONES.map((m) => r.rates[m]),
          ...MILESTONES.map((m) => r.adjustedRates[m]),
        ]),
        [
          '',
          LABELS.total,
          ...counts.map((c) => report.totals[c]),
          ...MILESTONES.map((m) => report.totals.rates[m]),
          ...MILESTONES.map((m) => report.totals.adjustedRates[m]),
        ],
      ],
      // The rates follow the rank, the group and the counts.
      percentColumns: MILESTONES.flatMap((_, i) => [
        2 + counts.length + i,
        2 + counts.length + MILESTONES.length + i,
      ]),
    };
  }
}

/** The learners list as a file: who, where, and when each milestone was reached. */
export function learnersTable(rows: LearnerRow[], title: string): ExportTable {
  const t = viDateTime;
  return {
    sheetName: 'Học viên',
    notes: [title],
    header: [
      LABELS.fullName,
      LABELS.account,
      LABELS.email,
      LABELS.phone,
      LABELS.province,
      LABELS.cohort,
      LABELS.unit,
      LABELS.level,
      LABELS.sector,
      LABELS.deducted,
      LABELS.activated,
      LABELS.started,
      LABELS.completed,
      LABELS.passed,
      LABELS.certified,
    ],
    rows: rows.map((r) => [
      r.fullName,
      r.account?.name ?? '',
      r.email ?? '',
      r.phone ?? '',
      r.province,
      r.cohortCode,
      r.unit ?? '',
      r.level ?? '',
      r.sector ?? '',
      r.deducted ? 'x' : '',
      t(r.activatedAt),
      t(r.startedAt),
      t(r.completedAt),
      t(r.passedAt),
      t(r.certifiedAt),
    ]),
    textColumns: [3],
  };
}

/** Counts added up over groups; unique learners cannot be, so they are given. */
export function sumCounts(list: FunnelCounts[], learners: number): FunnelCounts {
  const sum = (pick: (c: FunnelCounts) => number) => list.reduce((n, c) => n + pick(c), 0);
  return {
    enrolled: sum((c) => c.enrolled),
    learners,
    deducted: sum((c) => c.deducted),
    activated: sum((c) => c.activated),
    started: sum((c) => c.started),
    completed: sum((c) => c.completed),
    passed: sum((c) => c.passed),
    certified: sum((c) => c.certified),
    adjusted: Object.fromEntries(
      MILESTONES.map((m) => [m, sum((c) => c.adjusted[m])]),
    ) as FunnelCounts['adjusted'],
  };
}
