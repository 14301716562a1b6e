import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { ApiTableResponse, tableDownload } from '@hocba/spreadsheets';
import { viDate } from '@hocba/units';
import { FunnelDailyQueryDto, FunnelLearnersQueryDto, FunnelQueryDto } from './dto/funnel-query.dto';
import {
  FunnelDailyDto,
  FunnelLearnerDto,
  FunnelReportDto,
  UnmatchedActorDto,
} from './dto/funnel-responses.dto';
import { FunnelRepository, type LearnerRow } from './funnel.repository';
import { FunnelService, learnersTable, type FunnelReport } from './funnel.service';
import { ReportError } from './reports.errors';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
@UseGuards(BearerAuthGuard)
export class ReportsController {
  constructor(
    private readonly funnel: FunnelService,
    private readonly repository: FunnelRepository,
  ) {}

  /** The funnel grouped by province, cohort, course, level, sector or unit; JSON, CSV or XLSX. Coordinators see their provinces only. */
  @Get('funnel')
  @ApiTableResponse({
    description: 'The funnel as format asks: JSON (default), CSV or XLSX.',
    json: FunnelReportDto,
  })
  async getFunnel(
    @Query() query: FunnelQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FunnelReport | Buffer> {
    const report = await this.funnel.report(query, user);
    if (query.format === 'json') return report;
    return tableDownload(
      reply,
      query.format,
      `hocba-phieu-${report.groupBy}-${report.asOf}`,
      this.funnel.table(report),
    );
  }

  /**
   * The seats behind a figure (a group's key, a milestone reached or missing), and the lists
   * coordinators act on: not activated (missing=activated), started but not completed
   * (reached=started&missing=completed), completed but not passed (reached=completed&missing=passed).
   */
  @Get('funnel/learners')
  @ApiTableResponse({
    description: 'The seats, as format asks: JSON (default), CSV or XLSX.',
    json: [FunnelLearnerDto],
  })
  async learners(
    @Query() q: FunnelLearnersQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LearnerRow[] | Buffer> {
    const rows = await this.repository.learners(await this.funnel.filterOf(q, user), {
      groupBy: q.groupBy,
      key: q.key,
      reached: q.reached,
      missing: q.missing,
      limit: q.limit,
    });
    if (q.format === 'json') return rows;
    const what =
      [q.reached && `đã ${q.reached}`, q.missing && `chưa ${q.missing}`].filter(Boolean).join(', ') ||
      'tất cả';
    const table = learnersTable(
      rows,
      `Danh sách học viên (${what}), số liệu đến hết ngày ${q.asOf ? viDate(q.asOf) : 'hôm nay'} (giờ Việt Nam)`,
    );
    return tableDownload(reply, q.format, 'hocba-hoc-vien', table);
  }

  /** Seats that reached each milestone, day by day (Vietnam time), for the charts. */
  @Get('funnel/daily')
  @ApiOkResponse({ type: FunnelDailyDto })
  async daily(
    @Query() q: FunnelDailyQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<{ from: string; to: string; days: Record<string, unknown>[] }> {
    if (q.to < q.from)
      throw new ReportError('report.range_inverted', 'to must not be before from', { field: 'to' });
    if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > 1_000)
      throw new ReportError('report.range_too_long', 'from and to must be at most 1,000 days apart', {
        params: { days: 1000 },
      });
    const counts = await this.repository.daily(await this.funnel.filterOf(q, user), q.from, q.to);
    const days = new Map<string, Record<string, unknown>>();
    for (let d = Date.parse(q.from); d <= Date.parse(q.to); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      days.set(date, { date, activated: 0, started: 0, completed: 0, passed: 0, certified: 0 });
    }
    for (const c of counts) {
      const day = days.get(c.date);
      if (day) day[c.milestone] = c.count;
    }
    return { from: q.from, to: q.to, days: [...days.values()] };
  }

  /** Statements from actors no enrolled learner matches: kept, counted and listed here, never dropped. National roles only. */
  @Get('unmatched-actors')
  @ApiOkResponse({ type: [UnmatchedActorDto], description: 'At most 1,000, most active first.' })
  @Roles('national-admin', 'national-viewer')
  unmatchedActors(): ReturnType<FunnelRepository['unmatchedActors']> {
    return this.repository.unmatchedActors(1000);
  }
}
