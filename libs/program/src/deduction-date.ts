import { ProgramError } from './program.errors';

/** No seat Hocba tracks predates national online training (Đề án 06 dates from 2022): earlier is a typing error. */
export const EARLIEST_DEDUCTION = '2020-01-01';
/**
 * A deduction may be recorded ahead, when a transfer or leave is announced (reports count it from
 * its day on), but not further than a quarter: beyond that it is a typing error (2205 for 2025,
 * 9999-12-31) that would keep the seat counted as active for years.
 */
export const DEDUCTION_DAYS_AHEAD = 92;

/** The last day a deduction may take effect, `today` being a day in Vietnam time (YYYY-MM-DD). */
export function latestDeduction(today: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + DEDUCTION_DAYS_AHEAD);
  return day.toISOString().slice(0, 10);
}

/**
 * Refuses an `effectiveOn` (a valid YYYY-MM-DD) that is not a day a deduction can take effect. The
 * message is the API's (English); the web app says it in Vietnamese from the code and its params.
 */
export function checkDeductionDate(effectiveOn: string, today: string): void {
  const latest = latestDeduction(today);
  if (effectiveOn >= EARLIEST_DEDUCTION && effectiveOn <= latest) return;
  throw new ProgramError(
    'enrollment.deduction_date_out_of_range',
    `effectiveOn must be between ${EARLIEST_DEDUCTION} and ${latest} (at most ${DEDUCTION_DAYS_AHEAD} days after today, Vietnam time)`,
    {
      field: 'effectiveOn',
      params: { earliest: EARLIEST_DEDUCTION, latest, daysAhead: DEDUCTION_DAYS_AHEAD },
    },
  );
}
