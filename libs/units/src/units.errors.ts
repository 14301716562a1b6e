import { HocbaError, type CodesOf } from '@hocba/errors';

/** A province or central agency named in a way that matches none, or several. */
export class UnitError extends HocbaError<CodesOf<'unit'>> {}
