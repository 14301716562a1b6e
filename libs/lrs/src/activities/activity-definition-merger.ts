import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ActivitiesRepository } from './activities.repository';

const INTERVAL_MS = 5_000;
const BATCH = 2_000;
/** Longer than any statement transaction lasts, so that a lower seq cannot commit behind the watermark. */
const SETTLE_MS = 60_000;

/** Runs in the worker: keeps the stored activity definitions close behind the statements. */
@Injectable()
export class ActivityDefinitionMerger implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ActivityDefinitionMerger.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly activities: ActivitiesRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.catchUp().finally(() => (this.running = undefined));
    }, INTERVAL_MS);
    this.timer.unref();
  }

  /** Before any module's shutdown: the database this pass reads must still be open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Merges until nothing settled is left; returns how many statements it read. */
  async catchUp(settleMs = SETTLE_MS): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const { read, more } = await this.activities.mergeNext(BATCH, settleMs);
        total += read;
        if (!more) break;
      }
    } catch (error) {
      this.logger.error(`Merging activity definitions failed; will retry: ${(error as Error).message}`);
    }
    return total;
  }
}
