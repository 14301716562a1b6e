import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outsideScope, type AuthUser } from '@hocba/auth';
import { FunnelService } from '@hocba/reports';
import { LABELS, type ExportTable, type Table } from '@hocba/spreadsheets';
import { ReportError } from '@hocba/reports';
import { readTrainingTable, type ImportError } from './training-import';
import { provinceScope, UnitsService, viDate, viDateTime } from '@hocba/units';
import type { TrainingRecordDto, TrainingVolumeQueryDto } from './dto/training.dto';
import { TrainingRepository, type TrainingRecord, type VolumeRow } from './training.repository';
import { TrainingError } from './training.errors';

export interface VolumeReport {
  groupBy: 'province' | 'agency';
  era: 'legacy' | 'current';
  from: string | null;
  to: string | null;
  rows: (Omit<VolumeRow, 'tracked'> & { tracked: number; rank: number })[];
  totals: { selfOrganised: number; onPlatform: number; tracked: number; total: number };
  /** "Provinces that have started: N of 63" (N: units with any participant in the period). */
  coverage: { units: number; started: number };
  dataAsOf: string;
}

/** Ranks by total, largest first; equal totals share a place (1, 2, 2, 4). */
export function rankByTotal<T extends { total: number; label: string }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'vi'));
  let previous: number | undefined;
  let place = 0;
  return sorted.map((r, i) => {
    if (r.total !== previous) place = i + 1;
    previous = r.total;
    return { ...r, rank: place };
  });
}

@Injectable()
export class TrainingService {
  constructor(
    private readonly training: TrainingRepository,
    private readonly units: UnitsService,
    private readonly dataSource: DataSource,
    private readonly funnel: FunnelService,
  ) {}

  /** The record as stored: its unit resolved from any spelling, within the caller's reach. */
  private async checked(
    dto: TrainingRecordDto,
    user: AuthUser,
  ): Promise<Omit<TrainingRecord, 'id' | 'unit'>> {
    const unit = await this.units.resolveUnit(dto.unit, 'unit', 'legacy');
    const scope = await provinceScope(user, this.units);
    if (scope && !scope.includes(unit.id))
      throw outsideScope('unit', dto.unit, `unit "${dto.unit}" is outside your provinces`);
    if (dto.kind === 'platform' && !dto.platform?.trim())
      throw new TrainingError(
        'training.platform_required',
        'platform is required when kind is platform (e.g. OneTouch)',
        { field: 'platform' },
      );
    return {
      unitId: unit.id,
      kind: dto.kind,
      platform: dto.platform?.trim() || null,
      title: dto.title?.trim() || null,
      date: dto.date,
      participants: dto.participants,
      level: dto.level ?? null,
    };
  }

  async create(dto: TrainingRecordDto, user: AuthUser): Promise<{ id: string }> {
    const record = await this.checked(dto, user);
    const id = await this.dataSource.transaction(async (m) => {
      const created = await this.training.insert(m, record, user.id);
      await this.training.audit(m, user.id, 'created', created, record);
      return created;
    });
    return { id };
  }

  async update(id: string, dto: TrainingRecordDto, user: AuthUser): Promise<TrainingRecord> {
    const record = await this.checked(dto, user);
    const scope = await provinceScope(user, this.units);
    await this.dataSource.transaction(async (m) => {
      const before = await this.training.find(id, scope, m);
      if (!before) throw new TrainingError('training_record.not_found', 'No such training record');
      await this.training.update(m, id, record);
      await this.training.audit(m, user.id, 'updated', id, { before, after: record });
    });
    return (await this.training.find(id, null))!;
  }

  async remove(id: string, user: AuthUser): Promise<void> {
    const scope = await provinceScope(user, this.units);
    await this.dataSource.transaction(async (m) => {
      const before = await this.training.find(id, scope, m);
      if (!before) throw new TrainingError('training_record.not_found', 'No such training record');
      await this.training.remove(m, id);
      await this.training.audit(m, user.id, 'deleted', id, before);
    });
  }

  /**
   * Records from a file, all or nothing: every row is checked (fields, unit, the caller's reach)
   * and written in one transaction only if none has an error. `dryRun`: checked, not written.
   */
  async importTable(
    table: Table,
    user: AuthUser,
    dryRun: boolean,
  ): Promise<{ dryRun: boolean; rows: number; created: number; errors: ImportError[] }> {
    const { records, errors } = readTrainingTable(table);
    const checked: Omit<TrainingRecord, 'id' | 'unit'>[] = [];
    for (const { row, dto } of records) {
      try {
        checked.push(await this.checked(dto, user));
      } catch (error) {
        const message = (error as Error).message;
        errors.push({ row, field: /platform/.test(message) ? 'platform' : 'unit', message });
      }
    }
    errors.sort((a, b) => a.row - b.row);
    const result = { dryRun, rows: table.rows.length, created: 0, errors };
    if (errors.length > 0)
      throw new TrainingError(
        'import.rows_invalid',
        `${errors.length} errors; nothing was written: fix the rows and send the file again`,
        { errors, details: { dryRun, rows: result.rows, created: 0 } },
      );
    if (dryRun) return result;
    await this.dataSource.transaction(async (m) => {
      for (const record of checked) {
        const id = await this.training.insert(m, record, user.id);
        await this.training.audit(m, user.id, 'imported', id, record);
      }
    });
    return { ...result, created: checked.length };
  }

  async list(user: AuthUser, from?: string, to?: string): Promise<TrainingRecord[]> {
    return this.training.list(await provinceScope(user, this.units), from, to);
  }

  async volume(q: TrainingVolumeQueryDto): Promise<VolumeReport> {
    if (q.from && q.to && q.from > q.to)
      throw new ReportError('report.range_inverted', 'from must not be after to', { field: 'to' });
    const tracked = q.groupBy === 'province' ? await this.funnel.startedLearners(q.era, q.from, q.to) : [];
    const rows = rankByTotal(await this.training.volume(q.groupBy, q.era, tracked, q.from, q.to));
    const sum = (k: 'selfOrganised' | 'onPlatform' | 'tracked' | 'total') =>
      rows.reduce((a, r) => a + r[k], 0);
    const [{ now }]: { now: Date }[] = await this.dataSource.query('SELECT now() AS now');
    return {
      groupBy: q.groupBy,
      era: q.era,
      from: q.from ?? null,
      to: q.to ?? null,
      rows,
      totals: {
        selfOrganised: sum('selfOrganised'),
        onPlatform: sum('onPlatform'),
        tracked: sum('tracked'),
        total: sum('total'),
      },
      coverage: { units: rows.length, started: rows.filter((r) => r.total > 0).length },
      dataAsOf: now.toISOString(),
    };
  }

  /** The table as the weekly reports lay it out: rank, unit, self-organised, on the platform, total. */
  volumeTable(report: VolumeReport): ExportTable {
    const unit = report.groupBy === 'province' ? LABELS.province : LABELS.agency;
    const period = `${report.from ? viDate(report.from) : 'đầu chương trình'} đến ${report.to ? viDate(report.to) : 'nay'}`;
    return {
      sheetName: 'Số lượng tập huấn',
      notes: [
        `Số lượng cán bộ được tập huấn, từ ${period}; dữ liệu lúc ${viDateTime(report.dataAsOf)} (giờ Việt Nam). Đã triển khai: ${report.coverage.started}/${report.coverage.units}.`,
        'Tự tổ chức: các lớp đơn vị tự tổ chức. Trên nền tảng: số liệu các nền tảng khác báo cáo cộng số học viên Hocba ghi nhận đã bắt đầu học trong kỳ.',
      ],
      header: [LABELS.rank, unit, LABELS.selfOrganised, LABELS.onPlatform, LABELS.trainedTotal],
      rows: [
        ...report.rows.map((r) => [r.rank, r.label, r.selfOrganised, r.onPlatform, r.total]),
        ['', LABELS.total, report.totals.selfOrganised, report.totals.onPlatform, report.totals.total],
      ],
    };
  }
}
