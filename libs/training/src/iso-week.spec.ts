import { isoWeekOf, previousWeek, weekBounds, weekLabel } from './iso-week';

describe('ISO weeks', () => {
  it('numbers weeks as the reports do, across year ends', () => {
    expect(isoWeekOf('2022-09-26')).toBe('2022-W39');
    expect(isoWeekOf('2022-10-02')).toBe('2022-W39');
    expect(isoWeekOf('2022-10-03')).toBe('2022-W40');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('gives a week its Monday and Sunday, and refuses weeks that do not exist', () => {
    expect(weekBounds('2022-W39')).toEqual({ start: '2022-09-26', end: '2022-10-02' });
    expect(weekBounds('2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    expect(weekBounds('2022-W53')).toBeUndefined();
    expect(weekBounds('2022-39')).toBeUndefined();
    expect(weekLabel('2022-W39')).toBe('Tuần 39/2022');
  });

  it("takes the week before the job's time, in Vietnam time", () => {
    // Monday 3 October 2022, 06:00 in Hà Nội (Sunday 23:00 UTC): the pack covers week 39.
    expect(previousWeek(new Date('2022-10-02T23:00:00Z'))).toBe('2022-W39');
    // Monday 00:00 in Hà Nội is 17:00 UTC on Sunday; an hour earlier it is still week 39 there.
    expect(previousWeek(new Date('2022-10-02T17:00:00Z'))).toBe('2022-W39');
    expect(previousWeek(new Date('2022-10-02T16:00:00Z'))).toBe('2022-W38');
  });
});
