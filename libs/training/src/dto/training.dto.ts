import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { toNfc } from '@hocba/units';

export const RECORD_KINDS = ['self-organised', 'platform'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export class TrainingRecordDto {
  /** A province (any spelling, either map) or a central agency. */
  @ApiProperty({
    minLength: 2,
    maxLength: 200,
    description: 'A province (any spelling, either map) or a central agency.',
    example: 'Hà Nội',
  })
  @Transform(toNfc)
  @IsString()
  @MinLength(2, { message: 'unit must name a province or a central agency' })
  @MaxLength(200)
  unit: string;

  @ApiProperty({ enum: RECORD_KINDS, example: 'platform' })
  @IsIn(RECORD_KINDS, { message: 'kind must be self-organised or platform' })
  kind: RecordKind;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'The platform, for kind platform.',
    example: 'OneTouch',
  })
  @IsOptional()
  @Transform(toNfc)
  @IsString()
  @MaxLength(100)
  platform?: string;

  /** Stored in NFC, as every text a person types (see toNfc). */
  @ApiPropertyOptional({ maxLength: 300, example: 'Tập huấn Đề án 06 cho công an cấp xã' })
  @IsOptional()
  @Transform(toNfc)
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiProperty({ format: 'date', description: 'The day the training was held.', example: '2026-11-20' })
  @IsDateString({ strict: true }, { message: 'date must be a date (YYYY-MM-DD)' })
  date: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000_000, example: 120 })
  @Type(() => Number)
  @IsInt({ message: 'participants must be a whole number' })
  @Min(0, { message: 'participants must be 0 or more' })
  @Max(10_000_000, { message: 'participants must be at most 10,000,000' })
  participants: number;

  @ApiPropertyOptional({ enum: ['tinh', 'huyen', 'xa'], example: 'huyen' })
  @IsOptional()
  @IsIn(['tinh', 'huyen', 'xa'], { message: 'level must be tinh, huyen or xa' })
  level?: 'tinh' | 'huyen' | 'xa';
}

/** A period of days, both ends included; either end may be left open. */
export class PeriodQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The first day (Vietnam time), included.',
    example: '2026-11-01',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The last day (Vietnam time), included.',
    example: '2026-11-30',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class TrainingRecordListQueryDto extends PeriodQueryDto {}

export class TrainingVolumeQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: ['province', 'agency'], default: 'province' })
  @IsOptional()
  @IsIn(['province', 'agency'], { message: 'groupBy must be province or agency' })
  groupBy: 'province' | 'agency' = 'province';

  @ApiPropertyOptional({ enum: ['legacy', 'current'], default: 'legacy', description: 'The province map.' })
  @IsOptional()
  @IsIn(['legacy', 'current'], { message: 'era must be legacy or current' })
  era: 'legacy' | 'current' = 'legacy';

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}
