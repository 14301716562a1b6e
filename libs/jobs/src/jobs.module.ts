import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobEntity } from './entities/job.entity';
import { JobQueues } from './job-queues.service';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { OutboxRelay } from './outbox-relay.service';

/** Jobs for the API: record them (with their outbox row), relay after commit, report their state. */
@Module({
  imports: [TypeOrmModule.forFeature([JobEntity])],
  controllers: [JobsController],
  providers: [JobsRepository, JobQueues, OutboxRelay],
  exports: [JobsRepository, OutboxRelay, JobQueues],
})
export class JobsModule {}

/** Jobs for the worker: the same records, plus the runner that consumes the queues. */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([JobEntity])],
  providers: [JobsRepository, JobQueues, OutboxRelay, JobRunner],
  exports: [JobsRepository, JobQueues],
})
export class JobsWorkerModule {}
