import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard, Roles, UserDirectory } from '@hocba/auth';
import { ApiTableResponse, tableDownload } from '@hocba/spreadsheets';
import { viDateTime } from '@hocba/units';
import { AuditLogRepository, type AuditEntry } from '@hocba/audit';
import { PeriodQueryDto } from '@hocba/training';

/** An entry as the endpoint shows it: who did it by their username (null: the system, or a user gone). */
type AuditEntryView = Omit<AuditEntry, 'userId'> & { user: string | null };

/** A period (`from`, `to`, days in Vietnam time) and what to look for. */
class AuditQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ maxLength: 50, description: 'The kind of record.', example: 'enrollment' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: "The record's id.",
    example: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ maxLength: 50, example: 'deducted' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be 1 or more' })
  @Max(100_000, { message: 'limit must be at most 100,000' })
  limit = 1000;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}

class AuditEntryDto implements AuditEntryView {
  @ApiProperty({ type: 'integer', example: 4812 })
  id: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-15T02:30:00.000Z' })
  at: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who did it (their username); null for the service itself.',
    example: 'dieu-phoi-hanoi',
  })
  user: string | null;

  @ApiProperty({ example: 'deducted' })
  action: string;

  @ApiProperty({ example: 'enrollment' })
  entity: string;

  @ApiProperty({ example: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' })
  entityId: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What changed: the values before and after, the reason.',
    example: { reason: 'Chuyển công tác', effectiveOn: '2026-11-15' },
  })
  detail: unknown;
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
  @ApiTableResponse({
    description: 'The entries, newest first, as format asks: JSON (default), CSV or XLSX.',
    json: [AuditEntryDto],
  })
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
