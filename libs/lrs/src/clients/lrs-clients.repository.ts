import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager, type Repository } from 'typeorm';
import type { LrsClient, LrsScope } from './lrs-client';
import { appendAudit } from '@hocba/audit';
import { LrsClientEntity } from '../entities/lrs-client.entity';

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
  constructor(@InjectRepository(LrsClientEntity) private readonly clients: Repository<LrsClientEntity>) {}

  /** The codes of the courses a client is scoped to (null: all); undefined when there is no such client. */
  async courseCodes(id: string): Promise<string[] | null | undefined> {
    const row = await this.clients.findOne({ select: { id: true, courseCodes: true }, where: { id } });
    return row ? row.courseCodes : undefined;
  }

  async findActiveByKey(key: string): Promise<(LrsClient & { secretHash: string }) | undefined> {
    const row = await this.clients.findOne({
      select: { id: true, name: true, key: true, scopes: true, secretHash: true, activityScope: true },
      where: { key, disabledAt: IsNull() },
    });
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      key: row.key,
      scopes: row.scopes,
      secretHash: row.secretHash,
      ...(row.activityScope ? { activityScope: row.activityScope } : {}),
    };
  }

  async list(): Promise<LrsClientListing[]> {
    const rows = await this.clients.find({
      select: {
        id: true,
        name: true,
        key: true,
        scopes: true,
        courseCodes: true,
        createdAt: true,
        disabledAt: true,
      },
      order: { createdAt: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      key: r.key,
      scopes: r.scopes,
      courses: r.courseCodes,
      createdAt: r.createdAt.toISOString(),
      disabledAt: r.disabledAt?.toISOString() ?? null,
    }));
  }

  /** Disables the client (audited); its id, or undefined when no client has the key. */
  async disable(key: string, by: string): Promise<string | undefined> {
    return this.clients.manager.transaction(async (m) => {
      const { raw } = await m
        .createQueryBuilder()
        .update(LrsClientEntity)
        .set({ disabledAt: () => 'coalesce(disabled_at, now())' })
        .where({ key })
        .returning(['id'])
        .execute();
      const [row] = raw as { id: string }[];
      if (!row) return undefined;
      await this.audit(m, by, 'disabled', row.id, { key });
      return row.id;
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
    // ON CONFLICT (key) DO NOTHING: a key taken is an answer (false), not a failed statement.
    const { raw } = await this.clients
      .createQueryBuilder()
      .insert()
      .values({
        name: client.name,
        key: client.key,
        secretHash: client.secretHash,
        scopes: client.scopes,
        courseCodes: client.courses?.codes ?? null,
        activityScope: client.courses?.activities ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const rows = raw as { id: string }[];
    if (rows.length > 0)
      await this.audit(this.clients.manager, by, 'created', rows[0].id, {
        name: client.name,
        key: client.key,
        scopes: client.scopes,
        ...(client.courses ? { courses: client.courses.codes } : {}),
      });
    return rows.length > 0;
  }
}
