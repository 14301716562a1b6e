import { percent, viDate, viDateTime, vietnamDay, viLongDate } from './vietnam-format';

describe('Vietnam time and Vietnamese forms', () => {
  // 21:34 UTC on 4 December is 04:34 on 5 December in Hà Nội: the UTC day would be a day early.
  const lateEvening = new Date('2026-12-04T21:34:00Z');

  it('dates an instant by its day in Vietnam, whatever the zone of the machine', () => {
    expect(vietnamDay(lateEvening)).toBe('2026-12-05');
    expect(viDate(lateEvening)).toBe('05/12/2026');
    expect(viDate(lateEvening.toISOString())).toBe('05/12/2026');
    expect(viDateTime(lateEvening)).toBe('05/12/2026 04:34');
    expect(viLongDate(lateEvening)).toBe('Ngày 05 tháng 12 năm 2026');
  });

  it('writes a calendar day as it is, without moving it through a zone', () => {
    expect(viDate('2025-06-30')).toBe('30/06/2025');
    expect(viLongDate('2026-01-02')).toBe('Ngày 02 tháng 01 năm 2026');
  });

  it('leaves nothing blank rather than "Invalid Date"', () => {
    expect(viDate(null)).toBe('');
    expect(viDateTime(undefined)).toBe('');
  });

  it('writes a rate with one decimal and a comma', () => {
    expect(percent(0.696)).toBe('69,6%');
    expect(percent(1)).toBe('100,0%');
    expect(percent(null)).toBe('');
  });
});
