import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@hocba/auth';
import { HocbaConfig } from '@hocba/config';
import { redisConnectionOptions } from '@hocba/queue';
import { UnitsModule } from '@hocba/units';
import { JobEntity } from './entities/job.entity';
import { JobHandlers } from './job-handlers.service';
import { JobQueues } from './job-queues.service';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';
import { QUEUE_PROCESSORS } from './queue.processors';

/**
 * The job rows and the outbox, without Redis: what another lib needs to record a job or hand work
 * to the queues after its commit (the operators' command line has no Redis).
 */
@Module({
  imports: [TypeOrmModule.forFeature([JobEntity])],
  providers: [JobsRepository, OutboxRepository],
  exports: [JobsRepository, OutboxRepository],
})
export class JobsCoreModule {}

/** Jobs for the API: record them (with their outbox row), relay after commit, report their state. */
@Module({
  imports: [JobsCoreModule, AuthModule, UnitsModule],
  controllers: [JobsController],
  providers: [JobQueues, OutboxRelay],
  exports: [JobsCoreModule, OutboxRelay, JobQueues],
})
export class JobsModule {}

/** Jobs for the worker: the same records, plus a processor per queue (@nestjs/bullmq) and the runner. */
@Module({
  imports: [
    DiscoveryModule,
    JobsCoreModule,
    // The workers' connections: opened and closed by BullMQ, on the settings of the process's own.
    BullModule.forRootAsync({
      inject: [HocbaConfig],
      useFactory: (config: HocbaConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.HOCBA_QUEUE_PREFIX,
      }),
    }),
    // No queue of its own here (JobQueues produces): this brings the explorer that makes the workers.
    BullModule.registerQueue(),
  ],
  providers: [JobQueues, OutboxRelay, JobHandlers, ...Object.values(QUEUE_PROCESSORS), JobRunner],
  exports: [JobsCoreModule, JobQueues],
})
export class JobsWorkerModule {}
