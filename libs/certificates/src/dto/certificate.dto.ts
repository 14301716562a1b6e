import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { CertificateState } from '../certificates.repository';
import type { PublicCertificate } from '../certificates.service';

export class ReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Cấp nhầm người học' })
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(500)
  reason: string;
}

export class CertificateListQueryDto {
  @ApiProperty({ format: 'uuid', example: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId: string;
}

export class ZipQueryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The job that built the ZIP (its result gives this address).',
    example: '9c4b2a1d-7e3f-4b6a-8d2c-5f1e0a9b8c7d',
  })
  @IsUUID('all', { message: 'jobId must be a UUID' })
  jobId: string;
}

const CODE = '7K3M9QXA2DPW5TRE';
const STATES: CertificateState[] = ['pending', 'issued', 'revoked'];

/** A certificate as signed-in staff see it: the full name, the code, the state. */
export class CertificateDto {
  @ApiProperty({ description: 'The number printed on the certificate.', example: 'HB-2026-000123' })
  number: string;

  @ApiProperty({ description: 'The verification code (the QR code opens /v/{code}).', example: CODE })
  code: string;

  @ApiProperty({ enum: STATES, example: 'issued' })
  state: CertificateState;

  @ApiProperty({ format: 'uuid', example: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' })
  enrollmentId: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({ example: 'Đề án 06: Chuyển đổi số trong giải quyết thủ tục hành chính' })
  course: string;

  @ApiProperty({ example: 'Lớp Đề án 06 - Hà Nội, đợt 1' })
  cohort: string;

  @ApiProperty({ example: 'Hà Nội' })
  province: string;

  @ApiProperty({ type: String, nullable: true, example: 'Công an phường Hàng Bạc' })
  unit: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T03:00:00.000Z' })
  requestedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-20T03:00:05.000Z' })
  issuedAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The SHA-256 of the issued PDF's bytes (hex).",
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokeReason: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The code of the certificate this one reissues.',
    example: null,
  })
  replaces: string | null;
}

/** What anyone holding a code (or the PDF) is told: no personal data beyond a masked name. */
export class PublicCertificateDto implements PublicCertificate {
  @ApiProperty({ enum: ['valid', 'revoked', 'pending'], example: 'valid' })
  status: 'valid' | 'revoked' | 'pending';

  @ApiProperty({ example: 'HB-2026-000123' })
  number: string;

  @ApiProperty({ description: "The learner's name, masked.", example: 'Nguyễn V. A.' })
  learner: string;

  @ApiProperty({ example: 'Đề án 06: Chuyển đổi số trong giải quyết thủ tục hành chính' })
  course: string;

  @ApiProperty({ example: 'Hà Nội' })
  province: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-20T03:00:05.000Z' })
  issuedAt: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only when revoked.',
    example: '2026-12-01T08:00:00.000Z',
  })
  revokedAt?: string;

  @ApiPropertyOptional({ description: 'Only when revoked.', example: 'Cấp nhầm người học' })
  revokeReason?: string;
}

export class VerifiedFileDto {
  @ApiProperty({
    description: 'Whether the file is, byte for byte, a certificate that was issued.',
    example: true,
  })
  issued: boolean;

  @ApiPropertyOptional({ type: () => PublicCertificateDto, description: 'Which certificate, when issued.' })
  certificate?: PublicCertificateDto;
}

/** The multipart/form-data body of POST /api/v1/verify (for the API description; read by readUpload). */
export class VerifyUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The PDF to check (at most 5 MB).' })
  file: unknown;
}
