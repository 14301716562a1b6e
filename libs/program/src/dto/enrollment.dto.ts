import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

/** A learner's account on the platform that sends their statements (the xAPI actor's account). */
export class LearnerAccountDto {
  @ApiProperty({
    format: 'uri',
    description: 'The platform URL (http or https).',
    example: 'https://mooc.example.vn',
  })
  homePage: string;

  @ApiProperty({ description: "The learner's name (login) on that platform.", example: 'hv-000123' })
  name: string;
}

/**
 * One learner row, as the API describes it. Rows are checked one by one by parseLearner (errors come
 * back per row and field, and the others are still enrolled), not by the validation pipe, so this
 * class carries no class-validator rules: it only says what parseLearner accepts.
 */
export class LearnerRowDto {
  @ApiProperty({ maxLength: 200, example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiPropertyOptional({
    pattern: '^\\d{12}$',
    description:
      'The CCCD (12 digits). nationalId or account is required, to recognise the learner across cohorts.',
    example: '001099000123',
  })
  nationalId?: string;

  @ApiPropertyOptional({ format: 'email', example: 'an.nv@example.vn' })
  email?: string;

  @ApiPropertyOptional({
    description: 'A Vietnamese number: 0 or +84 and 9 to 10 digits (spaces, dots and dashes ignored).',
    example: '0912345678',
  })
  phone?: string;

  @ApiPropertyOptional({ type: () => LearnerAccountDto })
  account?: LearnerAccountDto;

  @ApiPropertyOptional({
    maxLength: 300,
    description: 'Where the learner works.',
    example: 'Công an phường Hàng Bạc',
  })
  unit?: string;

  @ApiPropertyOptional({
    enum: ['tinh', 'huyen', 'xa'],
    description: 'Province, district or commune level.',
    example: 'xa',
  })
  level?: 'tinh' | 'huyen' | 'xa';

  @ApiPropertyOptional({ enum: ['cong-an', 'cbccvc', 'khac'], example: 'cong-an' })
  sector?: 'cong-an' | 'cbccvc' | 'khac';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The cmi5 registration of this enrollment, when the platform gives one.',
    example: '6f1c2f0e-3b7a-4c1d-9a55-2c1e8d1f4b20',
  })
  registration?: string;
}

/** Learners are checked row by row (errors come back per row), so each is kept as sent here. */
export class EnrollLearnersDto {
  @ApiProperty({
    type: () => [LearnerRowDto],
    minItems: 1,
    maxItems: 10_000,
    description: 'Checked row by row: a bad row is reported in errors and the others are enrolled.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsObject({ each: true })
  learners: Record<string, unknown>[];
}

export class DeductionDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Chuyển công tác' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @ApiProperty({ format: 'date', example: '2026-11-15' })
  @IsDateString({ strict: true }, { message: 'effectiveOn must be a date (YYYY-MM-DD)' })
  effectiveOn: string;
}

export class ReplacementDto {
  @ApiProperty({ type: () => LearnerRowDto, description: 'The learner who takes the seat.' })
  @IsObject()
  learner: Record<string, unknown>;

  /** Why the unit swapped the learner (kept in the audit log beside the replacement). */
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 500,
    description: 'Kept in the audit log beside the replacement.',
    example: 'Nghỉ ốm dài ngày',
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}
