/**
 * The one place the server turns instants, days and rates into what a person reads: Vietnam time
 * (Asia/Ho_Chi_Minh, UTC+7 all year) and Vietnamese forms (dd/mm/yyyy, HH:mm, "69,6%"), whatever
 * the zone of the machine. Pages, PDFs and exports use these; APIs keep ISO 8601 for programs.
 */

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A calendar day as written in a database or query (YYYY-MM-DD): no instant, no zone to apply. */
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function vietnamParts(at: Date | string): { y: string; m: string; d: string; hh: string; mm: string } {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { y: parts.year, m: parts.month, d: parts.day, hh: parts.hour, mm: parts.minute };
}

/** The calendar day in Vietnam of an instant, YYYY-MM-DD (for queries, keys and comparisons). */
export function vietnamDay(at: Date | string): string {
  const { y, m, d } = vietnamParts(at);
  return `${y}-${m}-${d}`;
}

/**
 * dd/mm/yyyy: the Vietnam day of an instant, or a calendar day (YYYY-MM-DD) as it is. Empty for
 * nothing, so a missing milestone is a blank cell rather than "Invalid Date".
 */
export function viDate(at: Date | string | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  const day = typeof at === 'string' ? CALENDAR_DAY.exec(at) : null;
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const { y, m, d } = vietnamParts(at);
  return `${d}/${m}/${y}`;
}

/** dd/mm/yyyy HH:mm in Vietnam time, for when the hour matters (data times, audit entries). */
export function viDateTime(at: Date | string | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  const { y, m, d, hh, mm } = vietnamParts(at);
  return `${d}/${m}/${y} ${hh}:${mm}`;
}

/** The parts of a Vietnam day the way a certificate writes it: "Ngày 05 tháng 12 năm 2026". */
export function viLongDate(at: Date | string): string {
  const [y, m, d] = (typeof at === 'string' && CALENDAR_DAY.test(at) ? at : vietnamDay(at)).split('-');
  return `Ngày ${d} tháng ${m} năm ${y}`;
}

/** A rate (a fraction) as people read it: one decimal, Vietnamese comma, "69,6%"; empty for none. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `${(Math.round(value * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

/**
 * The same rate in a spreadsheet: the fraction stays a number and this format shows it with one
 * decimal; Excel and LibreOffice draw the decimal separator of the reader's locale (a comma in
 * Vietnamese), so the figure can still be summed and charted.
 */
export const PERCENT_NUMBER_FORMAT = '0.0%';
