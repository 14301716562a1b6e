import { Transform } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { toNfc } from '@hocba/units';

export class CreateCohortDto {
  /** Kept as written ("HN-DA06-01"); unique regardless of case. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { message: 'code must be 2 to 64 letters, digits or . _ -' })
  code: string;

  /** Stored in NFC, as every text a person types (see toNfc). */
  @Transform(toNfc)
  @IsString()
  @MaxLength(300)
  title: string;

  /** A course's code in any case. */
  @IsString()
  courseCode: string;

  /** A province name in any known spelling, or its code. */
  @IsString()
  @MaxLength(100)
  province: string;

  @IsOptional()
  @Transform(toNfc)
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
