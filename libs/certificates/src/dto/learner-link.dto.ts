import { ApiProperty } from '@nestjs/swagger';
import type { LearnerOverview } from '../learner-links.service';

export class LearnerCourseDto {
  @ApiProperty({ example: 'Đề án 06: Chuyển đổi số trong giải quyết thủ tục hành chính' })
  course: string;

  @ApiProperty({ example: 'Lớp Đề án 06 - Hà Nội, đợt 1' })
  cohort: string;

  @ApiProperty({ example: 'Hà Nội' })
  province: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-03T02:10:00.000Z' })
  activatedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-03T02:12:00.000Z' })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-18T09:40:00.000Z' })
  completedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-18T09:40:00.000Z' })
  passedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-20T03:00:05.000Z' })
  certifiedAt: string | null;
}

export class LearnerCertificateDto {
  @ApiProperty({ example: 'HB-2026-000123' })
  number: string;

  @ApiProperty({ example: '7K3M9QXA2DPW5TRE' })
  code: string;

  @ApiProperty({ enum: ['pending', 'issued', 'revoked'], example: 'issued' })
  state: string;

  @ApiProperty({ example: 'Đề án 06: Chuyển đổi số trong giải quyết thủ tục hành chính' })
  course: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-20T03:00:05.000Z' })
  issuedAt: string | null;
}

/** What a learner link shows: the learner's courses, milestones and certificates. */
export class LearnerOverviewDto implements LearnerOverview {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({ type: () => [LearnerCourseDto] })
  courses: LearnerCourseDto[];

  @ApiProperty({ type: () => [LearnerCertificateDto] })
  certificates: LearnerCertificateDto[];
}
