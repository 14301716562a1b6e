import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '../../auth/src';
import { CSV_TYPE, XLSX_TYPE } from '../../spreadsheets/src';
import { FunnelQueryDto } from './dto/funnel-query.dto';
import { FunnelRepository } from './funnel.repository';
import { FunnelService, type FunnelReport } from './funnel.service';

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
  async getFunnel(
    @Query() query: FunnelQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FunnelReport | Buffer> {
    const report = await this.funnel.report(query, user);
    if (query.format === 'json') return report;
    const name = `hocba-phieu-${report.groupBy}-${report.asOf}.${query.format}`;
    void reply
      .header('Content-Type', query.format === 'csv' ? CSV_TYPE : XLSX_TYPE)
      .header('Content-Disposition', `attachment; filename="${name}"`);
    return this.funnel.export(report, query.format);
  }

  /** Statements from actors no enrolled learner matches: kept, counted and listed here, never dropped. National roles only. */
  @Get('unmatched-actors')
  @Roles('national-admin', 'national-viewer')
  unmatchedActors(): ReturnType<FunnelRepository['unmatchedActors']> {
    return this.repository.unmatchedActors(1000);
  }
}
