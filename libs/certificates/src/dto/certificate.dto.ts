import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class ReasonDto {
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(500)
  reason: string;
}

export class CertificateListQueryDto {
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId: string;
}

export class ZipQueryDto {
  @IsUUID('all', { message: 'jobId must be a UUID' })
  jobId: string;
}
