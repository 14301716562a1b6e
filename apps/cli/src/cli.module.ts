import { Module } from '@nestjs/common';
import { AuthModule } from '@hocba/auth';
import { CertificatesCoreModule } from '@hocba/certificates';
import { ConfigModule } from '@hocba/config';
import { DatabaseModule } from '@hocba/database';
import { LrsClientsModule } from '@hocba/lrs';
import { ProgramCoreModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { ReportsWorkerModule } from '@hocba/reports';
import { UnitsModule } from '@hocba/units';

/**
 * What the operators' commands need: the database, units, users, LRS clients (scoped to the
 * program's courses), learners (re-keying) and progress (a rebuild, whose completions request
 * certificates: CertificatesCoreModule); no queues, no HTTP.
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    UnitsModule,
    AuthModule,
    LrsClientsModule,
    ProgramCoreModule,
    ProgressModule,
    CertificatesCoreModule,
    ReportsWorkerModule,
  ],
})
export class CliModule {}
