import { HttpException } from '@nestjs/common';
import { databaseUnavailable, UNAVAILABLE_RETRY_AFTER } from '@hocba/database';
import { HocbaError, type ErrorCode, type ErrorParams, type FieldError } from '@hocba/errors';
import { redisUnavailable } from '@hocba/queue';

/** Where the LRS lives: its errors answer in the xAPI's body, and 401 asks for Basic credentials. */
export const XAPI_PREFIX = '/xapi';

/** The API an error answers for: the LRS (`/xapi`) or everything else (`/api`, pages, files). */
export type ErrorSurface = 'api' | 'xapi';

export function surfaceOf(url: string | undefined): ErrorSurface {
  return url?.startsWith(XAPI_PREFIX) ? 'xapi' : 'api';
}

/**
 * The code of an error that carries none, by its status: Nest's own refusals (an unknown route,
 * ParseUUIDPipe) and Fastify's (a body too large, a Content-Type no parser takes).
 */
const CODE_BY_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'request.invalid',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'resource.not_found',
  405: 'request.method_not_allowed',
  408: 'request.timeout',
  409: 'request.conflict',
  410: 'resource.gone',
  412: 'request.precondition_failed',
  413: 'request.body_too_large',
  414: 'request.url_too_long',
  415: 'request.unsupported_media_type',
  429: 'request.rate_limited',
  431: 'request.headers_too_large',
  503: 'service.unavailable',
};

export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'server.internal_error' : 'request.invalid');
}

/** What a client is told, on each surface, when the error is not one the code expected. */
const INTERNAL: Record<ErrorSurface, string> = {
  api: 'Internal server error',
  xapi: 'Internal error; the request was not applied',
};
const DATABASE_UNAVAILABLE: Record<ErrorSurface, string> = {
  api: 'The database is unavailable; nothing was changed: try again shortly',
  xapi: 'The database is unavailable; nothing was stored: send the request again shortly',
};
const REDIS_UNAVAILABLE: Record<ErrorSurface, string> = {
  api: 'Redis is unavailable; nothing was changed: try again shortly',
  xapi: 'Redis is unavailable; nothing was stored: send the request again shortly',
};

interface Problem {
  status: number;
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  params?: ErrorParams;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A line for the log: an outage (warn) or a fault of the code (error), never a client's mistake. */
  log?: { level: 'warn' | 'error'; text: string };
}

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  log?: Problem['log'];
}

/**
 * Any error, as the answer the client gets: its status and headers, and the body of its surface:
 * `{statusCode, code, message, errors?, params?}` on /api; on /xapi the xAPI's `{error, code,
 * message}` (the xAPI specification asks only for the status; the conformance suite reads no more).
 * Unexpected errors disclose nothing and are logged without the row values a driver error carries.
 */
export function errorAnswer(error: unknown, surface: ErrorSurface): ErrorAnswer {
  const problem = problemOf(error, surface);
  const headers: Record<string, string> = { ...problem.headers };
  if (surface === 'xapi' && problem.status === 401) headers['www-authenticate'] = 'Basic realm="Hocba LRS"';
  return {
    status: problem.status,
    headers,
    body: errorBody(surface, problem),
    log: problem.log,
  };
}

/** The body of an error on its surface; also for refusals answered before Nest (router, hooks). */
export function errorBody(
  surface: ErrorSurface,
  problem: Pick<Problem, 'status' | 'code' | 'message' | 'errors' | 'params' | 'details'>,
): Record<string, unknown> {
  const { status, code, message, errors, params, details } = problem;
  const head = surface === 'xapi' ? { error: status, code, message } : { statusCode: status, code, message };
  return {
    ...head,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(params ? { params } : {}),
    // A feature's own members never replace the common ones.
    ...Object.fromEntries(Object.entries(details ?? {}).filter(([k]) => !(k in head) && k !== 'errors')),
  };
}

function problemOf(error: unknown, surface: ErrorSurface): Problem {
  if (error instanceof HocbaError) {
    const { status, code, message, errors, params, details, headers } = error;
    return { status, code, message, errors, params, details, headers };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      code: codeForStatus(status),
      message: httpExceptionMessage(error),
      log: status >= 500 ? { level: 'error', text: safeDescription(error) } : undefined,
    };
  }
  // Fastify's own refusals (and our body parsers'): a 4xx status and a message written for the client.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof Error && typeof status === 'number' && status >= 400 && status < 500)
    return { status, code: codeForStatus(status), message: error.message };
  // PostgreSQL or Redis restarting or out of reach: nothing was written; the client should retry.
  const outage = databaseUnavailable(error) ? 'Database' : redisUnavailable(error) ? 'Redis' : undefined;
  if (outage) {
    return {
      status: 503,
      code: 'service.unavailable',
      message: (outage === 'Database' ? DATABASE_UNAVAILABLE : REDIS_UNAVAILABLE)[surface],
      headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER) },
      log: { level: 'warn', text: `${outage} unavailable: answered 503 (${(error as Error).message})` },
    };
  }
  return {
    status: 500,
    code: 'server.internal_error',
    message: INTERNAL[surface],
    log: { level: 'error', text: safeDescription(error) },
  };
}

/** Nest's exceptions hold their message as a string, or as `{message: string | string[]}`. */
function httpExceptionMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : error.message;
}

/** "QueryFailedError: duplicate key value violates unique constraint …" and the stack's frames, nothing else. */
export function safeDescription(error: unknown): string {
  if (!(error instanceof Error)) return `A non-error was thrown (${typeof error})`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${error.message}`, ...frames.slice(0, 10)].join('\n');
}
