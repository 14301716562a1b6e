import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { sameStatement, type JsonObject } from '@hocba/xapi';
import { Metrics } from '@hocba/metrics';
import { LrsError } from '../lrs.errors';
import { stampRows, type StatementRow, type StoredAttachment } from './statement-row';
import { OnStatementsStored, type StatementHook } from './statement-hook';
import { StatementsRepository } from './statements.repository';

/** One request's validated statements, waiting to be written. */
export interface WriteJob {
  rows: StatementRow[];
  /** The statements as the client sent them, to compare with a stored statement of the same id. */
  originals: JsonObject[];
  voidTargets: string[];
  attachments: StoredAttachment[];
}

interface Pending extends WriteJob {
  queuedAt: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** Transactions writing at once; each takes everything that queued while the others ran. */
const CONCURRENT_GROUPS = 4;
/** Statements one group transaction may carry. */
const MAX_GROUP_STATEMENTS = 5000;

/**
 * Group commit: requests that arrive while a transaction is running are written together in the
 * next one, so 64 clients sending one statement each cost a few commits, not 64. Each request
 * still succeeds or fails alone: when a group fails, its requests are retried one by one, so a 409
 * for one never touches another. A request is answered only after its transaction committed.
 *
 * Several transactions run at once, here and in other instances, and commit in any order: `stored`
 * is taken by the database inside each one, and readers learn from the database which writes are
 * still in flight (StatementsRepository.insert, consistentThrough; docs/scaling.md).
 */
@Injectable()
export class StatementWriter implements OnModuleInit {
  private readonly queue: Pending[] = [];
  private running = 0;
  /** The @OnStatementsStored providers of the application (learner progress). */
  private hooks: StatementHook[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StatementsRepository,
    private readonly discovery: DiscoveryService,
    // Absent in the operators' command line and the worker, which have no /metrics.
    @Optional() private readonly metrics?: Metrics,
  ) {}

  onModuleInit(): void {
    const found = this.discovery.getProviders({ metadataKey: OnStatementsStored.KEY });
    // A hook provided by two modules would be two instances, each folding every statement.
    const names = found.map((w) => w.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0)
      throw new Error(`Statement hook ${twice.join(', ')} is provided by more than one module`);
    this.hooks = found.flatMap((w) => (w.instance ? [w.instance as StatementHook] : []));
  }

  write(job: WriteJob): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...job, queuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < CONCURRENT_GROUPS && this.queue.length > 0) {
      const group = this.takeGroup();
      this.running++;
      void this.flush(group).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /**
   * Takes queued jobs in order up to the size limit. A job that shares a statement id with one
   * already in the group waits for the next group: one INSERT must not see the same id twice, or
   * the second copy would never be compared with the first.
   */
  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    const ids = new Set<string>();
    let size = 0;
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i];
      if (group.length > 0 && size + job.rows.length > MAX_GROUP_STATEMENTS) break;
      if (job.rows.some((r) => ids.has(r.id))) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      group.push(job);
      size += job.rows.length;
      for (const r of job.rows) ids.add(r.id);
    }
    return group;
  }

  private async flush(group: Pending[]): Promise<void> {
    if (this.metrics) {
      const now = performance.now();
      for (const job of group) this.metrics.statementQueueWait.observe((now - job.queuedAt) / 1000);
    }
    try {
      await this.transaction(group);
      for (const job of group) job.resolve();
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      // Someone's request failed the group: write each alone so only that one fails.
      for (const job of group) {
        await this.transaction([job]).then(job.resolve, job.reject);
      }
    }
  }

  private async transaction(jobs: WriteJob[]): Promise<void> {
    const rows = jobs.flatMap((j) => j.rows);
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const { existing, stored } = await this.repository.insert(runner, rows);
      if (existing.size > 0) await this.checkSame(runner.manager, jobs, existing);
      const voidTargets = jobs.flatMap((j) => j.voidTargets);
      if (voidTargets.length > 0) await this.repository.markVoided(runner.manager, voidTargets);
      await this.repository.saveAttachments(
        runner.manager,
        jobs.flatMap((j) => j.attachments),
      );
      const fresh = existing.size === 0 ? rows : rows.filter((r) => !existing.has(r.id));
      if (stored !== undefined) stampRows(fresh, stored);
      // Later features (learner progress, outbox rows) join the same transaction here.
      for (const hook of this.hooks) await hook.onStatementsStored(runner.manager, fresh);
      await runner.commitTransaction();
      this.metrics?.statementTransaction.observe((performance.now() - started) / 1000);
      this.metrics?.statementGroupSize.observe(rows.length);
    } catch (error) {
      // A rollback on a connection the server already closed fails too: the original error is the one
      // that says what happened (the server rolls the transaction back itself when a session dies).
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Statements whose id was already stored must be the same statement (immutability), else 409. */
  private async checkSame(manager: QueryManager, jobs: WriteJob[], existing: Set<string>): Promise<void> {
    const bodies = await this.repository.bodiesByIds(manager, [...existing]);
    for (const job of jobs) {
      job.rows.forEach((row, i) => {
        const body = bodies.get(row.id);
        if (body !== undefined && !sameStatement(job.originals[i], JSON.parse(body) as JsonObject)) {
          throw new LrsError(
            'lrs.conflict',
            `A different statement with id ${row.id} is already stored; statements are immutable`,
          );
        }
      });
    }
  }
}

type QueryManager = Parameters<StatementsRepository['bodiesByIds']>[0];
