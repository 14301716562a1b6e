import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { GROUPINGS, MILESTONES, type Grouping, type Milestone } from '../funnel';

/** The levels and sectors an enrollment may carry (learner-input's values). */
const LEVELS = ['tinh', 'huyen', 'xa'] as const;
const SECTORS = ['cong-an', 'cbccvc', 'khac'] as const;

export class FunnelQueryDto {
  @ApiPropertyOptional({ enum: GROUPINGS, default: 'province' })
  @IsOptional()
  @IsIn(GROUPINGS, { message: `groupBy must be one of ${GROUPINGS.join(', ')}` })
  groupBy: Grouping = 'province';

  @ApiPropertyOptional({ enum: ['legacy', 'current'], default: 'current', description: 'The province map.' })
  @IsOptional()
  @IsIn(['legacy', 'current'], { message: 'era must be legacy or current' })
  era: 'legacy' | 'current' = 'current';

  @ApiPropertyOptional({
    format: 'date',
    description: 'Milestones and deductions up to the end of this day, Vietnam time; today when absent.',
    example: '2026-11-30',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'asOf must be a date (YYYY-MM-DD)' })
  asOf?: string;

  /** A course's code, in any case. */
  @ApiPropertyOptional({ maxLength: 64, description: "A course's code, in any case.", example: 'DA06-K1' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  courseCode?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'A province name (any known spelling) or code.',
    example: 'Hà Nội',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  /** Cohorts of one wave (đợt) only, as the cohorts name it. */
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Cohorts of one wave (đợt) only, as the cohorts name it.',
    example: 'Đợt 1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  wave?: string;

  /** Seats of one level only (as enrolled: tinh, huyen, xa). */
  @ApiPropertyOptional({ enum: LEVELS, description: 'Seats of one level only (as enrolled).' })
  @IsOptional()
  @IsIn(LEVELS, { message: `level must be one of ${LEVELS.join(', ')}` })
  level?: (typeof LEVELS)[number];

  /** Seats of one sector only (cong-an, cbccvc, khac). */
  @ApiPropertyOptional({ enum: SECTORS, description: 'Seats of one sector only.' })
  @IsOptional()
  @IsIn(SECTORS, { message: `sector must be one of ${SECTORS.join(', ')}` })
  sector?: (typeof SECTORS)[number];

  /**
   * With groupBy=province: a row for every province of the map within the caller's reach, zero
   * for those without seats (the provinces that have not started are the ones to call).
   */
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      "With groupBy=province: a row for every province of the map within the caller's reach, zero for those without seats.",
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'allProvinces must be true or false' })
  allProvinces?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: MILESTONES,
    default: 'completed',
    description: 'The rate rows are ranked by.',
  })
  @IsOptional()
  @IsIn(MILESTONES, { message: `rankBy must be one of ${MILESTONES.join(', ')}` })
  rankBy: Milestone = 'completed';

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}

/** The seats behind a figure, or a list to act on. */
export class FunnelLearnersQueryDto extends FunnelQueryDto {
  /** The row's key in the report grouped by groupBy; all rows when absent. */
  @ApiPropertyOptional({
    maxLength: 300,
    description: "The row's key in the report grouped by groupBy; all rows when absent.",
    example: 'current:ha-noi',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  key?: string;

  @ApiPropertyOptional({
    enum: MILESTONES,
    description: 'Seats that reached this milestone.',
    example: 'started',
  })
  @IsOptional()
  @IsIn(MILESTONES, { message: `reached must be one of ${MILESTONES.join(', ')}` })
  reached?: Milestone;

  @ApiPropertyOptional({
    enum: MILESTONES,
    description: 'Seats that have not reached this milestone.',
    example: 'completed',
  })
  @IsOptional()
  @IsIn(MILESTONES, { message: `missing must be one of ${MILESTONES.join(', ')}` })
  missing?: Milestone;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100_000)
  limit = 1_000;
}

export class FunnelDailyQueryDto extends FunnelQueryDto {
  @ApiProperty({ format: 'date', description: 'The first day (Vietnam time).', example: '2026-11-01' })
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from: string;

  @ApiProperty({
    format: 'date',
    description: 'The last day; at most 1,000 days after from.',
    example: '2026-11-30',
  })
  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to: string;
}
