import { Module } from '@nestjs/common';
import { ConfigModule } from '@hocba/config';
import { DatabaseModule } from '@hocba/database';
import { AuditModule } from '@hocba/audit';
import { ErasureModule } from '@hocba/erasure';
import { AuthModule } from '@hocba/auth';
import { CertificatesCoreModule, CertificatesModule } from '@hocba/certificates';
import { TrainingModule } from '@hocba/training';
import { LrsModule } from '@hocba/lrs';
import { ProgramModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { QueueModule } from '@hocba/queue';
import { ReportsModule } from '@hocba/reports';
import { UnitsModule } from '@hocba/units';
import { AuditController } from './audit/audit.controller';
import { HealthModule } from './health/health.module';
import { MeController } from './web/me.controller';
import { WebController } from './web/web.controller';
import { MetricsController } from './metrics/metrics.controller';
import { JobsModule } from '@hocba/jobs';
import { MetricsModule } from '@hocba/metrics';

/**
 * The API. Global: the config, the database and the queue connection (infrastructure every
 * module uses); every feature module imports what else it needs.
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule,
    UnitsModule,
    AuthModule,
    ProgressModule,
    LrsModule,
    ProgramModule,
    ReportsModule,
    CertificatesModule,
    CertificatesCoreModule,
    TrainingModule,
    AuditModule,
    ErasureModule,
    JobsModule,
    MetricsModule,
    HealthModule,
  ],
  controllers: [MeController, WebController, MetricsController, AuditController],
})
export class AppModule {}
