import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HocbaConfig } from '@hocba/config';
import { REDIS } from '@hocba/queue';
import { AuthError } from './auth.errors';

/** Failed logins of one username from one address before that pair is refused for the window. */
export const MAX_FAILURES_PER_USER_AND_ADDRESS = 5;
/** Failed logins from one address (any usernames) before it is refused for the window. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Failed logins of one username (every address together) before its attempts are paced. */
export const PACE_AFTER_FAILURES = 10;
/** Spacing of a paced username's attempts: doubles with every further PACE_AFTER_FAILURES failures, up to the cap. */
export const PACE_FIRST_MS = 500;
export const PACE_MAX_MS = 4000;
/** Longest a paced attempt waits for its turn; one that would wait longer gets 429. */
export const PACE_MAX_WAIT_MS = 15_000;
export const WINDOW_SECONDS = 15 * 60;
/** How long an address the owner logged in from keeps skipping the username's pace. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

/** A login refused because of earlier failures: 429, with the seconds to wait in Retry-After. */
export class TooManyLoginsError extends AuthError {
  constructor(readonly retryAfter: number) {
    super(
      'auth.too_many_logins',
      `Too many failed logins: try again in ${
        retryAfter < 60 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`
      }`,
      { headers: { 'retry-after': String(retryAfter) }, params: { seconds: retryAfter } },
    );
  }
}

/**
 * Takes the next turn of a paced username: KEYS[1] holds the time (ms) its next attempt may run.
 * Answers the ms this attempt waits, or -1 when that would exceed the longest wait (no turn taken).
 */
const TAKE_TURN = `
local now = tonumber(ARGV[1])
local spacing = tonumber(ARGV[2])
local turn = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
if turn - now > tonumber(ARGV[3]) then return -1 end
redis.call('SET', KEYS[1], turn + spacing, 'PX', turn + spacing - now + 1000)
return turn - now`;

/**
 * Protects the login against guessing without letting a guesser lock the owner out. Failures are
 * counted in Redis (so every API instance sees them) over a 15-minute window:
 * - per username and address: five wrong passwords refuse that address for that username (429),
 *   even with the right password, until the window ends; the owner elsewhere is not affected;
 * - per address: thirty failures, whatever the usernames, refuse the address;
 * - per username, every address together: from ten failures on, its attempts are paced, one at a
 *   time at most every 0.5 s, doubling with each further ten failures up to 4 s. An attempt waits
 *   its turn (up to 15 s; beyond, 429) and is then checked as usual, so the right password still
 *   logs in, while a guesser with many addresses is held to a few hundred guesses a window.
 * Pacing alone would let a guesser who keeps the queue full shut the owner out, so an address the
 * owner logged in from in the last 30 days skips the username's pace (its own five-failure limit
 * still holds). IPv6 addresses count by their /64, which one subscriber usually holds whole.
 * A success clears its address's count for the username. Usernames are compared regardless of
 * case (as the login finds them) and hashed in the keys. With Redis unreachable the login is not
 * throttled (and says so in the log): refusing every administrator would be worse.
 * Kept over @nestjs/throttler, which counts requests: this counts failures, paces, and skips known addresses.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    // Optional: the operators' command line has no Redis (and no login).
    @Optional() @Inject(REDIS) private readonly redis: Redis | undefined,
    private readonly config: HocbaConfig,
  ) {}

  private keys(
    username: string,
    address: string,
  ): { pair: string; address: string; user: string; turn: string; known: string } {
    const hash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
    const user = hash(username.normalize('NFC').toLowerCase());
    const from = addressBucket(address);
    const prefix = `${this.config.HOCBA_QUEUE_PREFIX}:login`;
    return {
      pair: `${prefix}:pair:${hash(`${user}\n${from}`)}`,
      address: `${prefix}:address:${from}`,
      user: `${prefix}:user:${user}`,
      turn: `${prefix}:turn:${user}`,
      known: `${prefix}:known:${hash(`${user}\n${from}`)}`,
    };
  }

  /** Lets a login attempt go on once it may: waits for a paced username's turn; TooManyLoginsError when refused. */
  async admit(username: string, address: string): Promise<void> {
    const wait = await this.check(username, address);
    if (wait > 0) await sleep(wait);
  }

  /**
   * The ms this attempt must wait for its turn (0 unless the username is paced); throws
   * TooManyLoginsError when its address is refused or the wait would be too long.
   */
  async check(username: string, address: string, now = Date.now()): Promise<number> {
    const redis = this.ready();
    if (!redis) return 0;
    const keys = this.keys(username, address);
    const [[, pair], [, byAddress], [, user], [, pairTtl], [, addressTtl], [, known]] = (await redis
      .multi()
      .get(keys.pair)
      .get(keys.address)
      .get(keys.user)
      .ttl(keys.pair)
      .ttl(keys.address)
      .exists(keys.known)
      .exec()) as [Error | null, unknown][];
    if (Number(pair ?? 0) >= MAX_FAILURES_PER_USER_AND_ADDRESS)
      throw new TooManyLoginsError(Math.max(1, Number(pairTtl)));
    if (Number(byAddress ?? 0) >= MAX_FAILURES_PER_ADDRESS)
      throw new TooManyLoginsError(Math.max(1, Number(addressTtl)));
    const spacing = paceSpacing(Number(user ?? 0));
    if (spacing === 0 || Number(known) === 1) return 0;
    const wait = Number(await redis.eval(TAKE_TURN, 1, keys.turn, now, spacing, PACE_MAX_WAIT_MS));
    if (wait < 0) throw new TooManyLoginsError(Math.ceil(PACE_MAX_WAIT_MS / 1000));
    return wait;
  }

  async failed(username: string, address: string): Promise<void> {
    const redis = this.ready();
    if (!redis) return;
    const keys = this.keys(username, address);
    // The window starts with the first failure (NX: later failures do not extend it).
    const multi = redis.multi();
    for (const key of [keys.pair, keys.address, keys.user]) multi.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    await multi.exec();
  }

  /** The owner got in from here: this address's count for the username starts again (the username's own stays). */
  async succeeded(username: string, address: string): Promise<void> {
    const redis = this.ready();
    if (!redis) return;
    const keys = this.keys(username, address);
    await redis.multi().del(keys.pair).set(keys.known, '1', 'EX', KNOWN_ADDRESS_SECONDS).exec();
  }

  /** The connection when it is up; undefined (and a warning) when not. */
  private ready(): Redis | undefined {
    if (this.redis?.status === 'ready') return this.redis;
    if (this.redis) this.logger.warn('Redis unavailable: failed logins are not counted now');
    return undefined;
  }
}

/** Spacing (ms) between a username's attempts after that many failures in the window; 0: not paced. */
export function paceSpacing(failures: number): number {
  if (failures < PACE_AFTER_FAILURES) return 0;
  const doublings = Math.floor(failures / PACE_AFTER_FAILURES) - 1;
  return Math.min(PACE_FIRST_MS * 2 ** doublings, PACE_MAX_MS);
}

/**
 * The address failures are counted under: an IPv4 address as it is, an IPv6 address by its first
 * four groups (its /64), an IPv4-mapped IPv6 address as the IPv4 one.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
