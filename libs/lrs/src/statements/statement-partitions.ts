import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { repeat } from '@hocba/jobs';

const EVERY_MS = 6 * 60 * 60_000;
/** Months created ahead of the current one: a worker down for weeks still leaves months to write in. */
const MONTHS_AHEAD = 3;

/**
 * Runs in the worker: keeps the statements' monthly partitions created ahead of time
 * (`statement_partitions_ensure`, migration 1765400000000). Several workers take turns on an
 * advisory lock. The attach waits at most a few seconds for a lock: a long statement query holding the
 * default partition defers it to the next round instead of stalling writes queued behind it.
 */
@Injectable()
export class StatementPartitionKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatementPartitionKeeper.name);
  private loop: { stop(): void } | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.loop = repeat(
      EVERY_MS,
      () => this.ensure(),
      (error) => this.logger.warn(`Statement partitions not created yet: ${error.message}`),
      { now: true },
    );
  }

  onApplicationShutdown(): void {
    this.loop?.stop();
  }

  /**
   * Creates the missing months from `from` to `to` (by default this month and MONTHS_AHEAD more),
   * moving their rows out of the default partitions; answers how many tables it made.
   */
  async ensure(from: Date = new Date(), to: Date = monthsAfter(new Date(), MONTHS_AHEAD)): Promise<number> {
    const made = await this.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL lock_timeout = '5s'`);
      const [{ made }]: { made: number }[] = await m.query(
        'SELECT statement_partitions_ensure($1, $2) AS made',
        [from, to],
      );
      return Number(made);
    });
    if (made > 0) this.logger.log(`Created ${made} statement partitions`);
    return made;
  }
}

function monthsAfter(date: Date, months: number): Date {
  const later = new Date(date);
  later.setUTCMonth(later.getUTCMonth() + months);
  return later;
}
