import { Controller, Get, Param, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiTableResponse, tableDownload, type ExportTable } from '@hocba/spreadsheets';
import { BearerAuthGuard, CurrentUser, type AuthUser } from '@hocba/auth';
import { JOB_QUEUES } from '@hocba/queue';
import { provinceScope, UnitsService } from '@hocba/units';
import { JobViewDto } from './dto/job.dto';
import { invalidField } from '@hocba/errors';
import { JobQueues } from './job-queues.service';
import { JobsRepository, type JobRecord, type JobState } from './jobs.repository';
import { JobError } from './jobs.errors';

export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  /** 0-100; 100 once completed. */
  progress: number;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Lists longer than this come abridged in the job's JSON; the files carry them whole. */
const LIST_LIMIT = 1_000;

function abridged(result: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...result };
  for (const key of ['errors', 'notices', 'changes']) {
    const list = result[key];
    if (Array.isArray(list) && list.length > LIST_LIMIT) {
      out[key] = list.slice(0, LIST_LIMIT);
      out[`${key}Truncated`] = true;
    }
  }
  return out;
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/v1/jobs')
@UseGuards(BearerAuthGuard)
export class JobsController {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly queues: JobQueues,
    private readonly units: UnitsService,
  ) {}

  /** A job's state, progress and result; 404 for a job outside the caller's provinces. */
  @Get(':id')
  @ApiOkResponse({ type: JobViewDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<JobView> {
    const job = await this.jobs.find(id, await provinceScope(user, this.units), user.id);
    if (!job) throw new JobError('job.not_found', 'No such job');
    let progress = job.state === 'completed' ? 100 : 0;
    if (job.state === 'active')
      progress = (await this.queues.progress(JOB_QUEUES[job.kind], id).catch(() => undefined)) ?? 0;
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      progress,
      params: job.params,
      result: job.result && abridged(job.result),
      error: job.error,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  }

  /**
   * A finished job's row errors as a file to fix and re-upload: row, the file's own column
   * header, the field and the reason. CSV (UTF-8 with BOM) or XLSX, both open in Excel. Notices
   * (rows applied, but a field not changed) are listed with them, their reason saying so: they
   * too ask the coordinator to look, and re-uploading such a row changes nothing.
   */
  @Get(':id/errors')
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  @ApiTableResponse({ description: "The job's row errors and notices, as format asks (CSV by default)." })
  @ApiConflictResponse({ description: 'The job has not completed yet.' })
  errors(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('format') format = 'csv',
  ): Promise<Buffer> {
    return this.resultFile(id, user, reply, format, 'errors', (job, result) => {
      const columns = (result.columns ?? {}) as Record<string, string>;
      type Entry = { row: number; field: string; message: string };
      const errors = result.errors as Entry[];
      const notices = (result.notices ?? []) as Entry[];
      return {
        sheetName: 'Lỗi',
        notes: [
          `Lỗi của tệp ${String(job.params.fileName ?? '')}: ${errors.length} dòng` +
            (notices.length > 0 ? `; ${notices.length} lưu ý (đã ghi danh, không đổi thông tin)` : ''),
        ],
        header: ['Dòng (Row)', 'Cột (Column)', 'Trường (Field)', 'Lỗi (Reason)'],
        rows: [...errors, ...notices]
          .sort((a, b) => a.row - b.row)
          .map((e) => [e.row, columns[e.field.split('.')[0]] ?? '', e.field, e.message]),
      };
    });
  }

  /** What a finished job changed (or, for a dry run, would change), row by row. */
  @Get(':id/changes')
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  @ApiTableResponse({ description: 'What the job changed, row by row, as format asks (CSV by default).' })
  @ApiConflictResponse({ description: 'The job has not completed yet.' })
  changes(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('format') format = 'csv',
  ): Promise<Buffer> {
    return this.resultFile(id, user, reply, format, 'changes', (job, result) => {
      const dryRun = result.dryRun === true;
      const changes = result.changes as { row: number; action: string }[];
      const words: Record<string, string> = dryRun
        ? { created: 'sẽ thêm (would create)', updated: 'sẽ cập nhật (would update)' }
        : { created: 'đã thêm (created)', updated: 'đã cập nhật (updated)' };
      return {
        sheetName: 'Thay đổi',
        notes: [
          `${dryRun ? 'Chạy thử (dry run), chưa ghi gì' : 'Đã ghi'}: tệp ${String(job.params.fileName ?? '')}, ${changes.length} dòng thay đổi`,
        ],
        header: ['Dòng (Row)', 'Thay đổi (Change)'],
        rows: changes.map((c) => [c.row, words[c.action] ?? c.action]),
      };
    });
  }

  private async resultFile(
    id: string,
    user: AuthUser,
    reply: FastifyReply,
    format: string,
    list: 'errors' | 'changes',
    build: (job: JobRecord, result: Record<string, unknown>) => ExportTable,
  ): Promise<Buffer> {
    if (format !== 'csv' && format !== 'xlsx')
      throw invalidField('format', 'isIn', 'format must be csv or xlsx');
    const job = await this.jobs.find(id, await provinceScope(user, this.units), user.id);
    if (!job) throw new JobError('job.not_found', 'No such job');
    if (!Array.isArray(job.result?.[list]))
      throw new JobError(
        'job.not_finished',
        `The job is ${job.state}; its ${list} are known when it has completed`,
        {
          params: { state: job.state },
        },
      );
    return tableDownload(reply, format, `hocba-${list}-${id.slice(0, 8)}`, build(job, job.result));
  }
}
