/**
 * The one formatter module: every date, time, number, percentage and name order the screens show
 * goes through here, so a screen cannot leak the browser's own time zone or locale (the tests run
 * the browser in English and UTC to catch that). Dates are Vietnam time, written dd/mm/yyyy.
 */
import type { Language } from './i18n';

const ZONE = 'Asia/Ho_Chi_Minh';
const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const NUMBERS = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
// Rates one way everywhere, as the exports write them: one decimal always ("52,0%" beside "69,6%").
const PERCENT = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;
const PERCENTS = {
  vi: new Intl.NumberFormat('vi-VN', PERCENT),
  en: new Intl.NumberFormat('en-US', PERCENT),
};
const NAMES = new Intl.Collator('vi', { numeric: true });

/** A calendar day ("2026-11-20") or an instant ("2026-11-19T18:00:00Z") as dd/mm/yyyy in Vietnam. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  // A calendar day has no time zone: shifting it would move it a day.
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : DAY.format(at);
}

/** A calendar day (YYYY-MM-DD) as a chart's axis writes it, day first: "2026-12-04" → "4/12". */
export function formatDayMonth(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(d)}/${Number(m)}`;
}

/** An instant as dd/mm/yyyy hh:mm, Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return `${DAY.format(at)} ${TIME.format(at)}`;
}

/** Today's date in Vietnam, as the API takes days (YYYY-MM-DD). */
export function todayInVietnam(now = new Date()): string {
  const [d, m, y] = DAY.format(now).split('/');
  return `${y}-${m}-${d}`;
}

/** dd/mm/yyyy as typed by a person to YYYY-MM-DD, or null when it is not a date. */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso) ? iso : null;
}

export const formatNumber = (n: number, language: Language = 'vi') => NUMBERS[language].format(n);
export const formatPercent = (fraction: number, language: Language = 'vi') =>
  PERCENTS[language].format(fraction);

/**
 * Vietnamese names sort by the given name (the last word), then the rest from the family name on,
 * compared as Vietnamese: "Bùi Đức Anh" before "Bùi Văn Bình", and "Đ" after "D", not after "Z".
 */
export function compareNames(a: string, b: string): number {
  return NAMES.compare(nameKey(a), nameKey(b));
}

function nameKey(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/);
  const given = words.pop() ?? '';
  return `${given} ${words.join(' ')}`;
}

/** Text compared as Vietnamese (labels, titles). */
export const compareText = (a: string, b: string) => NAMES.compare(a, b);

/** Whether a search typed without or with tone marks finds a text ("nguyen" finds "Nguyễn"). */
export function matches(text: string, search: string): boolean {
  const fold = (s: string) =>
    s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  return fold(text).includes(fold(search.trim()));
}
