import { Module } from '@nestjs/common';
import { EnrollmentProgressController } from './enrollment-progress.controller';
import { FunnelTallyCompactor } from './funnel-tally';
import { FunnelRepository } from './funnel.repository';
import { FunnelService } from './funnel.service';
import { ProvinceMapController } from './province-map.controller';
import { ReportsController } from './reports.controller';

/** Reports: read the progress tables, never the statements. */
@Module({
  controllers: [ReportsController, EnrollmentProgressController, ProvinceMapController],
  providers: [FunnelRepository, FunnelService],
})
export class ReportsModule {}

/** The worker's share: the funnel tally's upkeep. */
@Module({ providers: [FunnelTallyCompactor], exports: [FunnelTallyCompactor] })
export class ReportsWorkerModule {}
