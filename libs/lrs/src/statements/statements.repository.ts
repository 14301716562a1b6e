import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { DatabaseInfo } from '@hocba/database';
import type { StatementQuery, StatementRow, StoredAttachment } from './statement-row';

/** A statement's stored time for a `more` position, to the microsecond, as PostgreSQL reads it back. */
const STORED_ISO = `to_char(s.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Hand-written SQL for the statement store: the insert path is one round trip per batch (statements
 * and both index tables through data-modifying CTEs), and nothing on it updates a shared row.
 */
@Injectable()
export class StatementsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly database: DatabaseInfo,
  ) {}

  /**
   * Inserts the rows that are new; returns the ids that already existed (the caller decides whether
   * they are the same statements) and the `stored` the new ones got. Order within the batch is kept
   * in `seq`.
   *
   * `stored` is taken here, by the database, under the lock that tells readers this write is in
   * flight (`statement_write_stamp()`, migration 1765640000000): every statement of the transaction
   * gets the same one, in whole milliseconds, and it goes in front of each body (with `timestamp`
   * where the client sent none), so the column and the JSON agree.
   */
  async insert(
    runner: QueryRunner,
    rows: StatementRow[],
  ): Promise<{ existing: Set<string>; stored?: string }> {
    const agentIds: string[] = [];
    const agentKeys: string[] = [];
    const agentDirect: boolean[] = [];
    const activityStatementIds: string[] = [];
    const activityIds: string[] = [];
    const activityDirect: boolean[] = [];
    for (const row of rows) {
      for (const [key, direct] of row.agents) {
        agentIds.push(row.id);
        agentKeys.push(key);
        agentDirect.push(direct);
      }
      for (const [id, direct] of row.activities) {
        activityStatementIds.push(row.id);
        activityIds.push(id);
        activityDirect.push(direct);
      }
    }
    // Prepared: this CTE is planned once per connection, not on every batch.
    const inserted = await this.database.prepared<{ id: string; stored: string }>(
      runner,
      'hocba_insert_statements',
      // Bodies travel as one JSON array ($8): a text[] parameter would make the driver escape every
      // quote of every statement, which cost more than the rest of the request.
      `WITH stamp AS MATERIALIZED (
         SELECT x.stored, to_char(x.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS iso
           FROM (SELECT statement_write_stamp() AS stored) x
       ), input AS (
         SELECT t.*, st.stored,
                ('{"stored":"' || st.iso || '",' || CASE WHEN t.ts IS NULL THEN '"timestamp":"' || st.iso || '",' ELSE '' END
                  || substr(b.body::text, 2))::json AS body
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::boolean[], $9::uuid[])
             WITH ORDINALITY AS t(id, ts, verb_id, registration, ref_target, voids, has_attachments, client_id, ord)
           JOIN json_array_elements($8::json) WITH ORDINALITY AS b(body, ord) ON b.ord = t.ord
           CROSS JOIN stamp st
       ), ids AS (
         -- statement_id keeps ids unique across the time partitions and hands out seq in batch order.
         INSERT INTO statement_id (id, stored)
         SELECT i.id, i.stored FROM input i ORDER BY i.ord
         ON CONFLICT ON CONSTRAINT pk_statement_id DO NOTHING
         RETURNING id, seq
       ), ins AS (
         INSERT INTO statement (seq, id, stored, "timestamp", verb_id, registration, ref_target, voids, voided,
                                client_id, has_attachments, body)
         SELECT ids.seq, i.id, i.stored, coalesce(i.ts, i.stored), i.verb_id, i.registration, i.ref_target, i.voids,
                EXISTS (SELECT 1 FROM statement v WHERE v.voids = i.id), i.client_id, i.has_attachments, i.body
         FROM ids JOIN input i ON i.id = ids.id
         RETURNING seq, id, stored
       ), agents AS (
         INSERT INTO statement_agent (statement_seq, stored, agent_key, direct)
         SELECT ins.seq, ins.stored, a.agent_key, a.direct
         FROM unnest($10::uuid[], $11::text[], $12::boolean[]) AS a(statement_id, agent_key, direct)
         JOIN ins ON ins.id = a.statement_id
       ), activities AS (
         INSERT INTO statement_activity (statement_seq, stored, activity_id, direct)
         SELECT ins.seq, ins.stored, a.activity_id, a.direct
         FROM unnest($13::uuid[], $14::text[], $15::boolean[]) AS a(statement_id, activity_id, direct)
         JOIN ins ON ins.id = a.statement_id
       )
       SELECT ins.id, st.iso AS stored FROM ins CROSS JOIN stamp st`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.timestamp),
        rows.map((r) => r.verbId),
        rows.map((r) => r.registration),
        rows.map((r) => r.refTarget),
        rows.map((r) => r.voids),
        rows.map((r) => r.hasAttachments),
        `[${rows.map((r) => r.body).join(',')}]`,
        rows.map((r) => r.clientId),
        agentIds,
        agentKeys,
        agentDirect,
        activityStatementIds,
        activityIds,
        activityDirect,
      ],
    );
    const insertedIds = new Set(inserted.map((r) => r.id));
    return {
      existing: new Set(rows.map((r) => r.id).filter((id) => !insertedIds.has(id))),
      stored: inserted[0]?.stored,
    };
  }

  /** Marks the targets of voiding statements as voided; a voiding statement itself is never voided. */
  async markVoided(manager: EntityManager, targets: string[]): Promise<void> {
    await manager.query(
      `UPDATE statement s SET voided = true FROM statement_id t
        WHERE t.id = ANY($1::uuid[]) AND s.seq = t.seq AND s.stored = t.stored AND s.voids IS NULL AND NOT s.voided`,
      [targets],
    );
  }

  async bodiesByIds(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; body: string }[] = await manager.query(
      `SELECT t.id, s.body::text AS body
         FROM statement_id t JOIN statement s ON s.seq = t.seq AND s.stored = t.stored
        WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.body]));
  }

  /** The stored, not voided statements whose actor has one of these keys, in stored order. */
  async bodiesOfActors(manager: EntityManager, keys: string[]): Promise<unknown[]> {
    if (keys.length === 0) return [];
    const rows: { body: Record<string, unknown> | string }[] = await manager.query(
      `SELECT s.body FROM statement_agent sa JOIN statement s ON s.seq = sa.statement_seq AND s.stored = sa.stored
        WHERE sa.agent_key = ANY($1::text[]) AND sa.direct AND NOT s.voided ORDER BY s.seq`,
      [keys],
    );
    return rows.map((r) => (typeof r.body === 'string' ? (JSON.parse(r.body) as unknown) : r.body));
  }

  /** Statements by id, parsed, in seq order (an id not stored is left out). */
  async parsedByIds(db: EntityManager | DataSource, ids: string[]): Promise<unknown[]> {
    if (ids.length === 0) return [];
    const rows: { body: Record<string, unknown> | string }[] = await db.query(
      `SELECT s.body FROM statement_id t JOIN statement s ON s.seq = t.seq AND s.stored = t.stored
        WHERE t.id = ANY($1::uuid[]) ORDER BY s.seq`,
      [ids],
    );
    return rows.map((r) => (typeof r.body === 'string' ? (JSON.parse(r.body) as unknown) : r.body));
  }

  /** Of these agent keys, those that are the actor of at least one stored statement. */
  async actorsWithStatements(manager: EntityManager, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { agent_key: string }[] = await manager.query(
      `SELECT k.key AS agent_key FROM unnest($1::text[]) AS k(key)
        WHERE EXISTS (SELECT 1 FROM statement_agent sa WHERE sa.agent_key = k.key AND sa.direct)`,
      [keys],
    );
    return new Set(rows.map((r) => r.agent_key));
  }

  /**
   * Gives the statements whose actor has one of `oldKeys` a new actor (an erased learner's
   * pseudonym), and indexes them under its key; answers how many statements changed.
   */
  async replaceActor(
    manager: EntityManager,
    oldKeys: string[],
    actor: { objectType: 'Agent'; account: { homePage: string; name: string } },
    newKey: string,
  ): Promise<number> {
    if (oldKeys.length === 0) return 0;
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [statements]: [{ seq: string }[], number] = await manager.query(
      `UPDATE statement s SET body = jsonb_set(s.body::jsonb, '{actor}', $2::jsonb)::json
        WHERE (s.seq, s.stored) IN (SELECT statement_seq, stored FROM statement_agent
                                     WHERE agent_key = ANY($1::text[]) AND direct)
          AND (('mbox:' || (s.body->'actor'->>'mbox')) = ANY($1::text[])
               OR ('account:' || (s.body->'actor'->'account'->>'homePage') || '|' || (s.body->'actor'->'account'->>'name')) = ANY($1::text[]))
        RETURNING s.seq`,
      [oldKeys, JSON.stringify(actor)],
    );
    if (statements.length > 0) {
      await manager.query(
        `UPDATE statement_agent SET agent_key = $2 WHERE agent_key = ANY($1::text[]) AND statement_seq = ANY($3::bigint[]) AND direct`,
        [oldKeys, newKey, statements.map((s) => s.seq)],
      );
    }
    return statements.length;
  }

  async saveAttachments(manager: EntityManager, attachments: StoredAttachment[]): Promise<void> {
    if (attachments.length === 0) return;
    await manager.query(
      `INSERT INTO attachment (sha2, content_type, length, content)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bytea[])
       ON CONFLICT ON CONSTRAINT pk_attachment DO NOTHING`,
      [
        attachments.map((a) => a.sha2),
        attachments.map((a) => a.contentType),
        attachments.map((a) => a.content.length),
        attachments.map((a) => a.content),
      ],
    );
  }

  async attachments(sha2s: string[]): Promise<StoredAttachment[]> {
    if (sha2s.length === 0) return [];
    const rows: { sha2: string; content_type: string; content: Buffer }[] = await this.dataSource.query(
      `SELECT sha2, content_type, content FROM attachment WHERE sha2 = ANY($1::text[])`,
      [sha2s],
    );
    return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
  }

  /** One statement by id; `voided` picks whether the voided or the live one is wanted. */
  async findOne(
    id: string,
    voided: boolean,
    clientId?: string,
  ): Promise<{ body: string; stored: Date } | undefined> {
    const params: unknown[] = [id, voided];
    let mine = '';
    if (clientId) {
      params.push(clientId);
      mine = 'AND s.client_id = $3';
    }
    const rows: { body: string; stored: Date }[] = await this.dataSource.query(
      `SELECT s.body::text AS body, s.stored
         FROM statement_id t JOIN statement s ON s.seq = t.seq AND s.stored = t.stored
        WHERE t.id = $1 AND s.voided = $2 ${mine}`,
      params,
    );
    return rows[0];
  }

  /** The highest seq visible now: the upper bound that keeps a paged query stable. */
  async maxSeq(): Promise<string> {
    const rows: { max: string | null }[] = await this.dataSource.query(
      `SELECT max(seq)::text AS max FROM statement`,
    );
    return rows[0].max ?? '0';
  }

  /**
   * X-Experience-API-Consistent-Through: a time such that every statement stored at or before it is
   * visible to any query that starts after this one has answered, whichever instance wrote it.
   * The database knows the writes in flight on every instance (`statement_consistent_through()`,
   * migration 1765640000000): every statement stored strictly before its answer is visible, so one
   * millisecond less also covers the clients that ask again with `since` = this value.
   */
  async consistentThrough(): Promise<string> {
    const rows: { through: Date }[] = await this.dataSource.query(
      `SELECT statement_consistent_through() - interval '1 millisecond' AS through`,
    );
    return rows[0].through.toISOString();
  }

  /**
   * Statements matching the filters, newest first unless ascending; one more than the limit is
   * fetched to know whether there is a next page. A statement that targets another (StatementRef,
   * voiding included) also matches when its target matches the non-time filters.
   */
  async query(q: StatementQuery): Promise<{ seq: string; stored: string; body: string }[]> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const match: string[] = [];
    if (q.verbId !== undefined) match.push(`x.verb_id = ${p(q.verbId)}`);
    if (q.registration !== undefined) match.push(`x.registration = ${p(q.registration)}::uuid`);
    if (q.agentKey !== undefined) {
      match.push(
        `(x.seq, x.stored) IN (SELECT statement_seq, stored FROM statement_agent WHERE agent_key = ${p(q.agentKey)}${q.relatedAgents ? '' : ' AND direct'})`,
      );
    }
    if (q.activityId !== undefined) {
      match.push(
        `(x.seq, x.stored) IN (SELECT statement_seq, stored FROM statement_activity WHERE activity_id = ${p(q.activityId)}${q.relatedActivities ? '' : ' AND direct'})`,
      );
    }
    const where: string[] = ['NOT s.voided'];
    if (q.boundSeq !== undefined) where.push(`s.seq <= ${p(q.boundSeq)}::bigint`);
    if (q.afterStored !== undefined && q.afterSeq !== undefined) {
      // Pages follow (stored, seq): the stored bound alone lets PostgreSQL skip the months before.
      const [cmp, bound] = q.ascending ? ['>', '>='] : ['<', '<='];
      const stored = p(q.afterStored);
      where.push(`s.stored ${bound} ${stored}::timestamptz`);
      where.push(`(s.stored, s.seq) ${cmp} (${stored}::timestamptz, ${p(q.afterSeq)}::bigint)`);
    }
    if (q.since !== undefined) where.push(`s.stored > ${p(q.since)}::timestamptz`);
    if (q.until !== undefined) where.push(`s.stored <= ${p(q.until)}::timestamptz`);
    if (q.clientId !== undefined) where.push(`s.client_id = ${p(q.clientId)}::uuid`);
    // Ordered by stored, as xAPI asks, then seq: within one write transaction (one stored) the
    // statements keep the order they came in. Transactions commit in any order, so seq alone is not
    // stored order.
    const order = q.ascending ? 'ASC' : 'DESC';
    const orderBy = `ORDER BY s.stored ${order}, s.seq ${order}`;
    // A filter on agent, activity or registration matches few statements: find them through their
    // indexes first, with the StatementRefs that target them (ix_statement_ref_target), then page.
    // Scanning by seq with the filter (below) would read the whole store to find a learner's few.
    if (q.agentKey !== undefined || q.activityId !== undefined || q.registration !== undefined) {
      const matched = `SELECT x.seq, x.stored, x.id FROM statement x WHERE ${match.join(' AND ')}`;
      return this.dataSource.query(
        `WITH d AS MATERIALIZED (${matched})
         SELECT s.seq::text AS seq, ${STORED_ISO} AS stored, s.body::text AS body FROM statement s
          WHERE (s.seq, s.stored) IN (SELECT seq, stored FROM d
                                      UNION SELECT r.seq, r.stored FROM statement r JOIN d ON r.ref_target = d.id)
            AND ${where.join(' AND ')}
          ${orderBy} LIMIT ${p(q.limit + 1)}`,
        params,
      );
    }
    // Common filters (a verb) or none: newest first by seq, stopping after a page of matches.
    if (match.length > 0) {
      const direct = match.join(' AND ').replace(/x\./g, 's.');
      const viaTarget = match.join(' AND ');
      where.push(`((${direct}) OR (s.ref_target IS NOT NULL AND EXISTS (
        SELECT 1 FROM statement_id t JOIN statement x ON x.seq = t.seq AND x.stored = t.stored
         WHERE t.id = s.ref_target AND ${viaTarget})))`);
    }
    return this.dataSource.query(
      `SELECT s.seq::text AS seq, ${STORED_ISO} AS stored, s.body::text AS body FROM statement s
       WHERE ${where.join(' AND ')}
       ${orderBy} LIMIT ${p(q.limit + 1)}`,
      params,
    );
  }
}
