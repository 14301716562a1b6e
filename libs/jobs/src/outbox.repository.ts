import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JOB_QUEUES, type JobName, type JobPayloads } from '@hocba/queue';

/**
 * The outbox: work handed to BullMQ only once the transaction that asked for it commits (the relay
 * sends it, OutboxRelay). Other libs add rows through here, in their own transaction; the table is
 * the relay's queue (claimed with FOR UPDATE SKIP LOCKED), written and read in SQL.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Rows asking for jobs of one name, in the caller's transaction, in one statement however many.
   * `jobId` doubles as BullMQ's job id: a row sent twice still runs once.
   */
  async add<N extends JobName>(
    m: EntityManager | DataSource,
    name: N,
    jobs: { jobId: string; payload: JobPayloads[N] }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await m.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload)
       SELECT $1, $2, v.job_id, v.payload FROM unnest($3::text[], $4::jsonb[]) AS v(job_id, payload)`,
      [JOB_QUEUES[name], name, jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.payload))],
    );
  }

  /** Rows not yet handed to the queues (the backlog /metrics shows). */
  async waiting(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`,
    );
    return row.n;
  }
}
