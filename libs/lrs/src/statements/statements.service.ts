import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import {
  SIGNATURE_USAGE,
  XapiValidationError,
  normaliseStatement,
  parseTimestamp,
  statementFacts,
  validateStatement,
  verifySignedStatement,
  type JsonObject,
  type XapiVersion,
} from '@hocba/xapi';
import { inActivityScope, type LrsClient } from '../clients/lrs-client';
import { LrsClientsService } from '../clients/lrs-clients.service';
import { Metrics } from '@hocba/metrics';
import type { AttachmentPart } from '../http/request-body';
import { LrsError } from '../lrs.errors';
import type { StatementRow, StoredAttachment } from './statement-row';
import { StatementWriter } from './statement-writer';

/** Largest number of statements one request may carry. */
export const MAX_BATCH = 5000;

const SHA_BY_LENGTH: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

export interface WriteContext {
  client: LrsClient;
  version: XapiVersion;
}

@Injectable()
export class StatementsService {
  constructor(
    private readonly writer: StatementWriter,
    private readonly clients: LrsClientsService,
    // Absent in the operators' command line and the worker, which have no /metrics.
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /**
   * Validates and stores a batch atomically: every statement or none. Returns the ids in order.
   * Statements already stored with the same content are accepted and left unchanged; a different
   * statement under an existing id fails the batch with 409.
   */
  async store(
    ctx: WriteContext,
    input: unknown,
    attachmentParts: AttachmentPart[],
    requiredId?: string,
  ): Promise<string[]> {
    const list = Array.isArray(input) ? input : [input];
    if (list.length === 0) throw new LrsError('lrs.bad_request', 'The request carries no statement');
    if (list.length > MAX_BATCH)
      throw new LrsError('lrs.too_large', `A request may carry at most ${MAX_BATCH} statements`);

    const authority = this.clients.authorityOf(ctx.client);
    const defaultVersion = ctx.version === '2.0.0' ? '2.0.0' : '1.0.0';
    const parts = new Map(attachmentParts.map((a) => [a.sha2, a]));
    const usedParts = new Set<string>();
    const seen = new Set<string>();
    const rows: StatementRow[] = [];
    const originals: JsonObject[] = [];
    const voidTargets: string[] = [];

    list.forEach((value, i) => {
      const path = Array.isArray(input) ? `statements[${i}]` : 'statement';
      validateStatement(value, ctx.version, path);
      const statement = value as JsonObject;
      normaliseStatement(statement);
      if (requiredId !== undefined) {
        if (
          statement.id !== undefined &&
          (statement.id as string).toLowerCase() !== requiredId.toLowerCase()
        ) {
          throw new LrsError('lrs.conflict', `${path}.id does not match the statementId parameter`);
        }
        statement.id = requiredId;
      }
      const id = ((statement.id as string | undefined) ?? randomUUID()).toLowerCase();
      if (seen.has(id)) throw new LrsError('lrs.bad_request', `${path}.id ${id} appears twice in the batch`);
      seen.add(id);
      this.checkAttachments(statement, path, parts, usedParts);

      originals.push(statement);
      const full: JsonObject = { ...statement, id };
      // `stored` is the LRS's, taken by the database inside the write transaction (and `timestamp`
      // too when the client sent none): the insert puts both in front of the body.
      delete full.stored;
      full.authority = authority;
      full.version = statement.version ?? defaultVersion;
      const facts = statementFacts(full);
      // A client scoped to courses writes only about their activities (object or context).
      if (
        ctx.client.activityScope &&
        ![...facts.activities.keys()].some((a) => inActivityScope(ctx.client, a))
      )
        throw new LrsError(
          'lrs.forbidden',
          `${path} is about no activity of the courses this LRS client is scoped to`,
        );
      if (facts.voids) voidTargets.push(facts.voids);
      rows.push({
        id,
        clientId: ctx.client.id,
        // The column takes one form PostgreSQL reads (ISO 8601 also allows "00:00:00,5"); the body keeps the statement's own.
        timestamp: timestampColumn(statement.timestamp),
        verbId: facts.verbId,
        registration: facts.registration,
        refTarget: facts.refTarget,
        voids: facts.voids,
        hasAttachments: Array.isArray(statement.attachments) && statement.attachments.length > 0,
        body: JSON.stringify(full),
        statement: full,
        agents: facts.agents,
        activities: facts.activities,
      });
    });
    for (const sha2 of parts.keys()) {
      if (!usedParts.has(sha2)) {
        throw new LrsError(
          'lrs.bad_request',
          `Multipart part with X-Experience-API-Hash ${sha2} matches no attachment of the statements`,
        );
      }
    }
    const attachments: StoredAttachment[] = [...parts.values()];

    await this.writer.write({ rows, originals, voidTargets, attachments });
    this.metrics?.statementsStored.inc(rows.length);
    return rows.map((r) => r.id);
  }

  /**
   * Every attachment without a fileUrl must arrive as a multipart part with the same SHA-2, whose
   * bytes hash to it; a signature attachment must verify against the statement.
   */
  private checkAttachments(
    statement: JsonObject,
    path: string,
    parts: Map<string, AttachmentPart>,
    used: Set<string>,
  ): void {
    const list = (statement.attachments as JsonObject[] | undefined) ?? [];
    list.forEach((attachment, i) => {
      const sha2 = (attachment.sha2 as string).toLowerCase();
      const part = parts.get(sha2);
      const p = `${path}.attachments[${i}]`;
      if (!part) {
        if (attachment.fileUrl === undefined) {
          throw new LrsError(
            'lrs.bad_request',
            `${p} has no fileUrl and no multipart part with X-Experience-API-Hash ${sha2}`,
          );
        }
        return;
      }
      if (!used.has(sha2)) {
        const actual = createHash(SHA_BY_LENGTH[sha2.length]).update(part.content).digest('hex');
        if (actual !== sha2)
          throw new LrsError('lrs.bad_request', `${p}.sha2 does not match the bytes of its multipart part`);
        used.add(sha2);
      }
      if (attachment.usageType === SIGNATURE_USAGE) {
        if (attachment.contentType !== 'application/octet-stream') {
          throw new LrsError(
            'lrs.bad_request',
            `${p}.contentType must be application/octet-stream for a signature`,
          );
        }
        try {
          verifySignedStatement(statement, part.content, `${p} (signature)`);
        } catch (e) {
          if (e instanceof XapiValidationError) throw new LrsError('lrs.bad_request', e.message);
          throw e;
        }
      }
    });
  }
}

/** A statement's timestamp as the column takes it, or null when the client sent none (it is then `stored`). */
function timestampColumn(timestamp: unknown): string | null {
  if (timestamp === undefined) return null;
  // Validated already, so it parses; the fallback only keeps the column filled.
  return new Date(parseTimestamp(timestamp) ?? Date.now()).toISOString();
}
