import { ApiProperty } from '@nestjs/swagger';
import type { AdminUnit } from '@hocba/units';
import type { Cohort } from '../cohorts.repository';
import type { Course } from '../courses.repository';
import type { EnrollmentView } from '../enrollments.repository';
import type { EnrollResult } from '../enrollments.service';
import type { RowError } from '../learner-input';
import { CertificatesDto, CompletionDto } from './create-course.dto';
import { LearnerAccountDto } from './enrollment.dto';

const UNIT_ID = 'current:ha-noi';
const LEGACY_UNIT_ID = 'legacy:01';
const COHORT_ID = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ENROLLMENT_ID = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b';

/** A province (of either map) or a central agency. */
export class AdminUnitDto implements AdminUnit {
  @ApiProperty({ description: 'current:<slug>, legacy:<code> or agency:<slug>.', example: LEGACY_UNIT_ID })
  id: string;

  @ApiProperty({ enum: ['province', 'agency'], example: 'province' })
  kind: 'province' | 'agency';

  @ApiProperty({
    type: String,
    enum: ['legacy', 'current'],
    nullable: true,
    description: 'The map a province belongs to (63 legacy, 34 current provinces); null for an agency.',
    example: 'legacy',
  })
  era: 'legacy' | 'current' | null;

  @ApiProperty({ type: String, nullable: true, example: '01' })
  code: string | null;

  @ApiProperty({ example: 'Hà Nội' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thành phố' })
  type: string | null;

  @ApiProperty({
    type: [String],
    description: 'Other spellings the API accepts.',
    example: ['Ha Noi', 'TP Hà Nội'],
  })
  aliases: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The current province a legacy one was merged into.',
    example: 'current:ha-noi',
  })
  successorId: string | null;
}

export class CourseDto implements Course {
  @ApiProperty({ format: 'uuid', example: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' })
  id: string;

  @ApiProperty({ example: 'DA06-K1' })
  code: string;

  @ApiProperty({ example: 'Đề án 06: Chuyển đổi số trong giải quyết thủ tục hành chính' })
  title: string;

  @ApiProperty({ format: 'uri', example: 'https://mooc.example.vn/da06' })
  activityId: string;

  @ApiProperty({ type: () => CompletionDto })
  completion: CompletionDto;

  @ApiProperty({ type: () => CertificatesDto })
  certificates: CertificatesDto;
}

export class CohortDto implements Cohort {
  @ApiProperty({ format: 'uuid', example: COHORT_ID })
  id: string;

  @ApiProperty({ example: 'HN-DA06-01' })
  code: string;

  @ApiProperty({ example: 'Lớp Đề án 06 - Hà Nội, đợt 1' })
  title: string;

  @ApiProperty({ example: 'DA06-K1' })
  courseCode: string;

  @ApiProperty({
    description: 'A unit id: current:<slug>, legacy:<code> or agency:<slug>.',
    example: UNIT_ID,
  })
  provinceId: string;

  @ApiProperty({ example: 'Hà Nội' })
  province: string;

  @ApiProperty({ type: String, nullable: true, example: 'Đợt 1' })
  wave: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-02' })
  startsOn: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-30' })
  endsOn: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 120 })
  plannedSize: number | null;
}

/** A row's problem: the row (1-based in JSON, the sheet's row in a file), the field and the rule. */
export class RowErrorDto implements RowError {
  @ApiProperty({ type: 'integer', example: 3 })
  row: number;

  @ApiProperty({ example: 'nationalId' })
  field: string;

  @ApiProperty({ example: 'nationalId (CCCD) must be 12 digits' })
  message: string;
}

export class EnrollChangeDto {
  @ApiProperty({ type: 'integer', example: 1 })
  row: number;

  @ApiProperty({ enum: ['created', 'updated'], example: 'created' })
  action: 'created' | 'updated';

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null in a dry run.',
    example: ENROLLMENT_ID,
  })
  enrollmentId: string | null;
}

export class EnrollResultDto implements EnrollResult {
  @ApiProperty({ example: false })
  dryRun: boolean;

  @ApiProperty({ type: 'integer', example: 1 })
  created: number;

  @ApiProperty({ type: 'integer', example: 0 })
  updated: number;

  @ApiProperty({ type: 'integer', example: 0 })
  unchanged: number;

  @ApiProperty({
    type: () => [RowErrorDto],
    description: 'Rows not enrolled, each with the field and the rule.',
    example: [],
  })
  errors: RowErrorDto[];

  @ApiProperty({
    type: () => [RowErrorDto],
    description:
      "Rows applied, but not all as sent: an existing learner's identity field the writer may not change.",
    example: [],
  })
  notices: RowErrorDto[];

  @ApiProperty({
    type: () => [EnrollChangeDto],
    description: 'Each row that creates or changes something, and what.',
  })
  changes: EnrollChangeDto[];
}

export class MilestonesDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-03T02:10:00.000Z' })
  activatedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-03T02:12:00.000Z' })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  completedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  passedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  certifiedAt: string | null;
}

export class EnrolledLearnerDto {
  @ApiProperty({ format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' })
  id: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The CCCD, masked but for its last digits.',
    example: '*********123',
  })
  nationalId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'an.nv@example.vn' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: '0912345678' })
  phone: string | null;

  @ApiProperty({ type: () => LearnerAccountDto, nullable: true })
  account: LearnerAccountDto | null;
}

export class EnrollmentViewDto implements EnrollmentView {
  @ApiProperty({ format: 'uuid', example: ENROLLMENT_ID })
  id: string;

  @ApiProperty({ format: 'uuid', example: COHORT_ID })
  cohortId: string;

  @ApiProperty({ enum: ['active', 'deducted', 'replaced'], example: 'active' })
  status: 'active' | 'deducted' | 'replaced';

  @ApiProperty({ type: String, nullable: true, example: 'Công an phường Hàng Bạc' })
  unit: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'xa' })
  level: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'cong-an' })
  sector: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The cmi5 registration, when the platform gave one.',
    example: null,
  })
  registration: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  deductionReason: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  deductedOn: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The seat that replaced this one.',
    example: null,
  })
  replacedBy: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The seat this one replaced.',
    example: null,
  })
  replaces: string | null;

  @ApiProperty({ type: () => MilestonesDto, description: 'When each milestone was first reached, or null.' })
  milestones: MilestonesDto;

  @ApiProperty({ type: () => EnrolledLearnerDto })
  learner: EnrolledLearnerDto;
}

export class FieldNoticeDto {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'email was not changed: the learner holds seats in another province' })
  message: string;
}

export class ReplacementResultDto {
  @ApiProperty({ format: 'uuid', description: 'The new seat.', example: ENROLLMENT_ID })
  enrollmentId: string;

  @ApiProperty({ type: () => [FieldNoticeDto], example: [] })
  notices: FieldNoticeDto[];
}
