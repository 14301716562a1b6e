import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

  /** Inserts the client unless one with the key exists; returns whether it was created. */
  async insertIfAbsent(client: {
    name: string;
    key: string;
    secretHash: string;
    scopes: LrsScope[];
  }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO lrs_client (name, key, secret_hash, scopes) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_lrs_client_key DO NOTHING RETURNING id`,
      [client.name, client.key, client.secretHash, client.scopes],
    );
    return rows.length > 0;
  }
}
