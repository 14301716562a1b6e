import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HocbaConfig } from '@hocba/config';
import { SUPPORTED_VERSIONS, type XapiVersion } from '@hocba/xapi';
import { LrsError } from '../lrs.errors';
import { CourseCatalog } from './course-catalog';
import type { LrsClient, LrsScope } from './lrs-client';
import { LrsClientsRepository } from './lrs-clients.repository';
import { hashSecret, verifySecret } from '@hocba/auth';
import { LrsClientError } from '../lrs.errors';

/** How long a verified credential is trusted without running scrypt again. */
const CREDENTIAL_CACHE_MS = 60_000;
const CREDENTIAL_CACHE_MAX = 10_000;
/**
 * How long a checked credential still counts as one for the request rate limits (which counter a
 * request is charged to), and how many are remembered. Longer than the cache above, so that a
 * platform's first request after the cache lapses is not charged to its address's public allowance.
 */
const RECOGNISED_MS = 24 * 60 * 60_000;
const RECOGNISED_MAX = 10_000;

@Injectable()
export class LrsClientsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(LrsClientsService.name);
  /** sha256(Authorization header) → client. scrypt is slow on purpose; a POST must not pay it each time. */
  private readonly verified = new Map<string, { client: LrsClient; until: number }>();
  /** sha256(Authorization header) → client id and until when: credentials checked lately, for the rate limits only. */
  private readonly recognised = new Map<string, { clientId: string; until: number }>();
  /** The xAPI version each client spoke last, to answer a request that names none in its dialect. */
  private readonly lastVersion = new Map<string, XapiVersion>();

  constructor(
    private readonly repository: LrsClientsRepository,
    private readonly config: HocbaConfig,
    private readonly modules: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { HOCBA_LRS_KEY: key, HOCBA_LRS_SECRET: secret } = this.config;
    if (key && secret) {
      const created = await this.create({ name: 'Bootstrap LRS client', key, secret, scopes: ['all'] });
      if (created) this.logger.log(`Created the bootstrap LRS client "${key}" from HOCBA_LRS_KEY`);
    }
  }

  /** A new client with a random key and secret; the secret is returned this once and only its hash kept. */
  async issue(
    name: string,
    scopes: LrsScope[],
    by: string | null = null,
    courses?: string[],
  ): Promise<
    { key: string; secret: string; name: string; scopes: LrsScope[]; courses?: string[] } | undefined
  > {
    const key = `lrs-${randomBytes(9).toString('base64url')}`;
    const secret = randomBytes(24).toString('base64url');
    const created = await this.create({ name, key, secret, scopes, courses }, by);
    return created
      ? { key, secret, name, scopes, ...(created.courses ? { courses: created.courses } : {}) }
      : undefined;
  }

  /**
   * `courses`: codes of the courses the client is scoped to, in any case (400 naming any unknown
   * one); the client keeps the courses' codes as stored. Answers the client made (its course codes),
   * or undefined when a client has the key.
   */
  async create(
    input: { name: string; key: string; secret: string; scopes: LrsScope[]; courses?: string[] },
    by: string | null = null,
  ): Promise<{ courses?: string[] } | undefined> {
    let courses: { codes: string[]; activities: string[] } | undefined;
    if (input.courses) {
      // The program's courses, found in the whole application (CourseCatalog: the LRS knows none).
      const catalog = this.modules.get(CourseCatalog, { strict: false });
      const { activities, codes, unknown } = await catalog.activitiesOf(input.courses);
      if (unknown.length > 0)
        throw new LrsClientError(
          'lrs_client.course_unknown',
          `courses: no course has the code ${unknown.map((c) => `"${c}"`).join(', ')}`,
          { field: 'courses', params: { codes: unknown.join(', ') } },
        );
      courses = { codes, activities };
    }
    const inserted = await this.repository.insertIfAbsent(
      {
        name: input.name,
        key: input.key,
        scopes: input.scopes,
        secretHash: await hashSecret(input.secret),
        courses,
      },
      by,
    );
    return inserted ? (courses ? { courses: courses.codes } : {}) : undefined;
  }

  list() {
    return this.repository.list();
  }

  /** The codes of the courses a client is scoped to (null: all); undefined when there is no such client. */
  courseCodes(clientId: string): Promise<string[] | null | undefined> {
    return this.repository.courseCodes(clientId);
  }

  /**
   * Disables a client: refused at once by this instance, by others once their cache of verified
   * credentials lets it go (CREDENTIAL_CACHE_MS, one minute). False when no client has the key.
   */
  async disable(key: string, by: string): Promise<boolean> {
    const id = await this.repository.disable(key, by);
    if (!id) return false;
    for (const [cacheKey, hit] of this.verified) if (hit.client.id === id) this.verified.delete(cacheKey);
    for (const [cacheKey, hit] of this.recognised) if (hit.clientId === id) this.recognised.delete(cacheKey);
    return true;
  }

  /**
   * Whether this Authorization header holds Basic credentials this instance checked lately: then
   * the rate limits count the request against the client, otherwise against its address's public
   * allowance. Only a look-up, never a secret check (scrypt), so made-up credentials cost nothing
   * and gain nothing; no secret is kept, only the header's hash.
   */
  recognises(authorization: string, now = Date.now()): boolean {
    const hit = this.recognised.get(createHash('sha256').update(authorization).digest('base64'));
    return hit !== undefined && hit.until > now;
  }

  /** Resolves a Basic Authorization header to its client; 401 when absent or wrong. */
  async authenticate(authorization: string | undefined): Promise<LrsClient> {
    if (!authorization || !/^basic\s+/i.test(authorization)) {
      throw new LrsError(
        'lrs.unauthorized',
        'Authorization header with Basic credentials (an LRS client key and secret) is required',
      );
    }
    const cacheKey = createHash('sha256').update(authorization).digest('base64');
    const now = Date.now();
    const hit = this.verified.get(cacheKey);
    if (hit && hit.until > now) return hit.client;

    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const key = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
    const found = await this.repository.findActiveByKey(key);
    if (!found || !(await verifySecret(secret, found.secretHash))) {
      throw new LrsError('lrs.unauthorized', 'The LRS client key or secret is wrong');
    }
    const { secretHash: _hash, ...client } = found;
    void _hash;
    if (this.verified.size >= CREDENTIAL_CACHE_MAX) this.verified.clear();
    this.verified.set(cacheKey, { client, until: now + CREDENTIAL_CACHE_MS });
    // Re-inserted, so the map's first entry is the one checked longest ago: dropped when full.
    this.recognised.delete(cacheKey);
    const oldest = this.recognised.keys().next();
    if (this.recognised.size >= RECOGNISED_MAX && !oldest.done) this.recognised.delete(oldest.value);
    this.recognised.set(cacheKey, { clientId: client.id, until: now + RECOGNISED_MS });
    return client;
  }

  /**
   * The version to serve a request in: the one it asked for, noted for the client; when it asked for
   * none (or an unknown one), the client's last version, else the newest. Such a request then fails
   * with 400, in a version header the client understands.
   */
  responseVersion(client: LrsClient | undefined, requested: XapiVersion | undefined): XapiVersion {
    if (requested) {
      if (client) this.lastVersion.set(client.id, requested);
      return requested;
    }
    return (client && this.lastVersion.get(client.id)) ?? SUPPORTED_VERSIONS[0];
  }

  /** The Agent recorded as `authority` on what this client writes. */
  authorityOf(client: LrsClient): Record<string, unknown> {
    return {
      objectType: 'Agent',
      name: client.name,
      account: { homePage: this.config.publicUrl, name: client.key },
    };
  }
}
