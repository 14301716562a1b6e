import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, type QueueName } from '@hocba/queue';
import { JobQueues } from './job-queues.service';

const BATCH = 100;
/** Redis commands wait while it is down; give up on this round rather than hold the transaction. */
const ADD_TIMEOUT_MS = 5_000;

/**
 * Hands committed outbox rows to BullMQ. Called after a commit (the API, at once) and every few
 * seconds by the worker (whatever a Redis outage or a crash left behind). Rows are locked with
 * SKIP LOCKED so several instances relay in parallel without sending a row twice; a row sent twice
 * anyway (a crash between add and commit) is harmless, because its jobId is deterministic.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  /** Relays in the background; never throws (what fails now, the worker's next round picks up). */
  kick(): void {
    void this.relay().catch((error: Error) => this.logger.warn(`Outbox relay deferred: ${error.message}`));
  }

  /** Relays pending rows until none are left; returns how many were sent. One round at a time per process. */
  relay(): Promise<number> {
    this.running ??= this.relayAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; queue: QueueName; job_name: string; job_id: string; payload: object }[] =
        await m.query(
          `SELECT id, queue, job_name, job_id, payload FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
      for (const row of rows) {
        const add = this.queues
          .get(row.queue)
          .add(row.job_name, row.payload, { ...DEFAULT_JOB_OPTIONS, jobId: row.job_id });
        add.catch(() => undefined); // awaited below; this only keeps a late failure from going unhandled
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>(
          (_, reject) =>
            (timer = setTimeout(() => reject(new Error('Redis did not answer')), ADD_TIMEOUT_MS)),
        );
        try {
          await Promise.race([add, timeout]);
        } finally {
          clearTimeout(timer);
        }
      }
      if (rows.length > 0)
        await m.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
      return rows.length;
    });
  }
}
