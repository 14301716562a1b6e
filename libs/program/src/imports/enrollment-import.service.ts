import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@hocba/auth';
import { JobsRepository, OutboxRelay } from '@hocba/jobs';
import { invalidField } from '@hocba/errors';
import type { Cohort } from '../cohorts.repository';
import { ProgramError } from '../program.errors';
import { UploadError } from './upload';

/** Largest enrollment file accepted, in bytes and in rows. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;

export interface ImportRequest {
  file: Buffer;
  fileName: string;
  dryRun: boolean;
  /** The platform of the accounts in the file when it has no platform column. */
  accountHomePage?: string;
}

/** Accepts an enrollment file: stores it with a job in one transaction; the worker does the rest. */
@Injectable()
export class EnrollmentImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async submit(cohort: Cohort, request: ImportRequest, user: AuthUser): Promise<{ jobId: string }> {
    if (!/\.(xlsx|csv)$/i.test(request.fileName))
      throw new ProgramError('import.file_type', `file "${request.fileName}" must be an .xlsx or .csv file`, {
        field: 'file',
        params: { fileName: request.fileName },
      });
    if (request.file.length === 0)
      throw new UploadError('upload.empty_file', 'file is empty', { field: 'file' });
    if (request.file.length > IMPORT_MAX_BYTES)
      throw new UploadError(
        'upload.file_too_large',
        `file must be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MiB`,
        {
          field: 'file',
          params: { limitMiB: IMPORT_MAX_BYTES / 1024 / 1024 },
        },
      );
    if (request.accountHomePage !== undefined && !/^https?:\/\/\S+$/.test(request.accountHomePage)) {
      throw invalidField(
        'accountHomePage',
        'isUrl',
        'accountHomePage must be the platform URL (http or https)',
      );
    }
    const jobId = await this.dataSource.transaction((m) =>
      this.jobs.create(m, {
        kind: 'enrollment-import',
        params: {
          cohortId: cohort.id,
          cohortCode: cohort.code,
          dryRun: request.dryRun,
          fileName: request.fileName,
          accountHomePage: request.accountHomePage ?? null,
        },
        input: request.file,
        inputName: request.fileName,
        createdBy: user.id,
        provinceId: cohort.provinceId,
      }),
    );
    this.relay.kick();
    return { jobId };
  }
}
