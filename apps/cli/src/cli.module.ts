import { Module } from '@nestjs/common';
import { AuthModule } from '../../../libs/auth/src';
import { ConfigModule } from '../../../libs/config/src';
import { DatabaseModule } from '../../../libs/database/src';
import { PrivacyModule } from '../../../libs/privacy/src';
import { LrsClientsModule } from '../../../libs/lrs/src';
import { ProgressModule } from '../../../libs/progress/src';
import { ReportsWorkerModule } from '../../../libs/reports/src';
import { UnitsModule } from '../../../libs/units/src';

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
