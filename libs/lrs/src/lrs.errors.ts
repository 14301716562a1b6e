import { databaseUnavailable } from '@hocba/database';
import { XapiValidationError } from '@hocba/xapi';

/** An LRS failure with the HTTP status the xAPI specification assigns to it. */
export class LrsError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429 | 500 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'LrsError';
  }

  static badRequest(field: string, rule: string): LrsError {
    return new LrsError(400, `${field} ${rule}`);
  }
}

/** The HTTP status and message of any error raised while serving the xAPI. */
export function describeLrsError(error: unknown): { status: number; message: string } {
  if (error instanceof LrsError) return { status: error.status, message: error.message };
  if (error instanceof XapiValidationError) return { status: 400, message: error.message };
  const fastifyError = error as { statusCode?: number; message?: string };
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return { status: fastifyError.statusCode, message: fastifyError.message ?? 'Bad request' };
  }
  if (databaseUnavailable(error))
    return {
      status: 503,
      message: 'The database is unavailable; nothing was stored: send the request again shortly',
    };
  return { status: 500, message: 'Internal error; the request was not applied' };
}
