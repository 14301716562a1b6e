import { BadRequestException, ConflictException, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CSV_TYPE, toCsv, toXlsx, XLSX_TYPE, type ExportTable } from '../../spreadsheets/src';
import { BearerAuthGuard, CurrentUser, type AuthUser } from '../../auth/src';
import { JOB_QUEUES } from '../../queue/src';
import { provinceScope, UnitsService } from '../../units/src';
import { JobQueues } from './job-queues.service';
import { JobsRepository, type JobState } from './jobs.repository';

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
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<JobView> {
    const job = await this.jobs.find(id, await provinceScope(user, this.units), user.id);
    if (!job) throw new NotFoundException('No such job');
    let progress = job.state === 'completed' ? 100 : 0;
    if (job.state === 'active') progress = (await this.queues.progress(JOB_QUEUES[job.kind], id).catch(() => undefined)) ?? 0;
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      progress,
      params: job.params,
      result: job.result,
      error: job.error,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  }

  /**
   * A finished job's row errors as a file to fix and re-upload: row, the file's own column
   * header, the field and the reason. CSV (UTF-8 with BOM) or XLSX, both open in Excel.
   */
  @Get(':id/errors')
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  async errors(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('format') format = 'csv',
  ): Promise<Buffer> {
    if (format !== 'csv' && format !== 'xlsx') throw new BadRequestException('format must be csv or xlsx');
    const job = await this.jobs.find(id, await provinceScope(user, this.units), user.id);
    if (!job) throw new NotFoundException('No such job');
    const result = job.result as { errors?: { row: number; field: string; message: string }[]; columns?: Record<string, string> } | null;
    if (!result?.errors) throw new ConflictException(`The job is ${job.state}; its errors are known when it has completed`);
    const columns = result.columns ?? {};
    const table: ExportTable = {
      sheetName: 'Lỗi',
      notes: [`Lỗi của tệp ${String(job.params.fileName ?? '')}: ${result.errors.length} dòng`],
      header: ['Dòng (Row)', 'Cột (Column)', 'Trường (Field)', 'Lỗi (Reason)'],
      rows: result.errors.map((e) => [e.row, columns[e.field.split('.')[0]] ?? '', e.field, e.message]),
    };
    const name = `hocba-loi-${id.slice(0, 8)}.${format}`;
    void reply.header('Content-Type', format === 'csv' ? CSV_TYPE : XLSX_TYPE).header('Content-Disposition', `attachment; filename="${name}"`);
    return format === 'csv' ? toCsv(table) : toXlsx([table]);
  }
}
