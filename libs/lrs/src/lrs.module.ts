import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@hocba/auth';
import { MetricsModule } from '@hocba/metrics';
import { LrsClientEntity } from './entities/lrs-client.entity';
import { AboutController } from './about.controller';
import { ActivitiesRepository } from './activities/activities.repository';
import { ActivityDefinitionMerger } from './activities/activity-definition-merger';
import { DescriptionsController } from './activities/descriptions.controller';
import { LrsClientsController } from './clients/lrs-clients.controller';
import { LrsClientsRepository } from './clients/lrs-clients.repository';
import { LrsClientsService } from './clients/lrs-clients.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { DocumentsService } from './documents/documents.service';
import { XapiFallbackController } from './http/xapi-fallback.controller';
import { StatementsReaderService } from './statements/statements-reader.service';
import { StatementsController } from './statements/statements.controller';
import { StatementsRepository } from './statements/statements.repository';
import { StatementsService } from './statements/statements.service';
import { StatementWriter } from './statements/statement-writer';
import { StatementPartitionKeeper } from './statements/statement-partitions';
import { LrsStore } from './lrs-store.service';

/**
 * The statement and document tables, for the LRS and for the libs that read or erase what it keeps
 * (LrsStore: the progress projection, the reports, an erasure).
 */
@Module({
  providers: [StatementsRepository, DocumentsRepository, LrsStore],
  exports: [StatementsRepository, DocumentsRepository, LrsStore],
})
export class LrsCoreModule {}

/** LRS clients and their credentials (also used by the operators' CLI). */
@Module({
  imports: [TypeOrmModule.forFeature([LrsClientEntity])],
  providers: [LrsClientsRepository, LrsClientsService],
  exports: [LrsClientsService],
})
export class LrsClientsModule {}

/** The Learning Record Store: xAPI resources at /xapi, LRS clients and their credentials. */
@Module({
  imports: [LrsCoreModule, LrsClientsModule, DiscoveryModule, AuthModule, MetricsModule],
  // The fallback goes last: it answers whatever path the others do not.
  controllers: [
    AboutController,
    StatementsController,
    DocumentsController,
    DescriptionsController,
    LrsClientsController,
    XapiFallbackController,
  ],
  providers: [
    StatementWriter,
    StatementsService,
    StatementsReaderService,
    DocumentsService,
    ActivitiesRepository,
  ],
  exports: [LrsClientsModule, StatementsService],
})
export class LrsModule {}

/**
 * The LRS's background work, for the worker: folding statements into activity definitions, and
 * creating the statements' monthly partitions ahead of time.
 */
@Module({
  providers: [ActivitiesRepository, ActivityDefinitionMerger, StatementPartitionKeeper],
  exports: [ActivityDefinitionMerger, StatementPartitionKeeper],
})
export class LrsProjectionsModule {}
