import { QueryRunnerAlreadyReleasedError } from 'typeorm';

/** SQLSTATE classes and codes that mean "the database cannot serve now", not "this request is wrong". */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down)/i;

/**
 * True when an error says PostgreSQL is unreachable or restarting (the request then answers 503 with
 * Retry-After: nothing was written, and the client should send it again), not that the request failed.
 */
export function databaseUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: socket errors may come from another realm (Node's own, under a test runner).
  if (typeof error !== 'object' || error === null) return false;
  // The driver releases a query runner itself when its connection fails; the transaction's next
  // query (often the COMMIT) then reports only this. Our own code releases a runner last.
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return e.driverError !== undefined && e.driverError !== error && databaseUnavailable(e.driverError);
}

/** Seconds a client is told to wait before retrying while the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER = 5;
