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
  @IsOptional()
  @IsIn(GROUPINGS, { message: `groupBy must be one of ${GROUPINGS.join(', ')}` })
  groupBy: Grouping = 'province';

  @IsOptional()
  @IsIn(['legacy', 'current'], { message: 'era must be legacy or current' })
  era: 'legacy' | 'current' = 'current';

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'asOf must be a date (YYYY-MM-DD)' })
  asOf?: string;

  /** A course's code, in any case. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  courseCode?: string;

  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  /** Cohorts of one wave (đợt) only, as the cohorts name it. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  wave?: string;

  /** Seats of one level only (as enrolled: tinh, huyen, xa). */
  @IsOptional()
  @IsIn(LEVELS, { message: `level must be one of ${LEVELS.join(', ')}` })
  level?: (typeof LEVELS)[number];

  /** Seats of one sector only (cong-an, cbccvc, khac). */
  @IsOptional()
  @IsIn(SECTORS, { message: `sector must be one of ${SECTORS.join(', ')}` })
  sector?: (typeof SECTORS)[number];

  /**
   * With groupBy=province: a row for every province of the map within the caller's reach, zero
   * for those without seats (the provinces that have not started are the ones to call).
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'allProvinces must be true or false' })
  allProvinces?: 'true' | 'false';

  @IsOptional()
  @IsIn(MILESTONES, { message: `rankBy must be one of ${MILESTONES.join(', ')}` })
  rankBy: Milestone = 'completed';

  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}

/** The seats behind a figure, or a list to act on. */
export class FunnelLearnersQueryDto extends FunnelQueryDto {
  /** The row's key in the report grouped by groupBy; all rows when absent. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  key?: string;

  @IsOptional()
  @IsIn(MILESTONES, { message: `reached must be one of ${MILESTONES.join(', ')}` })
  reached?: Milestone;

  @IsOptional()
  @IsIn(MILESTONES, { message: `missing must be one of ${MILESTONES.join(', ')}` })
  missing?: Milestone;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100_000)
  limit = 1_000;
}

export class FunnelDailyQueryDto extends FunnelQueryDto {
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from: string;

  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to: string;
}
