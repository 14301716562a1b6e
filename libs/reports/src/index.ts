export { ReportsCoreModule, ReportsModule, ReportsWorkerModule } from './reports.module';
export { FunnelTallyCompactor } from './funnel-tally';
export { FunnelRepository, type FunnelFilter } from './funnel.repository';
export { FunnelService, type FunnelReport } from './funnel.service';
export { FunnelQueryDto } from './dto/funnel-query.dto';
export {
  rate,
  percent,
  withRates,
  rank,
  MILESTONES,
  GROUPINGS,
  type FunnelRow,
  type Milestone,
  type Grouping,
} from './funnel';
export { ReportError } from './reports.errors';
