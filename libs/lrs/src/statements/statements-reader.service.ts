import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  buildMultipart,
  toCanonicalFormat,
  toIdsFormat,
  type JsonObject,
  type StatementFormat,
} from '../../../xapi/src';
import { statementReadReach, type LrsClient } from '../clients/lrs-client';
import { LrsError } from '../lrs.errors';
import type { StatementQuery } from './statement-row';
import type { StatementsRequest } from './statement-params';
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
    if (reach === 'none') throw new LrsError(403, 'This LRS client may not read statements');
    return reach === 'mine' ? client.id : undefined;
  }

  async one(
    client: LrsClient,
    request: Extract<StatementsRequest, { kind: 'one' }>,
    languages: string[],
  ): Promise<StatementsResponse> {
    const found = await this.repository.findOne(request.id, request.voided, this.scope(client));
    if (!found)
      throw new LrsError(404, `No ${request.voided ? 'voided ' : ''}statement with id ${request.id}`);
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

function decodeMore(token: string): StatementQuery {
  try {
    const query = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as StatementQuery;
    if (
      typeof query.limit !== 'number' ||
      typeof query.boundSeq !== 'string' ||
      typeof query.afterSeq !== 'string' ||
      typeof query.afterStored !== 'string' ||
      typeof query.through !== 'string'
    ) {
      // Links given before pages followed stored order (no afterStored) are refused too.
      throw new Error('incomplete');
    }
    if (!/^\d+$/.test(query.boundSeq) || !/^\d+$/.test(query.afterSeq)) throw new Error('not a position');
    if (!ISO_TIME.test(query.afterStored) || !ISO_TIME.test(query.through)) throw new Error('not a time');
    return query;
  } catch {
    throw new LrsError(400, 'Query parameter more is not a link this LRS gave');
  }
}
