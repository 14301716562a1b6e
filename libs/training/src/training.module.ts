import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@hocba/auth';
import { CertificatesCoreModule } from '@hocba/certificates';
import { JobsModule, JobsWorkerModule } from '@hocba/jobs';
import { ReportsCoreModule } from '@hocba/reports';
import { UnitsModule } from '@hocba/units';
import { ReportPackBuilder } from './report-pack.builder';
import { ReportPacksRepository } from './report-packs.repository';
import {
  ReportPackHandler,
  ReportPacksController,
  WeeklyPackScheduler,
  WeeklyReportPackHandler,
} from './report-packs';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';
import { ReportPackEntity } from './entities/report-pack.entity';
import { TrainingRecordEntity } from './entities/training-record.entity';

const ENTITIES = TypeOrmModule.forFeature([TrainingRecordEntity, ReportPackEntity]);

/** The national tables' other half: training outside the platforms Hocba tracks, the training-volume report, the weekly packs. */
@Module({
  imports: [ENTITIES, JobsModule, AuthModule, UnitsModule, ReportsCoreModule, CertificatesCoreModule],
  controllers: [TrainingController, ReportPacksController],
  providers: [TrainingRepository, TrainingService, ReportPacksRepository],
})
export class TrainingModule {}

/** The worker's share: building the weekly packs (scheduled Mondays, or asked for). */
@Module({
  imports: [ENTITIES, JobsWorkerModule, UnitsModule, ReportsCoreModule, CertificatesCoreModule],
  providers: [
    TrainingRepository,
    TrainingService,
    ReportPacksRepository,
    ReportPackBuilder,
    WeeklyReportPackHandler,
    ReportPackHandler,
    WeeklyPackScheduler,
  ],
})
export class TrainingWorkerModule {}
