import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@hocba/auth';
import { UnitsModule } from '@hocba/units';
import { JobEntity } from './entities/job.entity';
import { JobQueues } from './job-queues.service';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

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

/** Jobs for the worker: the same records, plus the runner that consumes the queues. */
@Module({
  imports: [DiscoveryModule, JobsCoreModule],
  providers: [JobQueues, OutboxRelay, JobRunner],
  exports: [JobsCoreModule, JobQueues],
})
export class JobsWorkerModule {}
