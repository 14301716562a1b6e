import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { HocbaConfig } from '@hocba/config';
import { createRedisConnection, JOB_QUEUES, type JobName, type QueueName } from '@hocba/queue';
import { JOB_HANDLER, type JobHandler } from './job-handler';
import { OutboxRelay } from './outbox-relay.service';
import { repeat } from './repeat';

const RELAY_EVERY_MS = 2_000;

/**
 * The consumer side, in the worker process only: finds the @HandlesJob providers, refuses to start
 * unless every job of the catalogue has exactly one, runs a BullMQ Worker per queue, and relays the
 * outbox on a timer.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private relayLoop: { stop(): void } | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly relay: OutboxRelay,
    private readonly config: HocbaConfig,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = this.handlers();
    const queues = new Set(Object.values(JOB_QUEUES));
    for (const queue of queues) {
      // Workers block on their connection: each gets its own, closed by us at shutdown.
      const connection = createRedisConnection(this.config.redisUrl);
      this.connections.push(connection);
      const worker = new Worker(queue, (job: Job) => this.process(handlers, job), {
        connection,
        prefix: this.config.HOCBA_QUEUE_PREFIX,
        concurrency: this.config.HOCBA_WORKER_CONCURRENCY,
      });
      worker.on('error', (error) => this.logger.warn(`Queue ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    this.relayLoop = repeat(
      RELAY_EVERY_MS,
      () => this.relay.relay(),
      (error) => this.logger.warn(`Outbox relay deferred: ${error.message}`),
      { now: true },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.relayLoop?.stop();
    await Promise.all(this.workers.map((w) => w.close()));
    for (const c of this.connections) c.disconnect();
  }

  private handlers(): Map<JobName, JobHandler> {
    const found = new Map<JobName, JobHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const name =
        wrapper.metatype && (Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as JobName | undefined);
      if (name && wrapper.instance)
        found.set(name, [...(found.get(name) ?? []), wrapper.instance as JobHandler]);
    }
    const problems: string[] = [];
    for (const name of Object.keys(JOB_QUEUES) as JobName[]) {
      const count = found.get(name)?.length ?? 0;
      if (count !== 1) problems.push(`job "${name}" has ${count} handlers; it needs exactly one`);
    }
    for (const name of found.keys())
      if (!(name in JOB_QUEUES)) problems.push(`handler for unknown job "${name}"`);
    if (problems.length > 0) throw new Error(`Job handlers: ${problems.join('; ')}`);
    return new Map([...found].map(([name, list]) => [name, list[0]]));
  }

  private async process(handlers: Map<JobName, JobHandler>, job: Job): Promise<void> {
    const handler = handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job "${job.name}" on queue ${job.queueName as QueueName}`);
    const started = Date.now();
    this.logger.log(`Job ${job.name} ${job.id} started (attempt ${job.attemptsMade + 1})`);
    try {
      await handler.run(job.data, {
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        createdAt: new Date(job.timestamp),
        progress: (percent) => job.updateProgress(Math.max(0, Math.min(100, Math.round(percent)))),
      });
    } catch (error) {
      // Messages only: PostgreSQL puts row values (personal data) in `detail`, never in the message.
      this.logger.warn(
        `Job ${job.name} ${job.id} failed after ${Date.now() - started} ms (attempt ${job.attemptsMade + 1}): ${(error as Error).message}`,
      );
      throw error;
    }
    this.logger.log(`Job ${job.name} ${job.id} done in ${Date.now() - started} ms`);
  }
}
