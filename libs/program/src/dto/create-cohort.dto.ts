import { IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateCohortDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { message: 'code must be 2 to 64 letters, digits or . _ -' })
  code: string;

  @IsString()
  @MaxLength(300)
  title: string;

  @IsString()
  courseCode: string;

  /** A province name in any known spelling, or its code. */
  @IsString()
  @MaxLength(100)
  province: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  wave?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  startsOn?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  endsOn?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  plannedSize?: number;
}
