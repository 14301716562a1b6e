import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { repeat } from '@hocba/jobs';

const COMPACT_EVERY_MS = 30_000;

/**
 * The funnel tally's upkeep (worker only). Each database connection adds to a shard of its own, so
 * rows grow with connections × cohorts × days; folding them into shard 0 every half minute keeps the
 * province report reading about one row per cohort and day. Reports are correct before and after:
 * they add every shard.
 */
@Injectable()
export class FunnelTallyCompactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FunnelTallyCompactor.name);
  private loop: { stop(): void } | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.loop = repeat(
      COMPACT_EVERY_MS,
      () => this.compact(),
      (error) => this.logger.warn(`Funnel tally compaction deferred: ${error.message}`),
    );
  }

  onApplicationShutdown(): void {
    this.loop?.stop();
  }

  /** Folds every shard no transaction is writing into shard 0; answers how many rows it folded. */
  async compact(): Promise<number> {
    const [{ moved }]: { moved: number }[] = await this.dataSource.query(
      'SELECT funnel_tally_compact() AS moved',
    );
    return Number(moved);
  }

  /** Recounts the tally from the seats (the operator's `progress rebuild` ends with it). */
  async rebuild(): Promise<void> {
    await this.dataSource.transaction((m) => m.query('SELECT funnel_tally_rebuild()'));
  }
}
