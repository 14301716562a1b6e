import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LrsClient, LrsScope } from './lrs-client';

interface ClientRow {
  id: string;
  name: string;
  key: string;
  scopes: LrsScope[];
  secret_hash: string;
}

@Injectable()
export class LrsClientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActiveByKey(key: string): Promise<(LrsClient & { secretHash: string }) | undefined> {
    const rows: ClientRow[] = await this.dataSource.query(
      `SELECT id, name, key, scopes, secret_hash FROM lrs_client WHERE key = $1 AND disabled_at IS NULL`,
      [key],
    );
    const row = rows[0];
    return (
      row && { id: row.id, name: row.name, key: row.key, scopes: row.scopes, secretHash: row.secret_hash }
    );
  }

  async list(): Promise<
    {
      id: string;
      name: string;
      key: string;
      scopes: LrsScope[];
      createdAt: string;
      disabledAt: string | null;
    }[]
  > {
    const rows: (ClientRow & { created_at: Date; disabled_at: Date | null })[] = await this.dataSource.query(
      `SELECT id, name, key, scopes, created_at, disabled_at FROM lrs_client ORDER BY created_at`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      key: r.key,
      scopes: r.scopes,
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
    await m.query(
      `INSERT INTO audit_log (user_id, action, entity, entity_id, detail) VALUES ($1, $2, 'lrs-client', $3, $4)`,
      [by, action, id, JSON.stringify(detail)],
    );
  }

  /** Inserts the client unless one with the key exists; returns whether it was created. */
  async insertIfAbsent(
    client: {
      name: string;
      key: string;
      secretHash: string;
      scopes: LrsScope[];
    },
    by: string | null = null,
  ): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO lrs_client (name, key, secret_hash, scopes) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_lrs_client_key DO NOTHING RETURNING id`,
      [client.name, client.key, client.secretHash, client.scopes],
    );
    if (rows.length > 0)
      await this.audit(this.dataSource, by, 'created', rows[0].id, {
        name: client.name,
        key: client.key,
        scopes: client.scopes,
      });
    return rows.length > 0;
  }
}
