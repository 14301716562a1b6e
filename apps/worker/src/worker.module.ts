import { Module } from '@nestjs/common';
import { CertificatesWorkerModule } from '@hocba/certificates';
import { TrainingWorkerModule } from '@hocba/training';
import { ConfigModule } from '@hocba/config';
import { DatabaseModule } from '@hocba/database';
import { LrsProjectionsModule } from '@hocba/lrs';
import { ProgramWorkerModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { QueueModule } from '@hocba/queue';
import { ReportsWorkerModule } from '@hocba/reports';
import { UnitsModule } from '@hocba/units';

/**
 * The worker: no HTTP server; background work (the LRS's activity definitions) and, as they come,
 * the job processors (enrollment imports, certificates, the report tally's upkeep). Job handlers are
 * provided here only, so the API never consumes a queue. The program's enrollments project
 * progress here too, and their completions request certificates (CertificatesWorkerModule brings
 * the certificates' @OnCompleted hook).
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
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
