import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JOB_QUEUES, type JobName, type JobPayloads } from '../../queue/src';
import type { ProvinceScope } from '../../units/src';

/** Jobs people follow through a `job` row (their payload is that row's id). */
export type TrackedJob = {
  [K in JobName]: JobPayloads[K] extends { jobId: string } ? K : never;
}[JobName];

export type JobState = 'queued' | 'active' | 'completed' | 'failed';

export interface JobRecord {
  id: string;
  kind: JobName;
  state: JobState;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
  createdBy: string | null;
  provinceId: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const COLUMNS = `id, kind, state, params, result, error, created_by, province_id, attempts, created_at, started_at, finished_at`;

function toRecord(r: Record<string, unknown>): JobRecord {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
  return {
    id: r.id as string,
    kind: r.kind as JobName,
    state: r.state as JobState,
    params: r.params as Record<string, unknown>,
    result: r.result as Record<string, unknown> | null,
    error: r.error as string | null,
    createdBy: r.created_by as string | null,
    provinceId: r.province_id as string | null,
    attempts: r.attempts as number,
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** The `job` rows people follow, and the outbox rows that hand them to BullMQ. */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a job and its outbox row in the caller's transaction: the job reaches BullMQ only if
   * the transaction commits, and reaches it even if Redis is down now (the relay retries).
   */
  async create<N extends TrackedJob>(
    m: EntityManager,
    job: {
      kind: N;
      params: Record<string, unknown>;
      input?: Buffer;
      inputName?: string;
      createdBy: string | null;
      provinceId: string | null;
    },
  ): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO job (kind, params, input, input_name, created_by, province_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        job.kind,
        JSON.stringify(job.params),
        job.input ?? null,
        job.inputName ?? null,
        job.createdBy,
        job.provinceId,
      ],
    );
    const payload = { jobId: row.id } as JobPayloads[N];
    // The job id doubles as BullMQ's jobId: enqueued twice, it still runs once.
    await m.query(`INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ($1, $2, $3, $4)`, [
      JOB_QUEUES[job.kind],
      job.kind,
      row.id,
      JSON.stringify(payload),
    ]);
    return row.id;
  }

  /** A job the caller may see: national roles see all; others their provinces' jobs and their own. */
  async find(id: string, scope: ProvinceScope, userId: string): Promise<JobRecord | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM job WHERE id = $1 AND ($2::text[] IS NULL OR province_id = ANY($2) OR created_by = $3)`,
      [id, scope, userId],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Marks a job started (again, on a retry) and returns it with its input; undefined when it has already finished. */
  async start(
    id: string,
  ): Promise<(JobRecord & { input: Buffer | null; inputName: string | null }) | undefined> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE job SET state = 'active', started_at = now(), attempts = attempts + 1 WHERE id = $1 AND state IN ('queued', 'active')
       RETURNING ${COLUMNS}, input, input_name`,
      [id],
    );
    const r = rows[0];
    return r && { ...toRecord(r), input: r.input as Buffer | null, inputName: r.input_name as string | null };
  }

  /**
   * Records the result; inside the work's own transaction when given, so both commit together.
   * A finished job drops its uploaded file (an enrollment list holds names and CCCDs in clear).
   */
  async complete(id: string, result: object, m?: EntityManager): Promise<void> {
    await (m ?? this.dataSource).query(
      `UPDATE job SET state = 'completed', result = $2, error = NULL, input = NULL, finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE job SET state = 'failed', error = $2, input = NULL, finished_at = now() WHERE id = $1 AND state <> 'completed'`,
      [id, error],
    );
  }
}
