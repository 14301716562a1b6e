import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { HocbaConfig } from '@hocba/config';

export type RateLimitOutcome = { limited: false } | { limited: true; retryAfter: number; counter: string };

/**
 * Whether an Authorization header holds credentials this service issued or checked (a signed access
 * token, an LRS client's key and secret checked lately). Must be cheap and must not check secrets
 * the slow way: it runs before every request, made-up credentials included.
 */
export type CredentialCheck = (authorization: string) => boolean | Promise<boolean>;

const WINDOW_SECONDS = 60;

/**
 * Request rate limits, counted in Redis per minute (every API instance shares the counts):
 * every request against its address; a request with verified credentials (Authorization: an LRS
 * client's key and secret, an access token, as CredentialCheck says) also against those
 * credentials; any other, with made-up credentials or none, against the address's public
 * allowance, so inventing an Authorization header does not lift it. Credentials are hashed in the
 * keys. With Redis unreachable requests pass (and the log says so): refusing every platform would
 * be worse.
 * Kept over @fastify/rate-limit (one key a call, windows from first hit): two keys, one MULTI, whole minutes.
 */
export class RequestRateLimiter {
  private readonly logger = new Logger(RequestRateLimiter.name);
  private warnedAt = 0;

  constructor(
    private readonly redis: Redis | undefined,
    private readonly config: Pick<
      HocbaConfig,
      | 'HOCBA_QUEUE_PREFIX'
      | 'HOCBA_RATE_LIMIT_ADDRESS'
      | 'HOCBA_RATE_LIMIT_CLIENT'
      | 'HOCBA_RATE_LIMIT_PUBLIC'
    >,
    private readonly verified: CredentialCheck,
  ) {}

  async check(
    address: string,
    authorization: string | undefined,
    now = Date.now(),
  ): Promise<RateLimitOutcome> {
    const counters: { name: string; key: string; limit: number }[] = [];
    const prefix = `${this.config.HOCBA_QUEUE_PREFIX}:rate`;
    const window = Math.floor(now / 1000 / WINDOW_SECONDS);
    if (this.config.HOCBA_RATE_LIMIT_ADDRESS > 0)
      counters.push({
        name: 'address',
        key: `${prefix}:address:${address}:${window}`,
        limit: this.config.HOCBA_RATE_LIMIT_ADDRESS,
      });
    // Which counter takes the request matters only while one of the two limits is on.
    const choosing = this.config.HOCBA_RATE_LIMIT_CLIENT > 0 || this.config.HOCBA_RATE_LIMIT_PUBLIC > 0;
    if (choosing && authorization && (await this.verified(authorization))) {
      const credential = createHash('sha256').update(authorization).digest('hex').slice(0, 32);
      if (this.config.HOCBA_RATE_LIMIT_CLIENT > 0)
        counters.push({
          name: 'client',
          key: `${prefix}:client:${credential}:${window}`,
          limit: this.config.HOCBA_RATE_LIMIT_CLIENT,
        });
    } else if (this.config.HOCBA_RATE_LIMIT_PUBLIC > 0) {
      counters.push({
        name: 'public',
        key: `${prefix}:public:${address}:${window}`,
        limit: this.config.HOCBA_RATE_LIMIT_PUBLIC,
      });
    }
    if (counters.length === 0) return { limited: false };
    if (this.redis?.status !== 'ready') {
      if (this.redis && now - this.warnedAt > 60_000) {
        this.warnedAt = now;
        this.logger.warn('Redis unavailable: request rates are not limited now');
      }
      return { limited: false };
    }
    const multi = this.redis.multi();
    for (const c of counters) multi.incr(c.key).expire(c.key, WINDOW_SECONDS * 2, 'NX');
    let results: [Error | null, unknown][] | null;
    try {
      results = await multi.exec();
    } catch {
      return { limited: false };
    }
    const retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - Math.floor(now / 1000));
    for (const [i, c] of counters.entries()) {
      if (Number(results?.[i * 2]?.[1] ?? 0) > c.limit) return { limited: true, retryAfter, counter: c.name };
    }
    return { limited: false };
  }
}
