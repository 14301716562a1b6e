import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HocbaConfig } from '@hocba/config';
import { JobQueues, repeat } from '@hocba/jobs';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUES } from '@hocba/queue';
import { CertificatesRepository } from './certificates.repository';

const BATCH = 500;

/**
 * The worker's guarantee that every requested certificate gets rendered: Redis may lose queued jobs
 * (a restart without persistence) and a job may fail its last attempt while the database was away.
 * Certificates pending for longer than HOCBA_CERTIFICATE_RECHECK_SECONDS get their job back (a
 * failed one retried, a missing one added under the same id); rendering is idempotent.
 */
@Injectable()
export class CertificateReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateReconciler.name);
  private loop: { stop(): void } | undefined;

  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly queues: JobQueues,
    private readonly config: HocbaConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = repeat(
      this.config.HOCBA_CERTIFICATE_RECHECK_SECONDS * 1000,
      () => this.recheck(),
      (error) => this.logger.warn(`Certificate recheck deferred: ${error.message}`),
    );
  }

  onApplicationShutdown(): void {
    this.loop?.stop();
  }

  /** Hands stale pending certificates back to the queue; answers how many. */
  async recheck(): Promise<number> {
    const ids = await this.certificates.stalePending(this.config.HOCBA_CERTIFICATE_RECHECK_SECONDS, BATCH);
    const queue = this.queues.get(JOB_QUEUES['certificate-render']);
    let handed = 0;
    for (const certificateId of ids) {
      const jobId = `certificate-${certificateId}`;
      const job = await queue.getJob(jobId);
      if (job && (await job.isFailed())) {
        await job.retry();
        handed++;
      } else if (!job || (await job.isCompleted())) {
        // A completed job left the certificate pending only if its write was lost: run it again.
        await job?.remove();
        await queue.add('certificate-render', { certificateId }, { ...DEFAULT_JOB_OPTIONS, jobId });
        handed++;
      }
    }
    if (handed > 0) this.logger.log(`${handed} pending certificates handed back to the queue`);
    return handed;
  }
}
