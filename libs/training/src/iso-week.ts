import { vietnamDay } from '@hocba/units';

/** ISO weeks as the weekly reports number them ("Tuần 39/2022": Monday 26 September to Sunday 2 October). */

const DAY = 86_400_000;

/** The ISO week ("2022-W39") of a calendar day (YYYY-MM-DD). */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week; undefined when there is no such week. */
export function weekBounds(week: string): { start: string; end: string } | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return undefined;
  const [year, n] = [Number(m[1]), Number(m[2])];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY + (n - 1) * 7 * DAY);
  const start = monday.toISOString().slice(0, 10);
  if (n < 1 || isoWeekOf(start) !== week) return undefined;
  return { start, end: new Date(monday.getTime() + 6 * DAY).toISOString().slice(0, 10) };
}

/** The week before the one an instant falls in, in Vietnam time (UTC+7): what a Monday's pack covers. */
export function previousWeek(at: Date): string {
  return isoWeekOf(vietnamDay(new Date(at.getTime() - 7 * DAY)));
}

/** "Tuần 39/2022". */
export function weekLabel(week: string): string {
  const [year, n] = week.split('-W');
  return `Tuần ${Number(n)}/${year}`;
}
