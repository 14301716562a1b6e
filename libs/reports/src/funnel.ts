/** The funnel's milestones, in order. */
export const MILESTONES = ['activated', 'started', 'completed', 'passed', 'certified'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const GROUPINGS = ['province', 'cohort', 'course', 'level', 'sector', 'unit'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface FunnelCounts {
  enrolled: number;
  learners: number;
  deducted: number;
  activated: number;
  started: number;
  completed: number;
  passed: number;
  certified: number;
  /** The same milestones among seats not deducted (numerators of the adjusted rates). */
  adjusted: Record<Milestone, number>;
}

export interface FunnelRow extends Omit<FunnelCounts, 'adjusted'> {
  key: string;
  label: string;
  rates: Record<Milestone, number | null>;
  adjustedRates: Record<Milestone, number | null>;
  rank?: number;
}

/** A fraction rounded half away from zero to 4 places (0.93634 → 0.9363): percentages to two decimals. */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

/** Rates against all seats, and adjusted rates with deducted seats out of numerator and denominator. */
export function withRates(key: string, label: string, c: FunnelCounts): FunnelRow {
  const rates = {} as Record<Milestone, number | null>;
  const adjustedRates = {} as Record<Milestone, number | null>;
  for (const m of MILESTONES) {
    rates[m] = rate(c[m], c.enrolled);
    adjustedRates[m] = rate(c.adjusted[m], c.enrolled - c.deducted);
  }
  const { adjusted: _adjusted, ...counts } = c;
  void _adjusted;
  return { key, label, ...counts, rates, adjustedRates };
}

/** Standard competition ranking (1, 2, 2, 4) by a rate, highest first; rows without a rate come last, unranked. */
export function rank(rows: FunnelRow[], by: Milestone, adjusted: boolean): FunnelRow[] {
  const value = (r: FunnelRow) => (adjusted ? r.adjustedRates : r.rates)[by];
  const sorted = [...rows].sort(
    (a, b) => (value(b) ?? -1) - (value(a) ?? -1) || b[by] - a[by] || a.label.localeCompare(b.label, 'vi'),
  );
  let previous: number | null | undefined;
  let previousRank = 0;
  return sorted.map((r, i) => {
    const v = value(r);
    if (v === null) return { ...r, rank: undefined };
    const position = v === previous ? previousRank : i + 1;
    previous = v;
    previousRank = position;
    return { ...r, rank: position };
  });
}

/** "99,7%" as Vietnamese reports write a rate: the server's one formatter, kept here for the reports' callers. */
export { percent } from '@hocba/units';
