import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ZipFile } from 'yazl';
import { HandlesJob, JobsRepository, type JobContext, type JobHandler } from '@hocba/jobs';
import type { JobPayloads } from '@hocba/queue';
import { toXlsx } from '@hocba/spreadsheets';
import { CertificateStore } from './certificate-store';
import { CertificatesRepository } from './certificates.repository';
import { manifestTable } from './certificates.service';

/**
 * Builds a ZIP of a cohort's issued certificates (the stored bytes, one file per certificate named
 * by its number, and the manifest) and stores it for download, streamed: each PDF is read as the
 * archive reaches it, whatever the cohort's size. A rerun builds it again under the same name.
 */
@Injectable()
@HandlesJob('certificates-zip')
export class CertificatesZipHandler implements JobHandler<'certificates-zip'> {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly certificates: CertificatesRepository,
    private readonly store: CertificateStore,
  ) {}

  async run({ jobId }: JobPayloads['certificates-zip'], context: JobContext): Promise<void> {
    const job = await this.jobs.start(jobId);
    if (!job) return;
    const { cohortId, cohortTitle } = job.params as { cohortId: string; cohortTitle: string };
    const all = await this.certificates.listByCohort(cohortId, null);
    const issued = all.filter((c) => c.state === 'issued' && c.storageKey);
    const zip = new ZipFile();
    const key = `archives/${jobId}.zip`;
    // A file that cannot be read fails the archive (and the job, to be retried), not the process.
    zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
    const written = this.store.putStream(key, zip.outputStream);
    zip.addBuffer(await toXlsx([manifestTable(all, cohortTitle)]), 'danh-sach-giay-chung-nhan.xlsx');
    let done = 0;
    for (const c of issued) {
      // Fetched when the archive reaches it, one at a time; PDFs are compressed already: stored as they are.
      zip.addReadStreamLazy(`${c.number}.pdf`, { compress: false, size: c.size ?? undefined }, (ready) => {
        this.store.stream(c.storageKey!).then(
          (file) => {
            file.once('end', () => {
              done++;
              if (done % 200 === 0)
                void context.progress(Math.floor((done / issued.length) * 99)).catch(() => undefined);
            });
            ready(null, file);
          },
          (error: Error) => ready(error, undefined as unknown as NodeJS.ReadableStream),
        );
      });
    }
    zip.end();
    const size = await written;
    await this.jobs.complete(jobId, {
      certificates: issued.length,
      size,
      download: `/api/v1/cohorts/${cohortId}/certificates.zip?jobId=${jobId}`,
    });
  }
}
