import { ApiProperty } from '@nestjs/swagger';
import { JOB_QUEUES } from '@hocba/queue';
import type { JobState } from '../jobs.repository';
import type { JobView } from '../jobs.controller';

const JOB_STATES: JobState[] = ['queued', 'active', 'completed', 'failed'];

/** The answer of a request that starts a job (202): the job to follow at GET /api/v1/jobs/{jobId}. */
export class JobAcceptedDto {
  @ApiProperty({ format: 'uuid', example: '9c4b2a1d-7e3f-4b6a-8d2c-5f1e0a9b8c7d' })
  jobId: string;
}

export class JobViewDto implements JobView {
  @ApiProperty({ format: 'uuid', example: '9c4b2a1d-7e3f-4b6a-8d2c-5f1e0a9b8c7d' })
  id: string;

  @ApiProperty({ enum: Object.keys(JOB_QUEUES), example: 'enrollment-import' })
  kind: string;

  @ApiProperty({ enum: JOB_STATES, example: 'completed' })
  state: JobState;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: '100 once completed.',
    example: 100,
  })
  progress: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the job was asked to do (for an import: the file name, dryRun).',
    example: { fileName: 'danh-sach-hoc-vien.xlsx', dryRun: false },
  })
  params: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      "The job's result once completed: for an import the enrollment result (created, updated, errors, notices, changes); lists longer than 1,000 come abridged, with <list>Truncated: true.",
    example: { dryRun: false, created: 118, updated: 2, unchanged: 0, errors: [], notices: [], changes: [] },
  })
  result: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the job failed.', example: null })
  error: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T01:15:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-02T01:15:01.000Z' })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-02T01:15:09.000Z' })
  finishedAt: string | null;
}
