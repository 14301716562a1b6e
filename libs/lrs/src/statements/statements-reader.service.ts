import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  buildMultipart,
  isIri,
  isUuid,
  parseTimestamp,
  textProblem,
  toCanonicalFormat,
  toIdsFormat,
  type JsonObject,
  type StatementFormat,
} from '@hocba/xapi';
import { statementReadReach, type LrsClient } from '../clients/lrs-client';
import { LrsError } from '../lrs.errors';
import type { StatementQuery } from './statement-row';
import { MAX_LIMIT, type StatementsRequest } from './statement-params';
import { StatementsRepository } from './statements.repository';

export interface StatementsResponse {
  contentType: string;
  body: string | Buffer;
  /** For Last-Modified: the newest `stored` among the statements returned. */
  lastModified?: Date;
  /** A `more` page repeats its chain's first X-Experience-API-Consistent-Through. */
  consistentThrough?: string;
}

type ManyRequest = Extract<StatementsRequest, { kind: 'many' }>;

/**
 * The read side of the statement resource. Exact-format results are written straight from the
 * stored JSON text; the other formats parse and reduce it.
 */
@Injectable()
export class StatementsReaderService {
  constructor(private readonly repository: StatementsRepository) {}

  private scope(client: LrsClient): string | undefined {
    const reach = statementReadReach(client);
    if (reach === 'none') throw new LrsError('lrs.forbidden', 'This LRS client may not read statements');
    return reach === 'mine' ? client.id : undefined;
  }

  async one(
    client: LrsClient,
    request: Extract<StatementsRequest, { kind: 'one' }>,
    languages: string[],
  ): Promise<StatementsResponse> {
    const found = await this.repository.findOne(request.id, request.voided, this.scope(client));
    if (!found)
      throw new LrsError(
        'lrs.not_found',
        `No ${request.voided ? 'voided ' : ''}statement with id ${request.id}`,
      );
    const text = this.format([found.body], request.format, languages)[0];
    const response = await this.withAttachments(text, [found.body], request.attachments);
    return { ...response, lastModified: found.stored };
  }

  /**
   * X-Experience-API-Consistent-Through for a GET, taken before the GET's own queries: what it
   * promises must already be visible to them (StatementsRepository.consistentThrough).
   */
  consistentThrough(): Promise<string> {
    return this.repository.consistentThrough();
  }

  /**
   * A page of statements in (stored, seq) order. `through` is the Consistent-Through this request
   * took first: a `more` chain carries its first page's value, which stays true on every later page
   * (every statement stored before it was visible when the chain began, so the chain returns each
   * one exactly once), whereas a later page's own value could cover statements that committed behind
   * the chain's position.
   */
  async many(
    client: LrsClient,
    request: ManyRequest,
    languages: string[],
    moreBase: string,
    through: string,
  ): Promise<StatementsResponse> {
    const clientId = this.scope(client);
    let query: StatementQuery;
    if (request.more !== undefined) {
      query = { ...decodeMore(request.more), clientId };
    } else {
      query = { ...request.filters, clientId, boundSeq: await this.repository.maxSeq(), through };
    }
    const rows = await this.repository.query(query);
    const page = rows.slice(0, query.limit);
    let more = '';
    if (rows.length > query.limit) {
      const last = page[page.length - 1];
      const next: StatementQuery = { ...query, afterStored: last.stored, afterSeq: last.seq };
      delete next.clientId;
      more = `${moreBase}?more=${encodeMore(next)}`;
    }
    const bodies = page.map((r) => r.body);
    const statements = this.format(bodies, request.format, languages);
    const json = `{"statements":[${statements.join(',')}],"more":${JSON.stringify(more)}}`;
    return {
      ...(await this.withAttachments(json, bodies, request.attachments)),
      consistentThrough: query.through,
    };
  }

  private format(bodies: string[], format: StatementFormat, languages: string[]): string[] {
    if (format === 'exact') return bodies;
    return bodies.map((body) => {
      const statement = JSON.parse(body) as JsonObject;
      return JSON.stringify(
        format === 'ids' ? toIdsFormat(statement) : toCanonicalFormat(statement, languages),
      );
    });
  }

  private async withAttachments(
    json: string,
    bodies: string[],
    attachments: boolean,
  ): Promise<StatementsResponse> {
    if (!attachments) return { contentType: 'application/json', body: json };
    const wanted = new Set<string>();
    for (const body of bodies) {
      const statement = JSON.parse(body) as JsonObject;
      for (const a of (statement.attachments as JsonObject[] | undefined) ?? [])
        wanted.add(String(a.sha2).toLowerCase());
    }
    const stored = await this.repository.attachments([...wanted]);
    const boundary = `hocba-${randomBytes(12).toString('hex')}`;
    return {
      contentType: `multipart/mixed; boundary=${boundary}`,
      body: buildMultipart(boundary, json, stored),
    };
  }
}

/** The times a `more` token carries: UTC, as this LRS writes them. */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,6}Z$/;

/** The `more` token carries the whole query and the page position: the server keeps no state. */
function encodeMore(query: StatementQuery): string {
  return Buffer.from(JSON.stringify(query)).toString('base64url');
}

/**
 * A `more` token is the client's to hold and send back: every field is checked as its query
 * parameter would be, so a forged token reaches the database with nothing a query could not carry.
 */
function decodeMore(token: string): StatementQuery {
  try {
    const raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
    const query: StatementQuery = {
      limit: raw.limit as number,
      ascending: raw.ascending as boolean,
      relatedAgents: raw.relatedAgents as boolean,
      relatedActivities: raw.relatedActivities as boolean,
    };
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIMIT)
      throw new Error('limit');
    for (const flag of [query.ascending, query.relatedAgents, query.relatedActivities])
      if (typeof flag !== 'boolean') throw new Error('flag');
    for (const [name, ok] of MORE_FIELDS) {
      const value = raw[name];
      if (value === undefined) continue;
      if (typeof value !== 'string' || textProblem(value) !== undefined || !ok(value)) throw new Error(name);
      (query as unknown as Record<string, string>)[name] = value;
    }
    const unknown = Object.keys(raw).filter((k) => !MORE_KEYS.has(k));
    // Links given before pages followed stored order (no afterStored) are refused too.
    if (unknown.length > 0 || !query.boundSeq || !query.afterSeq || !query.afterStored || !query.through)
      throw new Error('incomplete');
    return query;
  } catch {
    throw new LrsError('lrs.bad_request', 'Query parameter more is not a link this LRS gave');
  }
}

const isTime = (v: string) => ISO_TIME.test(v) && parseTimestamp(v) !== undefined;
const isSeq = (v: string) => /^\d{1,18}$/.test(v);
/** The string fields of a `more` token and the rule each must meet. */
const MORE_FIELDS: [keyof StatementQuery, (v: string) => boolean][] = [
  ['agentKey', (v) => v.length <= 8192],
  ['verbId', isIri],
  ['activityId', isIri],
  ['registration', isUuid],
  ['since', isTime],
  ['until', isTime],
  ['afterStored', isTime],
  ['afterSeq', isSeq],
  ['boundSeq', isSeq],
  ['through', isTime],
];
const MORE_KEYS = new Set<string>([
  'limit',
  'ascending',
  'relatedAgents',
  'relatedActivities',
  ...MORE_FIELDS.map(([name]) => name),
]);
