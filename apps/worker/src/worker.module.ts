import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src';
import { DatabaseModule } from '../../../libs/database/src';
import { LrsProjectionsModule } from '../../../libs/lrs/src';
import { QueueModule } from '../../../libs/queue/src';

/**
 * The worker: no HTTP server; background work (the LRS's activity definitions) and, as they come,
 * the job processors of certificates, imports and exports.
 */
@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, LrsProjectionsModule] })
export class WorkerModule {}
