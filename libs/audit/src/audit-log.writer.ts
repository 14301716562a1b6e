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
