/** A statement ready to insert: its stored JSON and the facts the queries filter on. */
export interface StatementRow {
  id: string;
  /** The LRS client that wrote it (its authority). */
  clientId: string;
  stored: string;
  timestamp: string;
  verbId: string;
  registration: string | null;
  refTarget: string | null;
  voids: string | null;
  hasAttachments: boolean;
  /** The statement as stored (with id, stored, timestamp, authority, version), serialised once. */
  body: string;
  /** The same statement as an object (hooks read it without parsing the body again). Do not modify. */
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
  /** Paging: the last seq already returned, and the highest seq the first page could see. */
  afterSeq?: string;
  boundSeq?: string;
}

export interface StoredAttachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}
