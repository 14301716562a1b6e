import { createHash } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HocbaConfig } from '../../config/src';
import { REDIS } from '../../queue/src';

/** Failed logins of one username before it is locked for the window. */
export const MAX_FAILURES_PER_USER = 5;
/** Failed logins from one address (any usernames) before it is locked for the window. */
export const MAX_FAILURES_PER_ADDRESS = 30;
export const WINDOW_SECONDS = 15 * 60;

/** A login refused because of earlier failures: 429, with the seconds to wait. */
export class TooManyLoginsError extends HttpException {
  constructor(readonly retryAfter: number) {
    super(
      `Too many failed logins: try again in ${Math.ceil(retryAfter / 60)} minutes`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Protects the login against guessing: failures are counted per username and per address in Redis
 * (so every API instance sees them) over a 15-minute window; past the limit, logins are refused,
 * even with the right password, until the window ends. A success clears the username's count.
 * Usernames are hashed in the keys. With Redis unreachable the login is not blocked (and says so
 * in the log): refusing every administrator would be worse.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    // Optional: the operators' command line has no Redis (and no login).
    @Optional() @Inject(REDIS) private readonly redis: Redis | undefined,
    private readonly config: HocbaConfig,
  ) {}

  private keys(username: string, address: string): [string, string] {
    const user = createHash('sha256')
      .update(username.normalize('NFC').toLowerCase())
      .digest('hex')
      .slice(0, 32);
    const prefix = `${this.config.HOCBA_QUEUE_PREFIX}:login`;
    return [`${prefix}:user:${user}`, `${prefix}:address:${address}`];
  }

  /** Throws TooManyLoginsError when either count has reached its limit. */
  async check(username: string, address: string): Promise<void> {
    const redis = this.ready();
    if (!redis) return;
    const [userKey, addressKey] = this.keys(username, address);
    const [[, user], [, byAddress], [, userTtl], [, addressTtl]] = (await redis
      .multi()
      .get(userKey)
      .get(addressKey)
      .ttl(userKey)
      .ttl(addressKey)
      .exec()) as [Error | null, unknown][];
    if (Number(user ?? 0) >= MAX_FAILURES_PER_USER)
      throw new TooManyLoginsError(Math.max(1, Number(userTtl)));
    if (Number(byAddress ?? 0) >= MAX_FAILURES_PER_ADDRESS)
      throw new TooManyLoginsError(Math.max(1, Number(addressTtl)));
  }

  async failed(username: string, address: string): Promise<void> {
    const redis = this.ready();
    if (!redis) return;
    const [userKey, addressKey] = this.keys(username, address);
    // The window starts with the first failure (NX: later failures do not extend it).
    await redis
      .multi()
      .incr(userKey)
      .expire(userKey, WINDOW_SECONDS, 'NX')
      .incr(addressKey)
      .expire(addressKey, WINDOW_SECONDS, 'NX')
      .exec();
  }

  async succeeded(username: string, address: string): Promise<void> {
    const redis = this.ready();
    if (!redis) return;
    await redis.del(this.keys(username, address)[0]);
  }

  /** The connection when it is up; undefined (and a warning) when not. */
  private ready(): Redis | undefined {
    if (this.redis?.status === 'ready') return this.redis;
    if (this.redis) this.logger.warn('Redis unavailable: failed logins are not counted now');
    return undefined;
  }
}
