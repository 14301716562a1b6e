export { AuditModule } from './audit.module';
export { AuditLogRepository, type AuditEntry } from './audit-log.repository';
export { appendAudit, appendAuditMany, redactAuditForErasure } from './audit-log.writer';
export { AuditLogEntity } from './entities/audit-log.entity';
