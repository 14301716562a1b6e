import { Module } from '@nestjs/common';
import { EnrollmentProgressController } from './enrollment-progress.controller';
import { FunnelRepository } from './funnel.repository';
import { FunnelService } from './funnel.service';
import { ReportsController } from './reports.controller';

/** Reports: read the progress tables, never the statements. */
@Module({
  controllers: [ReportsController, EnrollmentProgressController],
  providers: [FunnelRepository, FunnelService],
})
export class ReportsModule {}
