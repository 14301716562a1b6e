import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether a request may read /metrics: `off` without a configured token, else allowed or refused. */
export type MetricsAccess = 'allowed' | 'refused' | 'off';

/**
 * GET /metrics shows the deployment's traffic, backlog and process figures; it is served only to a
 * caller presenting the configured token as `Authorization: Bearer …` (Prometheus' `authorization`
 * setting). Digests are compared in constant time, so the answer's timing says nothing of the token.
 */
export function metricsAccess(token: string | undefined, authorization: string | undefined): MetricsAccess {
  if (!token) return 'off';
  const presented = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (presented === undefined) return 'refused';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token)) ? 'allowed' : 'refused';
}
