import { HocbaError, type CodesOf } from '@hocba/errors';

/** Background jobs as their owners follow them. */
export class JobError extends HocbaError<CodesOf<'job'>> {}
