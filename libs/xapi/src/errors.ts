import { HocbaError } from '@hocba/errors';

/**
 * A statement (or request) that breaks a rule of the xAPI specification (code xapi.invalid, 400).
 * `path` names the field the way a client would find it ("statement.actor.mbox"), `rule` says what
 * it must be.
 */
export class XapiValidationError extends HocbaError<'xapi.invalid'> {
  constructor(
    readonly path: string,
    readonly rule: string,
  ) {
    super('xapi.invalid', `${path} ${rule}`);
  }
}
