import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard, Roles, UserDirectory } from '@hocba/auth';
import { tableDownload } from '@hocba/spreadsheets';
import { viDateTime } from '@hocba/units';
import { AuditLogRepository, type AuditEntry } from '@hocba/audit';
import { PeriodQueryDto } from '@hocba/training';

/** An entry as the endpoint shows it: who did it by their username (null: the system, or a user gone). */
type AuditEntryView = Omit<AuditEntry, 'userId'> & { user: string | null };

/** A period (`from`, `to`, days in Vietnam time) and what to look for. */
class AuditQueryDto extends PeriodQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be 1 or more' })
  @Max(100_000, { message: 'limit must be at most 100,000' })
  limit = 1000;

  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}

/**
 * The audit log, newest first: who did what to which record (enrollments, deductions,
 * replacements, certificates, training records). National administrators only; the log itself is
 * append-only in the database.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-log')
@UseGuards(BearerAuthGuard)
@Roles('national-admin')
export class AuditController {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly users: UserDirectory,
  ) {}

  @Get()
  async list(
    @Query() q: AuditQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEntryView[] | Buffer> {
    const found = await this.log.list(q);
    const usernames = await this.users.usernames(found.flatMap((e) => (e.userId ? [e.userId] : [])));
    const entries = found.map((e): AuditEntryView => ({
      id: e.id,
      at: e.at,
      user: (e.userId && usernames.get(e.userId)) ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      detail: e.detail,
    }));
    if (q.format === 'json') return entries;
    return tableDownload(reply, q.format, 'hocba-nhat-ky', {
      sheetName: 'Nhật ký',
      notes: [`Nhật ký thao tác, lập lúc ${viDateTime(new Date())} (giờ Việt Nam); mới nhất trước.`],
      header: ['Số', 'Thời điểm', 'Người thực hiện', 'Thao tác', 'Đối tượng', 'Mã đối tượng', 'Chi tiết'],
      rows: entries.map((e) => [
        e.id,
        viDateTime(e.at),
        e.user ?? '',
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.detail),
      ]),
    });
  }
}
