import { HocbaError, type CodesOf } from '@hocba/errors';

/** The funnel and its series: periods and dates a report cannot cover. */
export class ReportError extends HocbaError<CodesOf<'report' | 'enrollment'>> {}
