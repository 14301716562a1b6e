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
  @Transform(toNfc)
  @IsString()
  @MinLength(2, { message: 'unit must name a province or a central agency' })
  @MaxLength(200)
  unit: string;

  @IsIn(RECORD_KINDS, { message: 'kind must be self-organised or platform' })
  kind: RecordKind;

  @IsOptional()
  @Transform(toNfc)
  @IsString()
  @MaxLength(100)
  platform?: string;

  /** Stored in NFC, as every text a person types (see toNfc). */
  @IsOptional()
  @Transform(toNfc)
  @IsString()
  @MaxLength(300)
  title?: string;

  @IsDateString({ strict: true }, { message: 'date must be a date (YYYY-MM-DD)' })
  date: string;

  @Type(() => Number)
  @IsInt({ message: 'participants must be a whole number' })
  @Min(0, { message: 'participants must be 0 or more' })
  @Max(10_000_000, { message: 'participants must be at most 10,000,000' })
  participants: number;

  @IsOptional()
  @IsIn(['tinh', 'huyen', 'xa'], { message: 'level must be tinh, huyen or xa' })
  level?: 'tinh' | 'huyen' | 'xa';
}

/** A period of days, both ends included; either end may be left open. */
export class PeriodQueryDto {
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class TrainingRecordListQueryDto extends PeriodQueryDto {}

export class TrainingVolumeQueryDto extends PeriodQueryDto {
  @IsOptional()
  @IsIn(['province', 'agency'], { message: 'groupBy must be province or agency' })
  groupBy: 'province' | 'agency' = 'province';

  @IsOptional()
  @IsIn(['legacy', 'current'], { message: 'era must be legacy or current' })
  era: 'legacy' | 'current' = 'legacy';

  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}
