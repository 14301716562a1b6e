import {
  compareNames,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatPercent,
  matches,
  parseDay,
  todayInVietnam,
} from './format';
import { learnerStatus } from './learner-status';

/** The one formatter module: Vietnam time and Vietnamese order, whatever the machine's zone and locale. */
describe('format', () => {
  it('writes days dd/mm/yyyy, instants in Vietnam time, and calendar days without shifting them', () => {
    expect(formatDate('2026-11-20')).toBe('20/11/2026');
    // 18:30 UTC on the 19th is already the 20th in Vietnam (UTC+7).
    expect(formatDate('2026-11-19T18:30:00Z')).toBe('20/11/2026');
    expect(formatDateTime('2026-11-19T18:30:00Z')).toBe('20/11/2026 01:30');
    expect(formatDate(null)).toBe('');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    // A chart's axis: day first, as Vietnam writes it ("4/12", never "12/4").
    expect(formatDayMonth('2026-12-04')).toBe('4/12');
  });

  it('writes every rate with one decimal and, in Vietnamese, a comma, as the exports do', () => {
    expect(formatPercent(0.52)).toBe('52,0%');
    expect(formatPercent(0.696)).toBe('69,6%');
    expect(formatPercent(1)).toBe('100,0%');
    expect(formatPercent(0)).toBe('0,0%');
    expect(formatPercent(0.52, 'en')).toBe('52.0%');
  });

  it('reads a day as people type it, and refuses what is no day', () => {
    expect(parseDay('5/1/2026')).toBe('2026-01-05');
    expect(parseDay('25.11.2026')).toBe('2026-11-25');
    expect(parseDay('2026-11-25')).toBe('2026-11-25');
    expect(parseDay('31/02/2026')).toBeNull();
    expect(parseDay('mai')).toBeNull();
  });

  it('orders names by given name first, as Vietnamese: "Đ" after "D", not after "Z"', () => {
    const names = [
      'Trần Văn Đúng',
      'Bùi Văn Dũng',
      'Lê Thị Sửa',
      'Bùi Đức Dũng',
      'Nguyễn Thị Ánh',
      'Phạm Văn Zũ',
    ];
    expect([...names].sort(compareNames)).toEqual([
      'Nguyễn Thị Ánh',
      'Bùi Đức Dũng',
      'Bùi Văn Dũng',
      'Trần Văn Đúng',
      'Lê Thị Sửa',
      'Phạm Văn Zũ',
    ]);
  });

  it('finds names typed without tone marks', () => {
    expect(matches('Trần Văn Đúng', 'dung')).toBe(true);
    expect(matches('Nguyễn Thị Ánh', 'nguyen anh')).toBe(false);
    expect(matches('Nguyễn Thị Ánh', 'nguyen thi')).toBe(true);
  });

  it('gives each seat one status, the furthest it reached', () => {
    const none = { activatedAt: null, startedAt: null, completedAt: null, passedAt: null, certifiedAt: null };
    const at = '2026-11-20T02:00:00Z';
    expect(learnerStatus({ status: 'active', milestones: none })).toBe('not-activated');
    expect(learnerStatus({ status: 'active', milestones: { ...none, activatedAt: at } })).toBe('learning');
    expect(learnerStatus({ status: 'active', milestones: { ...none, startedAt: at, completedAt: at } })).toBe(
      'completed',
    );
    expect(
      learnerStatus({
        status: 'active',
        milestones: { ...none, completedAt: at, passedAt: at, certifiedAt: at },
      }),
    ).toBe('certified');
    expect(learnerStatus({ status: 'deducted', milestones: { ...none, certifiedAt: at } })).toBe('deducted');
    expect(learnerStatus({ status: 'replaced', milestones: none })).toBe('replaced');
  });
});
