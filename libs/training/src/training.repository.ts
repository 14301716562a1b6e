import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { provinceOnMapSql, type ProvinceScope } from '@hocba/units';
import type { RecordKind } from './dto/training.dto';
import { appendAudit } from '@hocba/audit';
import { TrainingRecordEntity } from './entities/training-record.entity';

export interface TrainingRecord {
  id: string;
  unitId: string;
  unit: string;
  kind: RecordKind;
  platform: string | null;
  title: string | null;
  date: string;
  participants: number;
  level: string | null;
}

export interface VolumeRow {
  key: string;
  label: string;
  selfOrganised: number;
  onPlatform: number;
  /** Of onPlatform: learners Hocba saw start in the period (the rest: platform totals recorded). */
  tracked: number;
  total: number;
}

const toRecord = (r: Record<string, unknown>): TrainingRecord => ({
  id: r.id as string,
  unitId: r.unit_id as string,
  unit: r.unit as string,
  kind: r.kind as RecordKind,
  platform: r.platform as string | null,
  title: r.title as string | null,
  date: r.held_on as string,
  participants: Number(r.participants),
  level: r.level as string | null,
});

// Reads stay SQL: they join the units' table for the unit's name and order, filter by the
// caller's provinces, and lock the row for an edit, in one statement.
const SELECT = `SELECT r.id, r.unit_id, u.name AS unit, r.kind, r.platform, r.title, to_char(r.held_on, 'YYYY-MM-DD') AS held_on,
                       r.participants, r.level
                  FROM training_record r JOIN admin_unit u ON u.id = r.unit_id`;

const fields = (r: Omit<TrainingRecord, 'id' | 'unit'>) => ({
  unitId: r.unitId,
  kind: r.kind,
  platform: r.platform,
  title: r.title,
  heldOn: r.date,
  participants: r.participants,
  level: r.level as TrainingRecordEntity['level'],
});

@Injectable()
export class TrainingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, r: Omit<TrainingRecord, 'id' | 'unit'>, userId: string): Promise<string> {
    const { identifiers } = await m.insert(TrainingRecordEntity, { ...fields(r), createdBy: userId });
    return (identifiers[0] as { id: string }).id;
  }

  /** Replaces the record's fields (updated_at is the entity's UpdateDateColumn: now()). */
  async update(m: EntityManager, id: string, r: Omit<TrainingRecord, 'id' | 'unit'>): Promise<void> {
    await m.update(TrainingRecordEntity, { id }, fields(r));
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await m.delete(TrainingRecordEntity, { id });
  }

  /** A record within the caller's provinces (null: everywhere; coordinators never reach agencies' records). */
  async find(id: string, scope: ProvinceScope, m: EntityManager | DataSource = this.dataSource) {
    const [row]: Record<string, unknown>[] = await m.query(
      `${SELECT} WHERE r.id = $1 AND ($2::text[] IS NULL OR r.unit_id = ANY($2)) FOR UPDATE OF r`,
      [id, scope],
    );
    return row ? toRecord(row) : undefined;
  }

  async list(scope: ProvinceScope, from?: string, to?: string): Promise<TrainingRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${SELECT} WHERE ($1::text[] IS NULL OR r.unit_id = ANY($1))
          AND ($2::date IS NULL OR r.held_on >= $2) AND ($3::date IS NULL OR r.held_on <= $3)
        ORDER BY r.held_on, u.name, r.id`,
      [scope, from ?? null, to ?? null],
    );
    return rows.map(toRecord);
  }

  async audit(m: EntityManager, userId: string, action: string, id: string, detail: object): Promise<void> {
    await appendAudit(m, { by: userId, action, entity: 'training-record', entityId: id, detail });
  }

  /**
   * Participants per unit of the map in a period: self-organised and platform records, plus (for
   * provinces) `tracked`, the learners Hocba saw start a course in the period by their cohort's
   * province (the reports' figure: FunnelService.startedLearners). Every unit of the map has a row,
   * trained or not. On the current map old provinces' figures roll up into the province that
   * absorbed them; on the legacy map a current province's stay under it.
   */
  async volume(
    groupBy: 'province' | 'agency',
    era: 'legacy' | 'current',
    tracked: { key: string; learners: number }[],
    from?: string,
    to?: string,
  ): Promise<VolumeRow[]> {
    const key = provinceOnMapSql(era);
    const kind = groupBy === 'province' ? 'province' : 'agency';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH rec AS (
         SELECT ${key} AS key,
                sum(r.participants) FILTER (WHERE r.kind = 'self-organised') AS self,
                sum(r.participants) FILTER (WHERE r.kind = 'platform') AS platform
           FROM training_record r JOIN admin_unit u ON u.id = r.unit_id
          WHERE u.kind = $1 AND ($2::date IS NULL OR r.held_on >= $2) AND ($3::date IS NULL OR r.held_on <= $3)
          GROUP BY 1),
       tracked AS (
         SELECT t.key, t.learners FROM json_to_recordset($5::json) AS t(key text, learners int) WHERE $1 = 'province'),
       units AS (
         SELECT id AS key FROM admin_unit WHERE kind = $1 AND ($1 = 'agency' OR era = $4)
         UNION SELECT key FROM rec UNION SELECT key FROM tracked)
       SELECT units.key, n.name AS label, COALESCE(rec.self, 0)::int AS self, COALESCE(rec.platform, 0)::int AS platform,
              COALESCE(tracked.learners, 0)::int AS tracked
         FROM units JOIN admin_unit n ON n.id = units.key
         LEFT JOIN rec ON rec.key = units.key LEFT JOIN tracked ON tracked.key = units.key`,
      [kind, from ?? null, to ?? null, era, JSON.stringify(tracked)],
    );
    return rows.map((r) => {
      const self = Number(r.self);
      const onPlatform = Number(r.platform) + Number(r.tracked);
      return {
        key: r.key as string,
        label: r.label as string,
        selfOrganised: self,
        onPlatform,
        tracked: Number(r.tracked),
        total: self + onPlatform,
      };
    });
  }
}
