export { AuditModule } from './audit.module';
export { AuditLogEntity } from './entities/audit-log.entity';
