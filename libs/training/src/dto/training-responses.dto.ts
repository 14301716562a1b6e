import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TrainingRecord, VolumeRow } from '../training.repository';
import type { VolumeReport } from '../training.service';
import { RECORD_KINDS, type RecordKind } from './training.dto';

export class TrainingRecordIdDto {
  @ApiProperty({ format: 'uuid', example: '8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d' })
  id: string;
}

export class TrainingRecordViewDto implements TrainingRecord {
  @ApiProperty({ format: 'uuid', example: '8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d' })
  id: string;

  @ApiProperty({
    description: 'A unit id: current:<slug>, legacy:<code> or agency:<slug>.',
    example: 'current:ha-noi',
  })
  unitId: string;

  @ApiProperty({ example: 'Hà Nội' })
  unit: string;

  @ApiProperty({ enum: RECORD_KINDS, example: 'platform' })
  kind: RecordKind;

  @ApiProperty({ type: String, nullable: true, example: 'OneTouch' })
  platform: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Tập huấn Đề án 06 cho công an cấp xã' })
  title: string | null;

  @ApiProperty({ format: 'date', example: '2026-11-20' })
  date: string;

  @ApiProperty({ type: 'integer', example: 120 })
  participants: number;

  @ApiProperty({ type: String, enum: ['tinh', 'huyen', 'xa'], nullable: true, example: 'huyen' })
  level: string | null;
}

export class ImportRowErrorDto {
  @ApiProperty({ type: 'integer', description: "The sheet's row.", example: 4 })
  row: number;

  @ApiProperty({ example: 'participants' })
  field: string;

  @ApiProperty({ example: 'participants must be a whole number' })
  message: string;
}

export class TrainingImportResultDto {
  @ApiProperty({ example: false })
  dryRun: boolean;

  @ApiProperty({ type: 'integer', description: "The file's rows.", example: 12 })
  rows: number;

  @ApiProperty({ type: 'integer', description: 'Records written (0 in a dry run).', example: 12 })
  created: number;

  @ApiProperty({
    type: () => [ImportRowErrorDto],
    description: 'Always empty here: a file with errors answers 400.',
    example: [],
  })
  errors: ImportRowErrorDto[];
}

/** The multipart/form-data body of a training-record import (for the API description; read by readUpload). */
export class TrainingImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The records as .xlsx or .csv (UTF-8), at most 10,000 rows.',
  })
  file: unknown;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true checks the file, writing nothing.',
    example: 'false',
  })
  dryRun?: 'true' | 'false';
}

export class VolumeRowDto implements Omit<VolumeRow, 'tracked'> {
  @ApiProperty({ description: "The unit's id.", example: 'current:ha-noi' })
  key: string;

  @ApiProperty({ example: 'Hà Nội' })
  label: string;

  @ApiProperty({ type: 'integer', example: 1200 })
  selfOrganised: number;

  @ApiProperty({
    type: 'integer',
    description: 'Recorded platform totals and learners Hocba tracked as started.',
    example: 3400,
  })
  onPlatform: number;

  @ApiProperty({
    type: 'integer',
    description: 'Of onPlatform: learners Hocba saw start in the period.',
    example: 2100,
  })
  tracked: number;

  @ApiProperty({ type: 'integer', example: 4600 })
  total: number;

  @ApiProperty({
    type: 'integer',
    description: 'By total, largest first; equal totals share a place.',
    example: 1,
  })
  rank: number;
}

export class VolumeTotalsDto {
  @ApiProperty({ type: 'integer', example: 1200 })
  selfOrganised: number;

  @ApiProperty({ type: 'integer', example: 3400 })
  onPlatform: number;

  @ApiProperty({ type: 'integer', example: 2100 })
  tracked: number;

  @ApiProperty({ type: 'integer', example: 4600 })
  total: number;
}

export class VolumeCoverageDto {
  @ApiProperty({ type: 'integer', description: 'Units on the map (or agencies).', example: 63 })
  units: number;

  @ApiProperty({ type: 'integer', description: 'Units with any participant in the period.', example: 41 })
  started: number;
}

export class VolumeReportDto implements VolumeReport {
  @ApiProperty({ enum: ['province', 'agency'], example: 'province' })
  groupBy: 'province' | 'agency';

  @ApiProperty({ enum: ['legacy', 'current'], example: 'legacy' })
  era: 'legacy' | 'current';

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-01' })
  from: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-30' })
  to: string | null;

  @ApiProperty({ type: () => [VolumeRowDto] })
  rows: VolumeRowDto[];

  @ApiProperty({ type: () => VolumeTotalsDto })
  totals: VolumeTotalsDto;

  @ApiProperty({ type: () => VolumeCoverageDto })
  coverage: VolumeCoverageDto;

  @ApiProperty({
    format: 'date-time',
    description: 'Every statement acknowledged before this time is counted.',
    example: '2026-12-01T01:00:00.000Z',
  })
  dataAsOf: string;
}
