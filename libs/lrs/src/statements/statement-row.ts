/** A statement ready to insert: its stored JSON and the facts the queries filter on. */
export interface StatementRow {
  id: string;
  /** The LRS client that wrote it (its authority). */
  clientId: string;
  /** The statement's timestamp in a form PostgreSQL reads; null when the client sent none (it is then `stored`). */
  timestamp: string | null;
  verbId: string;
  registration: string | null;
  refTarget: string | null;
  voids: string | null;
  hasAttachments: boolean;
  /**
   * The statement as stored (with id, authority, version), serialised once, without `stored` and
   * without a `timestamp` the client left out: the database takes `stored` in the write transaction
   * and puts both in front (StatementsRepository.insert).
   */
  body: string;
  /**
   * The same statement as an object (hooks read it without parsing the body again), with `stored`
   * and `timestamp` set once the insert has taken them. Do not modify.
   */
  statement: Readonly<Record<string, unknown>>;
  agents: Map<string, boolean>;
  activities: Map<string, boolean>;
}

export interface StatementQuery {
  agentKey?: string;
  relatedAgents: boolean;
  verbId?: string;
  activityId?: string;
  relatedActivities: boolean;
  registration?: string;
  since?: string;
  until?: string;
  ascending: boolean;
  limit: number;
  /** Only statements written by this client (scope statements/read/mine). */
  clientId?: string;
  /**
   * Paging, in (stored, seq) order: the last statement already returned (its stored and seq), and
   * the highest seq the first page could see.
   */
  afterStored?: string;
  afterSeq?: string;
  boundSeq?: string;
  /** The first page's X-Experience-API-Consistent-Through, which every later page repeats. */
  through?: string;
}

export interface StoredAttachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** Gives the written statements the `stored` the insert took (and `timestamp`, where the client sent none). */
export function stampRows(rows: StatementRow[], stored: string): void {
  for (const row of rows) {
    // The writer owns these objects until the hooks have run; the hooks only read them.
    const statement = row.statement as Record<string, unknown>;
    if (row.timestamp === null) statement.timestamp = stored;
    statement.stored = stored;
  }
}
