import { percent, rank, rate, withRates, type FunnelCounts } from './funnel';

const counts = (
  enrolled: number,
  activated: number,
  completed: number,
  deducted = 0,
  adjustedCompleted = completed,
): FunnelCounts => ({
  enrolled,
  learners: enrolled,
  deducted,
  activated,
  started: activated,
  completed,
  passed: 0,
  certified: 0,
  adjusted: { activated, started: activated, completed: adjustedCompleted, passed: 0, certified: 0 },
});

describe('funnel rates', () => {
  it('rounds as a correct report does: Bắc Giang activation 3,226/3,235 is 99.7%, not the published 99.8%', () => {
    expect(rate(3226, 3235)).toBe(0.9972);
    expect(percent(rate(3226, 3235))).toBe('99,7%');
    expect(rate(3029, 3235)).toBe(0.9363);
    expect(percent(rate(2566, 2589))).toBe('99,1%');
    expect(rate(1, 0)).toBeNull();
  });

  it('leaves deducted seats out of both sides of the adjusted rates', () => {
    const row = withRates('bg', 'Bắc Giang', counts(3235, 3226, 3029, 176, 3000));
    expect(row.rates.completed).toBe(0.9363);
    expect(row.adjustedRates.completed).toBe(rate(3000, 3059));
    expect(row).not.toHaveProperty('adjusted');
  });

  it('ranks by a rate with ties sharing a place, rows without seats last', () => {
    const rows = [
      withRates('a', 'A', counts(10, 9, 5)),
      withRates('b', 'B', counts(10, 9, 9)),
      withRates('c', 'C', counts(20, 18, 18)),
      withRates('d', 'D', counts(0, 0, 0)),
    ];
    expect(rank(rows, 'completed', false).map((r) => [r.key, r.rank])).toEqual([
      ['c', 1],
      ['b', 1],
      ['a', 3],
      ['d', undefined],
    ]);
  });
});
