import { Module } from '@nestjs/common';
import { AuthModule } from '@hocba/auth';
import { LrsCoreModule } from '@hocba/lrs';
import { UnitsModule } from '@hocba/units';
import { EnrollmentProgressController } from './enrollment-progress.controller';
import { FunnelTallyCompactor } from './funnel-tally';
import { FunnelRepository } from './funnel.repository';
import { FunnelService } from './funnel.service';
import { ProvinceMapController } from './province-map.controller';
import { ReportsController } from './reports.controller';

/** The funnel's queries and figures, for the reports' endpoints and the weekly packs (in the worker). */
@Module({
  imports: [LrsCoreModule, UnitsModule],
  providers: [FunnelRepository, FunnelService],
  exports: [FunnelRepository, FunnelService],
})
export class ReportsCoreModule {}

/** Reports: read the progress tables, never the statements. */
@Module({
  imports: [ReportsCoreModule, AuthModule, UnitsModule],
  controllers: [ReportsController, EnrollmentProgressController, ProvinceMapController],
})
export class ReportsModule {}

/** The worker's share: the funnel tally's upkeep. */
@Module({ providers: [FunnelTallyCompactor], exports: [FunnelTallyCompactor] })
export class ReportsWorkerModule {}
