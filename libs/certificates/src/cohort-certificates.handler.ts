import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobsRepository, type JobHandler } from '@hocba/jobs';
import type { JobPayloads } from '@hocba/queue';
import { CertificatesRepository } from './certificates.repository';

/**
 * "Issue to all who qualify" for a cohort: requests a certificate for every enrollment that meets
 * its course's rule and has none, and records how many, in one transaction (a rerun requests none twice).
 */
@Injectable()
@HandlesJob('cohort-certificates')
export class CohortCertificatesHandler implements JobHandler<'cohort-certificates'> {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly certificates: CertificatesRepository,
    private readonly dataSource: DataSource,
  ) {}

  async run({ jobId }: JobPayloads['cohort-certificates']): Promise<void> {
    const job = await this.jobs.start(jobId);
    if (!job) return;
    const { cohortId } = job.params as { cohortId: string };
    await this.dataSource.transaction(async (m) => {
      const eligible = await this.certificates.eligibleInCohort(m, cohortId);
      const requested = await this.certificates.request(m, eligible, {
        automatic: false,
        requestedBy: job.createdBy,
      });
      await this.jobs.complete(jobId, { eligible: eligible.length, requested: requested.length }, m);
    });
  }
}
