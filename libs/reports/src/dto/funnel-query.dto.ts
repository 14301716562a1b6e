import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GROUPINGS, MILESTONES, type Grouping, type Milestone } from '../funnel';

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

  @IsOptional()
  @IsIn(MILESTONES, { message: `rankBy must be one of ${MILESTONES.join(', ')}` })
  rankBy: Milestone = 'completed';

  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format: 'json' | 'csv' | 'xlsx' = 'json';
}
