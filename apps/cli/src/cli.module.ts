import { Module } from '@nestjs/common';
import { AuthModule } from '@hocba/auth';
import { ConfigModule } from '@hocba/config';
import { DatabaseModule } from '@hocba/database';
import { PrivacyModule } from '@hocba/privacy';
import { LrsClientsModule } from '@hocba/lrs';
import { ProgressModule } from '@hocba/progress';
import { ReportsWorkerModule } from '@hocba/reports';
import { UnitsModule } from '@hocba/units';

/** What the operators' commands need: the database, units, users and LRS clients; no queues, no HTTP. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    PrivacyModule,
    UnitsModule,
    AuthModule,
    LrsClientsModule,
    ProgressModule,
    ReportsWorkerModule,
  ],
})
export class CliModule {}
