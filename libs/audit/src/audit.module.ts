import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** Reading the audit log (writers insert into it in their own transactions). */
@Module({ controllers: [AuditController] })
export class AuditModule {}
