import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { CertificateStore } from '@hocba/certificates';
import {
  HandlesJob,
  JobAcceptedDto,
  JobQueues,
  JobsRepository,
  OutboxRelay,
  type JobContext,
  type JobHandler,
} from '@hocba/jobs';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUES, type JobPayloads } from '@hocba/queue';
import { ApiFileResponse, XLSX_TYPE } from '@hocba/spreadsheets';
import { vietnamDay } from '@hocba/units';
import { previousWeek, weekBounds, weekLabel } from './iso-week';
import { ReportPackBuilder } from './report-pack.builder';
import { ReportPacksRepository } from './report-packs.repository';
import { TrainingError } from './training.errors';

/** Mondays at 06:00 in Hà Nội: the pack of the week that just ended. */
export const WEEKLY_PACK_SCHEDULE = { pattern: '0 6 * * 1', tz: 'Asia/Ho_Chi_Minh' };

const ISO_WEEK = /^\d{4}-W\d{2}$/;

class BuildPackDto {
  @ApiProperty({ pattern: ISO_WEEK.source, description: 'An ISO week that has ended.', example: '2026-W47' })
  @Matches(ISO_WEEK, { message: 'week must be an ISO week such as 2022-W39' })
  week: string;
}

class ReportPackDto {
  @ApiProperty({ pattern: ISO_WEEK.source, example: '2026-W47' })
  week: string;

  @ApiProperty({ example: 'Tuần 47/2026' })
  label: string;

  @ApiProperty({ format: 'date', example: '2026-11-16' })
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2026-11-22' })
  endsOn: string;

  @ApiProperty({
    enum: ['legacy', 'current'],
    description: 'The province map the pack uses.',
    example: 'current',
  })
  era: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T06:00:04.000Z' })
  builtAt: string;

  @ApiProperty({ description: 'Where to download the XLSX.', example: '/api/v1/report-packs/2026-W47.xlsx' })
  xlsx: string;

  @ApiProperty({ description: 'Where to download the PDF.', example: '/api/v1/report-packs/2026-W47.pdf' })
  pdf: string;
}

/** The scheduled job: the week before the time it was scheduled for. */
@Injectable()
@HandlesJob('weekly-report-pack')
export class WeeklyReportPackHandler implements JobHandler<'weekly-report-pack'> {
  constructor(private readonly builder: ReportPackBuilder) {}

  async run(_: JobPayloads['weekly-report-pack'], context: JobContext): Promise<void> {
    await this.builder.build(previousWeek(context.createdAt), null);
  }
}

/** A pack a national admin asked for. */
@Injectable()
@HandlesJob('report-pack')
export class ReportPackHandler implements JobHandler<'report-pack'> {
  constructor(
    private readonly builder: ReportPackBuilder,
    private readonly jobs: JobsRepository,
  ) {}

  async run({ jobId }: JobPayloads['report-pack']): Promise<void> {
    const job = await this.jobs.start(jobId);
    if (!job) return;
    const pack = await this.builder.build(job.params.week as string, job.createdBy);
    await this.jobs.complete(jobId, pack);
  }
}

/** Registers the weekly schedule with BullMQ (idempotent: every worker may do it at start). */
@Injectable()
export class WeeklyPackScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(WeeklyPackScheduler.name);

  constructor(private readonly queues: JobQueues) {}

  onApplicationBootstrap(): void {
    this.queues
      .get(JOB_QUEUES['weekly-report-pack'])
      .upsertJobScheduler('weekly-report-pack', WEEKLY_PACK_SCHEDULE, {
        name: 'weekly-report-pack',
        data: {},
        opts: DEFAULT_JOB_OPTIONS,
      })
      .catch((error: Error) => this.logger.warn(`Weekly report pack not scheduled now: ${error.message}`));
  }
}

/** The weekly packs, for national roles: listed, downloaded, built for any past week. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/report-packs')
@UseGuards(BearerAuthGuard)
@Roles('national-admin', 'national-viewer')
export class ReportPacksController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly packs: ReportPacksRepository,
    private readonly store: CertificateStore,
    private readonly jobs: JobsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ReportPackDto] })
  async list(): Promise<ReportPackDto[]> {
    return (await this.packs.list()).map((r) => ({
      week: r.week,
      label: weekLabel(r.week),
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      era: r.era,
      builtAt: r.builtAt.toISOString(),
      xlsx: `/api/v1/report-packs/${r.week}.xlsx`,
      pdf: `/api/v1/report-packs/${r.week}.pdf`,
    }));
  }

  @Post()
  @Roles('national-admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async build(@Body() body: BuildPackDto, @CurrentUser() user: AuthUser): Promise<{ jobId: string }> {
    const bounds = weekBounds(body.week);
    if (!bounds)
      throw new TrainingError('report_pack.unknown_week', `week ${body.week} does not exist`, {
        field: 'week',
        params: { week: body.week },
      });
    if (bounds.end >= vietnamDay(new Date()))
      throw new TrainingError('report_pack.week_not_ended', 'week must have ended (a past week)', {
        field: 'week',
      });
    const jobId = await this.dataSource.transaction((m) =>
      this.jobs.create(m, {
        kind: 'report-pack',
        params: { week: body.week },
        createdBy: user.id,
        provinceId: null,
      }),
    );
    this.relay.kick();
    return { jobId };
  }

  @Get(':file')
  @ApiParam({
    name: 'file',
    description: 'The week and the format: 2026-W47.xlsx or 2026-W47.pdf.',
    example: '2026-W47.xlsx',
  })
  @ApiFileResponse("The week's pack.", XLSX_TYPE, 'application/pdf')
  @ApiNotFoundResponse({ description: 'No pack for this week yet.' })
  async download(
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const m = /^(\d{4}-W\d{2})\.(xlsx|pdf)$/.exec(file);
    if (!m) throw new TrainingError('report_pack.not_found', 'No such report pack');
    const row = await this.packs.files(m[1]);
    if (!row) throw new TrainingError('report_pack.not_built', 'No pack for this week yet');
    const xlsx = m[2] === 'xlsx';
    reply
      .header(
        'content-type',
        xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
      )
      .header('content-disposition', `attachment; filename="bao-cao-tuan-${m[1]}.${m[2]}"`);
    return this.store.get(xlsx ? row.xlsxKey : row.pdfKey);
  }
}
