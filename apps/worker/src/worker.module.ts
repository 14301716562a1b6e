import { Module } from '@nestjs/common';
import { CertificatesWorkerModule } from '../../../libs/certificates/src';
import { TrainingWorkerModule } from '../../../libs/training/src';
import { ConfigModule } from '../../../libs/config/src';
import { DatabaseModule } from '../../../libs/database/src';
import { PrivacyModule } from '../../../libs/privacy/src';
import { LrsProjectionsModule } from '../../../libs/lrs/src';
import { ProgramWorkerModule } from '../../../libs/program/src';
import { ProgressModule } from '../../../libs/progress/src';
import { QueueModule } from '../../../libs/queue/src';
import { ReportsWorkerModule } from '../../../libs/reports/src';
import { UnitsModule } from '../../../libs/units/src';

/**
 * The worker: no HTTP server; background work (the LRS's activity definitions) and, as they come,
 * the job processors (enrollment imports, certificates, the report tally's upkeep). Job handlers are
 * provided here only, so the API never consumes a queue.
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    PrivacyModule,
    QueueModule,
    UnitsModule,
    ProgressModule,
    LrsProjectionsModule,
    ProgramWorkerModule,
    ReportsWorkerModule,
    CertificatesWorkerModule,
    TrainingWorkerModule,
  ],
})
export class WorkerModule {}
