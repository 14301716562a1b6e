import { Injectable, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '@hocba/queue';
import { JobHandlers } from './job-handlers.service';

/**
 * A queue's consumer: @nestjs/bullmq makes its BullMQ Worker (closed at shutdown), each job goes to
 * its handler. Not started on its own (autorun: false): the JobRunner starts it once every job has
 * its handler, with the configured concurrency. @Injectable so that its constructor's types are kept
 * for the processors below, which inherit it.
 */
@Injectable()
abstract class QueueProcessor extends WorkerHost {
  private readonly logger = new Logger('QueueProcessor');

  constructor(private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<void> {
    return this.handlers.run(job);
  }

  // A Redis outage must not crash the worker: BullMQ reconnects, the log says why jobs wait.
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Queue ${this.worker.name}: ${error.message}`);
  }
}

@Processor(QueueName.Imports, { autorun: false })
export class ImportsProcessor extends QueueProcessor {}

@Processor(QueueName.Certificates, { autorun: false })
export class CertificatesProcessor extends QueueProcessor {}

@Processor(QueueName.Reports, { autorun: false })
export class ReportsProcessor extends QueueProcessor {}

/** One processor per queue: a queue added to the catalogue without one does not compile. */
export const QUEUE_PROCESSORS: Record<QueueName, Type<QueueProcessor>> = {
  [QueueName.Imports]: ImportsProcessor,
  [QueueName.Certificates]: CertificatesProcessor,
  [QueueName.Reports]: ReportsProcessor,
};
