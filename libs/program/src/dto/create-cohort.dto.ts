import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { toNfc } from '@hocba/units';

const COHORT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export class CreateCohortDto {
  /** Kept as written ("HN-DA06-01"); unique regardless of case. */
  @ApiProperty({
    description: 'Kept as written; unique regardless of case.',
    pattern: COHORT_CODE.source,
    example: 'HN-DA06-01',
  })
  @Matches(COHORT_CODE, { message: 'code must be 2 to 64 letters, digits or . _ -' })
  code: string;

  /** Stored in NFC, as every text a person types (see toNfc). */
  @ApiProperty({ maxLength: 300, example: 'Lớp Đề án 06 - Hà Nội, đợt 1' })
  @Transform(toNfc)
  @IsString()
  @MaxLength(300)
  title: string;

  /** A course's code in any case. */
  @ApiProperty({ description: "A course's code, in any case.", example: 'DA06-K1' })
  @IsString()
  courseCode: string;

  /** A province name in any known spelling, or its code. */
  @ApiProperty({
    description: 'A province name in any known spelling, or its code.',
    maxLength: 100,
    example: 'Hà Nội',
  })
  @IsString()
  @MaxLength(100)
  province: string;

  @ApiPropertyOptional({
    description: 'The wave (đợt) the cohort belongs to.',
    maxLength: 50,
    example: 'Đợt 1',
  })
  @IsOptional()
  @Transform(toNfc)
  @IsString()
  @MaxLength(50)
  wave?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-02' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Not before startsOn.', example: '2026-11-30' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  endsOn?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, example: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  plannedSize?: number;
}
