/** Anything that runs SQL: a DataSource, or the EntityManager of the transaction the change is in. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Appends one entry to the audit log (append-only: the database refuses to change it), inside the
 * caller's transaction when given its manager, so the change and its entry commit together.
 */
export async function appendAudit(
  m: Queryable,
  entry: { by: string | null; action: string; entity: string; entityId: string; detail?: object },
): Promise<void> {
  await m.query(
    `INSERT INTO audit_log (user_id, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5)`,
    [entry.by, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.detail ?? {})],
  );
}

/**
 * Appends one entry per record, all by the same user with the same action, in one statement
 * whatever their number (an enrollment import audits thousands of seats a batch).
 */
export async function appendAuditMany(
  m: Queryable,
  entries: { by: string | null; action: string; entity: string; records: { id: string; detail: object }[] },
): Promise<void> {
  if (entries.records.length === 0) return;
  await m.query(
    `INSERT INTO audit_log (user_id, action, entity, entity_id, detail)
     SELECT $1, $2, $3, v.id, v.detail FROM unnest($4::text[], $5::jsonb[]) AS v(id, detail)`,
    [
      entries.by,
      entries.action,
      entries.entity,
      entries.records.map((r) => r.id),
      entries.records.map((r) => JSON.stringify(r.detail)),
    ],
  );
}

/**
 * A learner's erasure, in its transaction: free-text reasons in the entries about their seats and
 * certificates become `replacement`, and the corrections of their identity keep only which fields
 * changed (not the values before and after). The one change the log accepts: the database lets an
 * UPDATE through only where the transaction set hocba.erasure (migration 1765100000000).
 */
export async function redactAuditForErasure(
  m: Queryable,
  erased: { learnerId: string; enrollmentIds: string[]; certificateIds: string[]; replacement: string },
): Promise<void> {
  await m.query(`SELECT set_config('hocba.erasure', 'on', true)`);
  await m.query(
    `UPDATE audit_log SET detail = jsonb_set(detail, '{reason}', to_jsonb($3::text))
      WHERE detail ? 'reason' AND ((entity = 'enrollment' AND entity_id = ANY($1::text[]))
                                OR (entity = 'certificate' AND entity_id = ANY($2::text[])))`,
    [erased.enrollmentIds, erased.certificateIds, erased.replacement],
  );
  await m.query(
    `UPDATE audit_log SET detail = (detail - 'before' - 'after') || '{"erased": true}'::jsonb
      WHERE entity = 'learner' AND entity_id = $1 AND action = 'identity-changed'`,
    [erased.learnerId],
  );
}
