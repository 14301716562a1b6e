import {
  IsArray,
  IsDateString,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ArrayMaxSize,
  ArrayMinSize,
} from 'class-validator';

/** Learners are checked row by row (errors come back per row), so each is kept as sent here. */
export class EnrollLearnersDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsObject({ each: true })
  learners: Record<string, unknown>[];
}

export class DeductionDto {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @IsDateString({ strict: true }, { message: 'effectiveOn must be a date (YYYY-MM-DD)' })
  effectiveOn: string;
}

export class ReplacementDto {
  @IsObject()
  learner: Record<string, unknown>;

  /** Why the unit swapped the learner (kept in the audit log beside the replacement). */
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}
