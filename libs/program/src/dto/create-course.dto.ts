import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { toNfc } from '@hocba/units';

const IRI = { require_tld: false, require_protocol: true };
const COURSE_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;
const MOVE_ON = ['Completed', 'Passed', 'CompletedAndPassed', 'CompletedOrPassed'] as const;

export class ExamDto {
  @ApiProperty({
    format: 'uri',
    description: 'The final exam activity (an absolute IRI).',
    example: 'https://mooc.example.vn/da06/thi-cuoi-khoa',
  })
  @IsUrl(IRI, { message: 'completion.exam.activityId must be an absolute IRI' })
  activityId: string;

  @ApiProperty({
    minimum: 0,
    maximum: 1,
    description: 'The scaled score that passes the exam.',
    example: 0.8,
  })
  @IsNumber()
  @Min(0)
  @Max(1)
  masteryScore: number;
}

export class CompletionDto {
  @ApiProperty({
    enum: MOVE_ON,
    description: "What completes the course, as cmi5's moveOn says it.",
    example: 'CompletedAndPassed',
  })
  @IsIn(MOVE_ON)
  moveOn: (typeof MOVE_ON)[number];

  @ApiPropertyOptional({
    type: [String],
    format: 'uri',
    maxItems: 200,
    description: 'Activities (absolute IRIs) a learner must complete too.',
    example: ['https://mooc.example.vn/da06/bai-1', 'https://mooc.example.vn/da06/bai-2'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUrl(IRI, { each: true, message: 'completion.requiredActivities must be absolute IRIs' })
  requiredActivities?: string[];

  @ApiPropertyOptional({ type: () => ExamDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExamDto)
  exam?: ExamDto;
}

export class CertificatesDto {
  @ApiProperty({ description: 'Issue certificates as soon as learners qualify.', example: true })
  @IsBoolean()
  auto: boolean;
}

export class CreateCourseDto {
  /** Kept as written ("DA06-K1"); unique and found regardless of case. */
  @ApiProperty({
    description: 'Kept as written; unique and found regardless of case.',
    pattern: COURSE_CODE.source,
    example: 'DA06-K1',
  })
  @Matches(COURSE_CODE, {
    message: 'code must be 2 to 64 letters (A-Z, any case), digits or dashes',
  })
  code: string;

  /** Stored in NFC, as every text a person types (see toNfc). */
  @ApiProperty({ maxLength: 300, example: 'Đề án 06: Chuyển đổi số trong giải quyết thủ tục hành chính' })
  @Transform(toNfc)
  @IsString()
  @MaxLength(300)
  title: string;

  @ApiProperty({
    format: 'uri',
    description: "The course's xAPI activity (an absolute IRI).",
    example: 'https://mooc.example.vn/da06',
  })
  @IsUrl(IRI, { message: 'activityId must be an absolute IRI' })
  activityId: string;

  @ApiProperty({ type: () => CompletionDto, description: 'The rule a learner meets to complete the course.' })
  @IsDefined({ message: 'completion is required: the rule a learner meets to complete the course' })
  @IsObject({ message: 'completion must be an object' })
  @ValidateNested()
  @Type(() => CompletionDto)
  completion: CompletionDto;

  @ApiPropertyOptional({ type: () => CertificatesDto, description: 'Defaults to { "auto": false }.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CertificatesDto)
  certificates?: CertificatesDto;
}

/** What an administrator may change of a course; its code and activity stay what they are. */
export class UpdateCourseDto {
  @ApiPropertyOptional({ maxLength: 300, example: 'Đề án 06 (cập nhật 2026)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({
    type: () => CompletionDto,
    description: 'Changes only while no learner of the course has progress (409 otherwise).',
  })
  @IsOptional()
  @IsObject({ message: 'completion must be an object' })
  @ValidateNested()
  @Type(() => CompletionDto)
  completion?: CompletionDto;

  @ApiPropertyOptional({ type: () => CertificatesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CertificatesDto)
  certificates?: CertificatesDto;
}
