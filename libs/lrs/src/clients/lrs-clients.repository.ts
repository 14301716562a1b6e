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
  constructor(
    @InjectRepository(LrsClientEntity) private readonly clients: Repository<LrsClientEntity>,
    private readonly dataSource: DataSource,
  ) {}

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

  /**
   * The activity IRIs of courses by code (each course's own, its required activities, its exam), the
   * courses' codes as stored, and the codes no course has. A code is matched in any case ("DA06-K1"
   * finds "da06-k1"), as course codes are unique regardless of case. Reads the program's course
   * table: the one place the LRS looks at it. SQL: one round trip answers the codes in the order
   * asked, with those no course has, which a repository's find cannot.
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
