import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditLogEntity } from './entities/audit-log.entity';

export interface AuditEntry {
  id: number;
  at: string;
  /** The id of the user who did it (null: the system, or an import job without a creator). */
  userId: string | null;
  action: string;
  entity: string;
  entityId: string;
  detail: unknown;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  /** Days in Vietnam time, both included. */
  from?: string;
  to?: string;
  limit: number;
}

/**
 * Reads the audit log (writers append to it with appendAudit, in their own transactions; the
 * database refuses any other change).
 */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectRepository(AuditLogEntity) private readonly entries: Repository<AuditLogEntity>) {}

  /** Newest first. SQL: one statement takes every optional filter and the Vietnam day bounds. */
  async list(q: AuditFilter): Promise<AuditEntry[]> {
    const rows: {
      id: string;
      at: Date;
      user_id: string | null;
      action: string;
      entity: string;
      entity_id: string;
      detail: unknown;
    }[] = await this.entries.query(
      `SELECT a.id, a.at, a.user_id, a.action, a.entity, a.entity_id, a.detail
           FROM audit_log a
          WHERE ($1::text IS NULL OR a.entity = $1) AND ($2::text IS NULL OR a.entity_id = $2) AND ($3::text IS NULL OR a.action = $3)
            AND ($4::date IS NULL OR a.at >= ($4::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
            AND ($5::date IS NULL OR a.at < (($5::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
          ORDER BY a.id DESC LIMIT $6`,
      [q.entity ?? null, q.entityId ?? null, q.action ?? null, q.from ?? null, q.to ?? null, q.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      userId: r.user_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      detail: r.detail,
    }));
  }
}
