import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src';
import { DatabaseModule } from '../../../libs/database/src';
import { LrsModule } from '../../../libs/lrs/src';
import { QueueModule } from '../../../libs/queue/src';
import { HealthController } from './health/health.controller';

@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule, LrsModule],
  controllers: [HealthController],
})
export class AppModule {}
