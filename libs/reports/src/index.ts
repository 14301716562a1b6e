export { ReportsModule } from './reports.module';
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
