import { HocbaError, type CodesOf } from '@hocba/errors';

/** Erasure of a learner's personal data. */
export class ErasureError extends HocbaError<CodesOf<'learner'>> {}
