import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HocbaConfig } from '@hocba/config';
import { JobHandlers } from './job-handlers.service';
import { OutboxRelay } from './outbox-relay.service';
import { QUEUE_PROCESSORS } from './queue.processors';
import { repeat } from './repeat';

const RELAY_EVERY_MS = 2_000;

/**
 * The consumer side, in the worker process only: refuses to start unless every job of the catalogue
 * has exactly one handler, then starts each queue's processor, and relays the outbox on a timer.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private relayLoop: { stop(): void } | undefined;

  constructor(
    private readonly handlers: JobHandlers,
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    private readonly config: HocbaConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers.check();
    for (const type of Object.values(QUEUE_PROCESSORS)) {
      const { worker } = this.moduleRef.get(type);
      worker.concurrency = this.config.HOCBA_WORKER_CONCURRENCY;
      // Resolves when the worker is closed (at shutdown, by @nestjs/bullmq).
      worker
        .run()
        .catch((error: Error) => this.logger.error(`Queue ${worker.name} stopped: ${error.message}`));
    }
    this.relayLoop = repeat(
      RELAY_EVERY_MS,
      () => this.relay.relay(),
      (error) => this.logger.warn(`Outbox relay deferred: ${error.message}`),
      { now: true },
    );
  }

  onApplicationShutdown(): void {
    this.relayLoop?.stop();
  }
}
