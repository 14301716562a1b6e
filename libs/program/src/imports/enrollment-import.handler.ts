import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { HandlesJob, JobsRepository, type JobContext, type JobHandler } from '@hocba/jobs';
import type { JobPayloads } from '@hocba/queue';
import { readTable, TableFormatError } from '@hocba/spreadsheets';
import { UnitsService } from '@hocba/units';
import { CohortsRepository, type Cohort } from '../cohorts.repository';
import { EnrollmentsService, type EnrollRow } from '../enrollments.service';
import { HeaderError, mapEnrollmentTable, type MappedRow } from './enrollment-columns';
import { IMPORT_MAX_ROWS } from './enrollment-import.service';

/**
 * Runs an enrollment import in the worker: reads the file, checks every row, writes the good ones
 * and the job's result in one transaction (or, for a dry run, rolls the writes back). A crash
 * before commit leaves nothing; the retry starts over; a second import of the same file changes nothing.
 */
@Injectable()
@HandlesJob('enrollment-import')
export class EnrollmentImportHandler implements JobHandler<'enrollment-import'> {
  private readonly logger = new Logger(EnrollmentImportHandler.name);

  constructor(
    private readonly jobs: JobsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsService,
    private readonly units: UnitsService,
  ) {}

  async run({ jobId }: JobPayloads['enrollment-import'], context: JobContext): Promise<void> {
    const job = await this.jobs.start(jobId);
    if (!job) return; // finished by an earlier run
    const params = job.params as {
      cohortId: string;
      dryRun: boolean;
      accountHomePage: string | null;
      fileName: string;
    };
    try {
      const cohort = await this.cohorts.find(params.cohortId, null);
      if (!cohort) throw new HeaderError('the cohort no longer exists');
      if (!job.input) throw new HeaderError('the uploaded file is missing');
      const table = await readTable(job.input, IMPORT_MAX_ROWS);
      const mapped = mapEnrollmentTable(table, params.accountHomePage ?? undefined);
      await context.progress(5);
      const rows = await this.checkProvinces(mapped.rows, cohort);
      const writer = await this.enrollments.writerOf(job.createdBy);
      const result = await this.enrollments.enroll(cohort, rows, writer, {
        dryRun: params.dryRun,
        onProgress: (fraction) => context.progress(5 + fraction * 90),
        afterWrite: async (m, r) => {
          if (!params.dryRun) await this.jobs.complete(jobId, this.summary(r, table.rows.length, mapped), m);
        },
      });
      if (params.dryRun) await this.jobs.complete(jobId, this.summary(result, table.rows.length, mapped));
      this.logger.log(
        `Import ${jobId}: ${table.rows.length} rows, ${result.created} created, ${result.updated} updated, ${result.errors.length} errors${params.dryRun ? ' (dry run)' : ''}`,
      );
    } catch (error) {
      const permanent = error instanceof HeaderError || error instanceof TableFormatError;
      if (permanent || context.attempt >= context.maxAttempts)
        await this.jobs.fail(jobId, permanent ? error.message : 'the import failed; try again later');
      if (permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** A province column, when the file has one, must name the cohort's province (either map, any spelling). */
  private async checkProvinces(rows: MappedRow[], cohort: Cohort): Promise<EnrollRow[]> {
    const reach = new Set(await this.units.reach([cohort.provinceId]));
    const verdicts = new Map<string, string | undefined>();
    for (const name of new Set(rows.flatMap((r) => (r.province ? [r.province] : [])))) {
      const unit = await this.units.resolveProvince(name, 'province').catch(() => undefined);
      verdicts.set(
        name,
        !unit
          ? `province "${name}" is not a known province name or code`
          : reach.has(unit.id)
            ? undefined
            : `province "${name}" is not the cohort's province (${cohort.province})`,
      );
    }
    return rows.map((r) => {
      const problem = r.province ? verdicts.get(r.province) : undefined;
      return {
        row: r.row,
        raw: r.raw,
        errors: problem ? [...r.errors, { row: r.row, field: 'province', message: problem }] : r.errors,
      };
    });
  }

  private summary(
    result: Awaited<ReturnType<EnrollmentsService['enroll']>>,
    rows: number,
    mapped: ReturnType<typeof mapEnrollmentTable>,
  ) {
    return { ...result, rows, columns: mapped.headers, ignoredColumns: mapped.unknownHeaders };
  }
}
