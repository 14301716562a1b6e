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

export class ExamDto {
  @IsUrl(IRI, { message: 'completion.exam.activityId must be an absolute IRI' })
  activityId: string;

  @IsNumber()
  @Min(0)
  @Max(1)
  masteryScore: number;
}

export class CompletionDto {
  @IsIn(['Completed', 'Passed', 'CompletedAndPassed', 'CompletedOrPassed'])
  moveOn: 'Completed' | 'Passed' | 'CompletedAndPassed' | 'CompletedOrPassed';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUrl(IRI, { each: true, message: 'completion.requiredActivities must be absolute IRIs' })
  requiredActivities?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ExamDto)
  exam?: ExamDto;
}

export class CertificatesDto {
  @IsBoolean()
  auto: boolean;
}

export class CreateCourseDto {
  /** Kept as written ("DA06-K1"); unique and found regardless of case. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/, {
    message: 'code must be 2 to 64 letters (A-Z, any case), digits or dashes',
  })
  code: string;

  /** Stored in NFC, as every text a person types (see toNfc). */
  @Transform(toNfc)
  @IsString()
  @MaxLength(300)
  title: string;

  @IsUrl(IRI, { message: 'activityId must be an absolute IRI' })
  activityId: string;

  @IsDefined({ message: 'completion is required: the rule a learner meets to complete the course' })
  @IsObject({ message: 'completion must be an object' })
  @ValidateNested()
  @Type(() => CompletionDto)
  completion: CompletionDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => CertificatesDto)
  certificates?: CertificatesDto;
}

/** What an administrator may change of a course; its code and activity stay what they are. */
export class UpdateCourseDto {
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @IsOptional()
  @IsObject({ message: 'completion must be an object' })
  @ValidateNested()
  @Type(() => CompletionDto)
  completion?: CompletionDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => CertificatesDto)
  certificates?: CertificatesDto;
}
