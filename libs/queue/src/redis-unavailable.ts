/**
 * ioredis' ways of saying "Redis cannot serve now" (not "this command is wrong"): a request gave up
 * after its retries, the connection closed under it, or an offline queue was refused.
 */
const UNAVAILABLE_MESSAGES =
  /^(Connection is closed\.|Stream isn't writeable and enableOfflineQueue options is false|Reached the max retries per request limit)/;

/** True when an error says Redis is unreachable: the request then answers 503 with Retry-After. */
export function redisUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; message?: unknown };
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}
