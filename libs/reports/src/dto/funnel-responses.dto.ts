import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFINITIONS, type FunnelReport } from '../funnel.service';
import { GROUPINGS, MILESTONES, type Grouping, type Milestone } from '../funnel';
import type { EnrollmentProgress, LearnerRow } from '../funnel.repository';

const RATE = {
  type: Number,
  nullable: true,
  minimum: 0,
  maximum: 1,
  description: 'A fraction rounded to 4 places; null when nothing is enrolled.',
} as const;

export class MilestoneRatesDto implements Record<Milestone, number | null> {
  @ApiProperty({ ...RATE, example: 0.9363 })
  activated: number | null;

  @ApiProperty({ ...RATE, example: 0.8712 })
  started: number | null;

  @ApiProperty({ ...RATE, example: 0.6021 })
  completed: number | null;

  @ApiProperty({ ...RATE, example: 0.5874 })
  passed: number | null;

  @ApiProperty({ ...RATE, example: 0.5511 })
  certified: number | null;
}

/** The counts of a funnel row (and of the totals). */
export class FunnelCountsDto {
  @ApiProperty({ type: 'integer', description: DEFINITIONS.enrolled, example: 1200 })
  enrolled: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.learners, example: 1187 })
  learners: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.deducted, example: 14 })
  deducted: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.activated, example: 1124 })
  activated: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.started, example: 1045 })
  started: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.completed, example: 722 })
  completed: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.passed, example: 705 })
  passed: number;

  @ApiProperty({ type: 'integer', description: DEFINITIONS.certified, example: 661 })
  certified: number;

  @ApiProperty({ type: () => MilestoneRatesDto, description: DEFINITIONS.rates })
  rates: MilestoneRatesDto;

  @ApiProperty({ type: () => MilestoneRatesDto, description: DEFINITIONS.adjustedRates })
  adjustedRates: MilestoneRatesDto;
}

export class FunnelRowDto extends FunnelCountsDto {
  @ApiProperty({
    description: "The group's key (a unit's or cohort's id, a course code, a level…).",
    example: 'current:ha-noi',
  })
  key: string;

  @ApiProperty({ example: 'Hà Nội' })
  label: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The place by the rate of rankBy.', example: 1 })
  rank?: number;
}

export class FunnelCoverageDto {
  @ApiProperty({ type: 'integer', description: 'Provinces on the map.', example: 34 })
  provinces: number;

  @ApiProperty({ type: 'integer', description: 'Provinces with a cohort.', example: 30 })
  withCohorts: number;

  @ApiProperty({ type: 'integer', description: 'Provinces where a learner has started.', example: 27 })
  started: number;
}

export class FunnelReportDto implements FunnelReport {
  @ApiProperty({ format: 'date', description: DEFINITIONS.asOf, example: '2026-11-30' })
  asOf: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Every statement acknowledged before this time is counted.',
    example: '2026-11-30T09:12:44.120Z',
  })
  dataAsOf: string;

  @ApiProperty({ enum: GROUPINGS, example: 'province' })
  groupBy: Grouping;

  @ApiProperty({ enum: ['legacy', 'current'], example: 'current' })
  era: 'legacy' | 'current';

  @ApiProperty({ enum: MILESTONES, example: 'completed' })
  rankBy: string;

  @ApiProperty({ type: () => [FunnelRowDto] })
  rows: FunnelRowDto[];

  @ApiProperty({ type: () => FunnelCountsDto })
  totals: FunnelCountsDto;

  @ApiProperty({ type: () => FunnelCoverageDto })
  coverage: FunnelCoverageDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'What each figure counts, in words.',
    example: { enrolled: DEFINITIONS.enrolled, learners: DEFINITIONS.learners },
  })
  definitions: Record<string, string>;
}

export class FunnelAccountDto {
  @ApiProperty({ format: 'uri', example: 'https://mooc.example.vn' })
  homePage: string;

  @ApiProperty({ example: 'hv-000123' })
  name: string;
}

/** A seat behind a figure of the funnel. */
export class FunnelLearnerDto implements LearnerRow {
  @ApiProperty({ format: 'uuid', example: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' })
  enrollmentId: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({ type: () => FunnelAccountDto, nullable: true })
  account: FunnelAccountDto | null;

  @ApiProperty({ type: String, nullable: true, example: 'an.nv@example.vn' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: '0912345678' })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Công an phường Hàng Bạc' })
  unit: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'xa' })
  level: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'cong-an' })
  sector: string | null;

  @ApiProperty({ example: 'Hà Nội' })
  province: string;

  @ApiProperty({ example: 'HN-DA06-01' })
  cohortCode: string;

  @ApiProperty({ example: 'DA06-K1' })
  courseCode: string;

  @ApiProperty({ example: false })
  deducted: boolean;

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

export class FunnelDayDto {
  @ApiProperty({ format: 'date', example: '2026-11-03' })
  date: string;

  @ApiProperty({ type: 'integer', example: 41 })
  activated: number;

  @ApiProperty({ type: 'integer', example: 38 })
  started: number;

  @ApiProperty({ type: 'integer', example: 12 })
  completed: number;

  @ApiProperty({ type: 'integer', example: 11 })
  passed: number;

  @ApiProperty({ type: 'integer', example: 0 })
  certified: number;
}

export class FunnelDailyDto {
  @ApiProperty({ format: 'date', example: '2026-11-01' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  to: string;

  @ApiProperty({
    type: () => [FunnelDayDto],
    description: 'Seats that reached each milestone, day by day (Vietnam time).',
  })
  days: FunnelDayDto[];
}

export class UnmatchedActorDto {
  @ApiProperty({
    description: "The actor's identifying key.",
    example: 'account:https://mooc.example.vn|hv-999999',
  })
  agentKey: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The xAPI actor as the statements sent it.',
    example: { objectType: 'Agent', account: { homePage: 'https://mooc.example.vn', name: 'hv-999999' } },
  })
  actor: unknown;

  @ApiProperty({ type: 'integer', example: 17 })
  statements: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-03T02:10:00.000Z' })
  firstAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-18T09:40:00.000Z' })
  lastAt: string;
}

export class MilestoneReachedDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-03T02:10:00.000Z' })
  at: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The statement that set it.',
    example: '6f1c2f0e-3b7a-4c1d-9a55-2c1e8d1f4b20',
  })
  statementId: string;
}

export class ProgressMilestonesDto {
  @ApiPropertyOptional({ type: () => MilestoneReachedDto })
  activated?: MilestoneReachedDto;

  @ApiPropertyOptional({ type: () => MilestoneReachedDto })
  started?: MilestoneReachedDto;

  @ApiPropertyOptional({ type: () => MilestoneReachedDto, description: "The course's own completed signal." })
  course_completed?: MilestoneReachedDto;

  @ApiPropertyOptional({ type: () => MilestoneReachedDto })
  passed?: MilestoneReachedDto;

  @ApiPropertyOptional({ type: () => MilestoneReachedDto, description: "The course's own satisfied signal." })
  satisfied?: MilestoneReachedDto;

  @ApiPropertyOptional({ type: () => MilestoneReachedDto, description: "The course's completion rule met." })
  completed?: MilestoneReachedDto;
}

export class EnrollmentProgressDto implements EnrollmentProgress {
  @ApiProperty({ format: 'uuid', example: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' })
  enrollmentId: string;

  @ApiProperty({ enum: ['active', 'deducted', 'replaced'], example: 'active' })
  status: string;

  @ApiProperty({ example: 'HN-DA06-01' })
  cohortCode: string;

  @ApiProperty({
    type: () => ProgressMilestonesDto,
    description: 'Each milestone reached: when, and the statement that set it.',
  })
  milestones: ProgressMilestonesDto;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  certifiedAt: string | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The xAPI statements that set the milestones, as stored.',
    example: [
      {
        id: '6f1c2f0e-3b7a-4c1d-9a55-2c1e8d1f4b20',
        actor: { objectType: 'Agent', account: { homePage: 'https://mooc.example.vn', name: 'hv-000123' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
        object: { objectType: 'Activity', id: 'https://mooc.example.vn/da06' },
        timestamp: '2026-11-03T09:10:00+07:00',
        stored: '2026-11-03T02:10:00.412Z',
      },
    ],
  })
  statements: unknown[];
}
