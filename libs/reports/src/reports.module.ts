import { Module } from '@nestjs/common';
import { FunnelRepository } from './funnel.repository';
import { FunnelService } from './funnel.service';
import { ReportsController } from './reports.controller';

/** Reports: read the progress tables, never the statements. */
@Module({ controllers: [ReportsController], providers: [FunnelRepository, FunnelService] })
export class ReportsModule {}
