import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntity } from './entities/audit-log.entity';
import { AuditController } from './audit.controller';

/** Reading the audit log (writers insert into it in their own transactions). */
@Module({ imports: [TypeOrmModule.forFeature([AuditLogEntity])], controllers: [AuditController] })
export class AuditModule {}
