import { Module } from '@nestjs/common';
import { AboutController } from './about.controller';
import { XapiFallbackController } from './http/xapi-fallback.controller';
import { LrsClientsRepository } from './clients/lrs-clients.repository';
import { LrsClientsService } from './clients/lrs-clients.service';
import { StatementsReaderService } from './statements/statements-reader.service';
import { StatementsController } from './statements/statements.controller';
import { StatementsRepository } from './statements/statements.repository';
import { StatementsService } from './statements/statements.service';
import { StatementWriter } from './statements/statement-writer';

/** The Learning Record Store: xAPI resources at /xapi, LRS clients and their credentials. */
@Module({
  controllers: [AboutController, StatementsController, XapiFallbackController],
  providers: [LrsClientsRepository, LrsClientsService, StatementsRepository, StatementWriter, StatementsService, StatementsReaderService],
  exports: [LrsClientsService, StatementsService],
})
export class LrsModule {}
