import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LrsClient, LrsScope } from './lrs-client';
import { appendAudit } from '../../../database/src';

interface ClientRow {
  id: string;
  name: string;
  key: string;
  scopes: LrsScope[];
  secret_hash: string;
  course_codes: string[] | null;
  activity_scope: string[] | null;
}

export interface LrsClientListing {
  id: string;
  name: string;
  key: string;
  scopes: LrsScope[];
  courses: string[] | null;
  createdAt: string;
  disabledAt: string | null;
}

@Injectable()
export class LrsClientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActiveByKey(key: string): Promise<(LrsClient & { secretHash: string }) | undefined> {
    const rows: ClientRow[] = await this.dataSource.query(
      `SELECT id, name, key, scopes, secret_hash, activity_scope FROM lrs_client WHERE key = $1 AND disabled_at IS NULL`,
      [key],
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        name: row.name,
        key: row.key,
        scopes: row.scopes,
        secretHash: row.secret_hash,
        ...(row.activity_scope ? { activityScope: row.activity_scope } : {}),
      }
    );
  }

  /**
   * The activity IRIs of courses by code (each course's own, its required activities, its exam), the
   * courses' codes as stored, and the codes no course has. A code is matched in any case ("DA06-K1"
   * finds "da06-k1"), as course codes are unique regardless of case. Reads the program's course
   * table: the one place the LRS looks at it.
   */
  async courseActivities(
    codes: string[],
  ): Promise<{ activities: string[]; codes: string[]; unknown: string[] }> {
    const rows: {
      asked: string;
      code: string | null;
      activity_id: string | null;
      completion: { requiredActivities?: string[]; exam?: { activityId: string } } | null;
    }[] = await this.dataSource.query(
      `SELECT a.asked, k.code, k.activity_id, k.completion
         FROM unnest($1::text[]) WITH ORDINALITY AS a (asked, n) LEFT JOIN course k ON lower(k.code) = lower(a.asked)
        ORDER BY a.n`,
      [codes],
    );
    const found = rows.filter((r) => r.code !== null);
    const activities = found.flatMap((r) => [
      r.activity_id as string,
      ...(r.completion?.requiredActivities ?? []),
      ...(r.completion?.exam ? [r.completion.exam.activityId] : []),
    ]);
    return {
      activities: [...new Set(activities)],
      codes: [...new Set(found.map((r) => r.code as string))],
      unknown: rows.filter((r) => r.code === null).map((r) => r.asked),
    };
  }

  async list(): Promise<LrsClientListing[]> {
    const rows: (ClientRow & { created_at: Date; disabled_at: Date | null })[] = await this.dataSource.query(
      `SELECT id, name, key, scopes, course_codes, created_at, disabled_at FROM lrs_client ORDER BY created_at`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      key: r.key,
      scopes: r.scopes,
      courses: r.course_codes,
      createdAt: r.created_at.toISOString(),
      disabledAt: r.disabled_at?.toISOString() ?? null,
    }));
  }

  /** Disables the client (audited); its id, or undefined when no client has the key. */
  async disable(key: string, by: string): Promise<string | undefined> {
    return this.dataSource.transaction(async (m) => {
      const [rows]: [{ id: string }[], number] = await m.query(
        `UPDATE lrs_client SET disabled_at = coalesce(disabled_at, now()) WHERE key = $1 RETURNING id`,
        [key],
      );
      if (rows.length === 0) return undefined;
      await this.audit(m, by, 'disabled', rows[0].id, { key });
      return rows[0].id;
    });
  }

  async audit(
    m: EntityManager | DataSource,
    by: string | null,
    action: string,
    id: string,
    detail: object,
  ): Promise<void> {
    await appendAudit(m, { by, action, entity: 'lrs-client', entityId: id, detail });
  }

  /** Inserts the client unless one with the key exists; returns whether it was created. */
  async insertIfAbsent(
    client: {
      name: string;
      key: string;
      secretHash: string;
      scopes: LrsScope[];
      courses?: { codes: string[]; activities: string[] };
    },
    by: string | null = null,
  ): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO lrs_client (name, key, secret_hash, scopes, course_codes, activity_scope) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT uq_lrs_client_key DO NOTHING RETURNING id`,
      [
        client.name,
        client.key,
        client.secretHash,
        client.scopes,
        client.courses?.codes ?? null,
        client.courses?.activities ?? null,
      ],
    );
    if (rows.length > 0)
      await this.audit(this.dataSource, by, 'created', rows[0].id, {
        name: client.name,
        key: client.key,
        scopes: client.scopes,
        ...(client.courses ? { courses: client.courses.codes } : {}),
      });
    return rows.length > 0;
  }
}
