import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src';
import { DatabaseModule } from '../../../libs/database/src';
import { QueueModule } from '../../../libs/queue/src';

/**
 * The worker: no HTTP server, and the only place job processors are registered. The LRS core has
 * no jobs yet; certificates, imports and exports register theirs here.
 */
@Module({ imports: [ConfigModule, DatabaseModule, QueueModule] })
export class WorkerModule {}
