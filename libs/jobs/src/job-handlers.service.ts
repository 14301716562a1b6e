import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_QUEUES, type JobName, type QueueName } from '@hocba/queue';
import { JOB_HANDLER, type JobHandler } from './job-handler';

/**
 * The @HandlesJob providers of the worker, by job name: several jobs share a queue (the queue's
 * processor hands each job here), and every job of the catalogue must have exactly one handler.
 */
@Injectable()
export class JobHandlers {
  private readonly logger = new Logger(JobHandlers.name);
  private handlers: Map<JobName, JobHandler> | undefined;

  constructor(private readonly discovery: DiscoveryService) {}

  /** Finds the handlers; throws, naming each problem, unless every job has exactly one. */
  check(): void {
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
    this.handlers = new Map([...found].map(([name, list]) => [name, list[0]]));
  }

  /** Runs a job by its handler, logging its start and end (ids and durations only). */
  async run(job: Job): Promise<void> {
    const handler = this.handlers?.get(job.name as JobName);
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
