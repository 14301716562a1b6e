import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { definedActivities, mergeActivityDefinition, type JsonObject } from '@hocba/xapi';

const PROJECTION = 'activity-definitions';

/**
 * Canonical activity definitions. A background pass (ActivityDefinitionMerger, in the worker) folds
 * statements into `activity_definition` up to a watermark; a read adds what came after it. Statement
 * writes never touch these rows.
 */
@Injectable()
export class ActivitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The merged definition of an activity, complete up to the latest committed statement; undefined if none. */
  async definition(activityId: string): Promise<JsonObject | undefined> {
    // One statement, one snapshot: the stored definition, the watermark and the later statements agree.
    const rows: { definition: JsonObject | null; later: JsonObject[] | null }[] = await this.dataSource.query(
      `WITH p AS (SELECT through_seq FROM lrs_projection WHERE name = $2)
       SELECT (SELECT definition FROM activity_definition WHERE activity_id = $1) AS definition,
              (SELECT json_agg(s.body ORDER BY s.seq)
                 FROM statement_activity a JOIN statement s ON s.seq = a.statement_seq AND s.stored = a.stored
                WHERE a.activity_id = $1 AND a.statement_seq > p.through_seq) AS later
         FROM p`,
      [activityId, PROJECTION],
    );
    let definition = rows[0]?.definition ?? undefined;
    for (const statement of rows[0]?.later ?? []) {
      for (const found of definedActivities(statement)) {
        if (found.id === activityId) definition = mergeActivityDefinition(definition, found.definition);
      }
    }
    return definition;
  }

  /**
   * Folds the next statements (at most `batch`, stored at least `settleMs` ago so that no slower
   * transaction can still commit a lower seq) into the stored definitions. Returns how many it read,
   * and whether a next call may find more.
   * Several workers may call it: the projection row lock makes them take turns.
   */
  async mergeNext(batch: number, settleMs: number): Promise<{ read: number; more: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const [projection]: { through_seq: string }[] = await m.query(
        `SELECT through_seq FROM lrs_projection WHERE name = $1 FOR UPDATE SKIP LOCKED`,
        [PROJECTION],
      );
      if (!projection) return { read: 0, more: false }; // another worker is merging
      const through = Number(projection.through_seq);
      const next: { seq: string; stored: Date; body: JsonObject }[] = await m.query(
        `SELECT seq, stored, body FROM statement WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [through, batch],
      );
      // Stop at the first statement too recent to be sure nothing below it is still to commit.
      const cutoff = Date.now() - settleMs;
      const settled = next.findIndex((s) => s.stored.getTime() >= cutoff);
      const statements = settled < 0 ? next : next.slice(0, settled);
      // More is worth asking for only when a whole batch was read and settled: otherwise the next
      // read would fetch the same unsettled statements again (it did, doubling the reads under load).
      const more = settled < 0 && next.length === batch;
      if (statements.length === 0) return { read: 0, more };
      const last = statements[statements.length - 1].seq;
      const merged = new Map<string, JsonObject>();
      for (const s of statements) {
        for (const found of definedActivities(s.body))
          merged.set(found.id, mergeActivityDefinition(merged.get(found.id), found.definition));
      }
      if (merged.size > 0) {
        const ids = [...merged.keys()];
        const existing: { activity_id: string; definition: JsonObject }[] = await m.query(
          `SELECT activity_id, definition FROM activity_definition WHERE activity_id = ANY($1) FOR UPDATE`,
          [ids],
        );
        const before = new Map(existing.map((r) => [r.activity_id, r.definition]));
        const definitions = ids.map((id) =>
          JSON.stringify(mergeActivityDefinition(before.get(id), merged.get(id) as JsonObject)),
        );
        await m.query(
          `INSERT INTO activity_definition (activity_id, definition, merged_through_seq)
           SELECT id, def::json, $3 FROM unnest($1::text[], $2::text[]) AS t(id, def)
           ON CONFLICT (activity_id) DO UPDATE SET definition = EXCLUDED.definition, merged_through_seq = EXCLUDED.merged_through_seq`,
          [ids, definitions, last],
        );
      }
      await m.query(`UPDATE lrs_projection SET through_seq = $2 WHERE name = $1`, [PROJECTION, last]);
      return { read: statements.length, more };
    });
  }

  /** Names and identifiers an agent has been given in the statements it made (the latest 100). */
  async actorsOf(agentKey: string): Promise<JsonObject[]> {
    const rows: { actor: JsonObject }[] = await this.dataSource.query(
      `SELECT s.body -> 'actor' AS actor
         FROM statement_agent a JOIN statement s ON s.seq = a.statement_seq AND s.stored = a.stored
        WHERE a.agent_key = $1 AND a.direct
        ORDER BY a.statement_seq DESC LIMIT 100`,
      [agentKey],
    );
    return rows.map((r) => r.actor);
  }
}
