import type { JobsOptions } from 'bullmq';

/**
 * Every queue and job the service knows. The string values are stored in Redis and in the outbox
 * table: NEVER rename one; add new names instead.
 */
export enum QueueName {
  Imports = 'imports',
  Certificates = 'certificates',
  Reports = 'reports',
}

/** Job name → its payload. Payloads carry ids, never whole records (they live in PostgreSQL). */
export interface JobPayloads {
  'enrollment-import': { jobId: string };
  /** Renders and stores one requested certificate. */
  'certificate-render': { certificateId: string };
  /** A coordinator's "issue to all who qualify" for a cohort (a `job` row people follow). */
  'cohort-certificates': { jobId: string };
  /** A ZIP of a cohort's issued certificates, built for download (a `job` row people follow). */
  'certificates-zip': { jobId: string };
  /** The weekly report pack of the ISO week before the job's time (a repeatable job, Mondays). */
  'weekly-report-pack': Record<string, never>;
  /** A report pack for a week a national admin chose (a `job` row people follow). */
  'report-pack': { jobId: string };
}

export type JobName = keyof JobPayloads;

/** The queue each job runs on. The worker refuses to start unless each has exactly one handler. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  'enrollment-import': QueueName.Imports,
  'certificate-render': QueueName.Certificates,
  'cohort-certificates': QueueName.Certificates,
  'certificates-zip': QueueName.Certificates,
  'weekly-report-pack': QueueName.Reports,
  'report-pack': QueueName.Reports,
};

/** Retries with backoff for transient faults (a database restart); bounded retention in Redis. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};
