import { HocbaError, type CodesOf } from '@hocba/errors';

/**
 * An LRS failure; its code fixes the HTTP status the xAPI specification assigns to it
 * (lrs.bad_request 400, lrs.unauthorized 401, lrs.forbidden 403, lrs.not_found 404,
 * lrs.method_not_allowed 405, lrs.conflict 409, lrs.precondition_failed 412, lrs.too_large 413).
 */
export class LrsError extends HocbaError<CodesOf<'lrs'>> {
  static badRequest(field: string, rule: string): LrsError {
    return new LrsError('lrs.bad_request', `${field} ${rule}`);
  }
}

/** The administration of LRS clients (platform credentials) on /api. */
export class LrsClientError extends HocbaError<CodesOf<'lrs_client'>> {}
