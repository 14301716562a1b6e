import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src';
import { DatabaseModule } from '../../../libs/database/src';
import { PrivacyModule } from '../../../libs/privacy/src';
import { AuditModule } from '../../../libs/audit/src';
import { ErasureModule } from '../../../libs/erasure/src';
import { AuthModule } from '../../../libs/auth/src';
import { CertificatesModule } from '../../../libs/certificates/src';
import { TrainingModule } from '../../../libs/training/src';
import { LrsModule } from '../../../libs/lrs/src';
import { ProgramModule } from '../../../libs/program/src';
import { ProgressModule } from '../../../libs/progress/src';
import { QueueModule } from '../../../libs/queue/src';
import { ReportsModule } from '../../../libs/reports/src';
import { UnitsModule } from '../../../libs/units/src';
import { HealthController } from './health/health.controller';
import { MeController } from './web/me.controller';
import { WebController } from './web/web.controller';
import { MetricsController } from './metrics/metrics.controller';
import { JobsModule } from '../../../libs/jobs/src';
import { MetricsModule } from '../../../libs/metrics/src';

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
  controllers: [HealthController, MeController, WebController, MetricsController],
})
export class AppModule {}
