import { Module } from '@nestjs/common';
import { ConfigModule } from '@hocba/config';
import { DatabaseModule } from '@hocba/database';
import { PrivacyModule } from '@hocba/privacy';
import { AuditModule } from '@hocba/audit';
import { ErasureModule } from '@hocba/erasure';
import { AuthModule } from '@hocba/auth';
import { CertificatesModule } from '@hocba/certificates';
import { TrainingModule } from '@hocba/training';
import { LrsModule } from '@hocba/lrs';
import { ProgramModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { QueueModule } from '@hocba/queue';
import { ReportsModule } from '@hocba/reports';
import { UnitsModule } from '@hocba/units';
import { AuditController } from './audit/audit.controller';
import { HealthController } from './health/health.controller';
import { MeController } from './web/me.controller';
import { WebController } from './web/web.controller';
import { MetricsController } from './metrics/metrics.controller';
import { JobsModule } from '@hocba/jobs';
import { MetricsModule } from '@hocba/metrics';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    PrivacyModule,
    QueueModule,
    UnitsModule,
    AuthModule,
    ProgressModule,
    LrsModule,
    ProgramModule,
    ReportsModule,
    CertificatesModule,
    TrainingModule,
    AuditModule,
    ErasureModule,
    JobsModule,
    MetricsModule,
  ],
  controllers: [HealthController, MeController, WebController, MetricsController, AuditController],
})
export class AppModule {}
