import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from '@hocba/queue';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

export interface JobContext {
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** When the job was created (for a repeatable job: the time it was scheduled for). */
  createdAt: Date;
  /** Reports progress (0-100) for GET /api/v1/jobs/{id}. */
  progress(percent: number): Promise<void>;
}

/** Runs one kind of job. Must be idempotent: BullMQ may run a job again after a crash. */
export interface JobHandler<N extends JobName = JobName> {
  run(payload: JobPayloads[N], context: JobContext): Promise<void>;
}

/** Marks a provider as the handler of a job; only the worker's modules provide handlers. */
export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER, name);
