/**
 * A statement (or request) that breaks a rule of the xAPI specification. `path` names the field
 * the way a client would find it ("statement.actor.mbox"), `rule` says what it must be.
 */
export class XapiValidationError extends Error {
  constructor(
    readonly path: string,
    readonly rule: string,
  ) {
    super(`${path} ${rule}`);
    this.name = 'XapiValidationError';
  }
}
