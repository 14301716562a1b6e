import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LrsError } from '../lrs.errors';
import type { DocumentAddress } from './document-params';

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

/** What a write decides once it sees the current document: a new one, or its removal. */
export type DocumentChange = { contentType: string; content: Buffer; etag: string; updated: Date } | 'delete';

interface DocumentRow {
  content_type: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

const KEY = `resource = $1 AND activity_id = $2 AND agent_key = $3 AND registration = $4`;
const keyValues = (a: DocumentAddress) => [a.resource, a.activityId, a.agentKey, a.registration];
const toDocument = (row: DocumentRow): StoredDocument => ({
  contentType: row.content_type,
  content: row.content,
  etag: row.etag,
  updated: row.updated,
});

@Injectable()
export class DocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes every document kept under these agents (state, agent profiles); answers how many. */
  async removeOfAgents(m: EntityManager, agentKeys: string[]): Promise<number> {
    if (agentKeys.length === 0) return 0;
    const [documents]: [unknown[], number] = await m.query(
      `DELETE FROM lrs_document WHERE agent_key = ANY($1::text[]) RETURNING 1`,
      [agentKeys],
    );
    return documents.length;
  }

  async find(address: DocumentAddress, documentId: string): Promise<StoredDocument | undefined> {
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT content_type, content, etag, updated FROM lrs_document WHERE ${KEY} AND document_id = $5`,
      [...keyValues(address), documentId],
    );
    return rows[0] && toDocument(rows[0]);
  }

  async listIds(address: DocumentAddress, since?: string): Promise<{ ids: string[]; lastUpdated?: Date }> {
    const rows: { document_id: string; updated: Date }[] = await this.dataSource.query(
      `SELECT document_id, updated FROM lrs_document WHERE ${KEY} AND ($5::timestamptz IS NULL OR updated > $5)
       ORDER BY document_id`,
      [...keyValues(address), since ?? null],
    );
    const lastUpdated = rows.reduce<Date | undefined>(
      (max, r) => (max === undefined || r.updated > max ? r.updated : max),
      undefined,
    );
    return { ids: rows.map((r) => r.document_id), lastUpdated };
  }

  /**
   * Changes one document under a row lock, so that concurrent writers take turns and each decides
   * on the document as the previous one left it. `decide` may throw to refuse (nothing is written).
   * Two writers creating the same absent document race on the primary key: the loser decides again.
   */
  async change(
    address: DocumentAddress,
    documentId: string,
    decide: (current: StoredDocument | undefined) => DocumentChange,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const done = await this.dataSource.transaction((m) => this.changeOnce(m, address, documentId, decide));
      if (done) return;
      if (attempt >= 3)
        throw new LrsError(
          'lrs.conflict',
          'The document kept changing while this request was applied; send it again',
        );
    }
  }

  private async changeOnce(
    m: EntityManager,
    address: DocumentAddress,
    documentId: string,
    decide: (current: StoredDocument | undefined) => DocumentChange,
  ): Promise<boolean> {
    const params = [...keyValues(address), documentId];
    const rows: DocumentRow[] = await m.query(
      `SELECT content_type, content, etag, updated FROM lrs_document WHERE ${KEY} AND document_id = $5 FOR UPDATE`,
      params,
    );
    const current = rows[0] && toDocument(rows[0]);
    const change = decide(current);
    if (change === 'delete') {
      if (current) await m.query(`DELETE FROM lrs_document WHERE ${KEY} AND document_id = $5`, params);
      return true;
    }
    const values = [...params, change.contentType, change.content, change.etag, change.updated];
    if (current) {
      await m.query(
        `UPDATE lrs_document SET content_type = $6, content = $7, etag = $8, updated = $9 WHERE ${KEY} AND document_id = $5`,
        values,
      );
      return true;
    }
    const inserted: unknown[] = await m.query(
      `INSERT INTO lrs_document (resource, activity_id, agent_key, registration, document_id, content_type, content, etag, updated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ON CONSTRAINT pk_lrs_document DO NOTHING RETURNING 1`,
      values,
    );
    return inserted.length > 0;
  }

  /** Deletes every state of an activity and agent (of one registration when given). */
  async deleteAll(address: DocumentAddress): Promise<void> {
    await this.dataSource.query(`DELETE FROM lrs_document WHERE ${KEY}`, keyValues(address));
  }
}
