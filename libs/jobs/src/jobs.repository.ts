import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, type EntityManager, type Repository } from 'typeorm';
import { JOB_QUEUES, type JobName, type JobPayloads } from '@hocba/queue';
import type { ProvinceScope } from '@hocba/units';
import { JobEntity } from './entities/job.entity';

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

/** What a job row is shown as (its uploaded input stays out). */
const RECORD_FIELDS = {
  id: true,
  kind: true,
  state: true,
  params: true,
  result: true,
  error: true,
  createdBy: true,
  provinceId: true,
  attempts: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

function toRecord(j: JobEntity): JobRecord {
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    params: j.params,
    result: j.result,
    error: j.error,
    createdBy: j.createdBy,
    provinceId: j.provinceId,
    attempts: j.attempts,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** The `job` rows people follow, and the outbox rows that hand them to BullMQ. */
@Injectable()
export class JobsRepository {
  constructor(@InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>) {}

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
    const { id } = await m.save(JobEntity, {
      kind: job.kind,
      params: job.params,
      input: job.input ?? null,
      inputName: job.inputName ?? null,
      createdBy: job.createdBy,
      provinceId: job.provinceId,
    });
    const payload = { jobId: id } as JobPayloads[N];
    // The job id doubles as BullMQ's jobId: enqueued twice, it still runs once. The outbox is the
    // relay's queue table (claimed with FOR UPDATE SKIP LOCKED), written and read in SQL.
    await m.query(`INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ($1, $2, $3, $4)`, [
      JOB_QUEUES[job.kind],
      job.kind,
      id,
      JSON.stringify(payload),
    ]);
    return id;
  }

  /** A job the caller may see: national roles see all; others their provinces' jobs and their own. */
  async find(id: string, scope: ProvinceScope, userId: string): Promise<JobRecord | undefined> {
    const job = await this.jobs.findOne({
      select: RECORD_FIELDS,
      where:
        scope === null
          ? { id }
          : [
              { id, provinceId: In(scope) },
              { id, createdBy: userId },
            ],
    });
    return job ? toRecord(job) : undefined;
  }

  /** Marks a job started (again, on a retry) and returns it with its input; undefined when it has already finished. */
  async start(
    id: string,
  ): Promise<(JobRecord & { input: Buffer | null; inputName: string | null }) | undefined> {
    // One transaction: the row read back is the one this update started.
    return this.jobs.manager.transaction(async (m) => {
      const { affected } = await m.update(
        JobEntity,
        { id, state: In(['queued', 'active']) },
        { state: 'active', startedAt: () => 'now()', attempts: () => 'attempts + 1' },
      );
      if (!affected) return undefined;
      const job = await m.findOneByOrFail(JobEntity, { id });
      return { ...toRecord(job), input: job.input, inputName: job.inputName };
    });
  }

  /**
   * Records the result; inside the work's own transaction when given, so both commit together.
   * A finished job drops its uploaded file (an enrollment list holds names and CCCDs in clear).
   */
  async complete(id: string, result: object, m?: EntityManager): Promise<void> {
    await (m ?? this.jobs.manager).update(
      JobEntity,
      { id },
      { state: 'completed', result, error: null, input: null, finishedAt: () => 'now()' },
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.jobs.update(
      { id, state: Not('completed') },
      { state: 'failed', error, input: null, finishedAt: () => 'now()' },
    );
  }
}
