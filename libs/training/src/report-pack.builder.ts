import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@hocba/auth';
import { CertificateStore, vietnamesePdf } from '@hocba/certificates';
import { FunnelQueryDto, FunnelService, percent, type FunnelReport } from '@hocba/reports';
import { LABELS, rateLabel, toXlsx, type ExportTable } from '@hocba/spreadsheets';
import { UnitsService, viDate, viDateTime } from '@hocba/units';
import { TrainingVolumeQueryDto } from './dto/training.dto';
import { weekBounds, weekLabel } from './iso-week';
import { ReportPacksRepository } from './report-packs.repository';
import { TrainingService, type VolumeReport } from './training.service';

export interface ReportPack {
  week: string;
  label: string;
  startsOn: string;
  endsOn: string;
  era: 'legacy' | 'current';
  builtAt: string;
}

/** The national team's view, for figures the pack gathers (no province scope). */
const NATIONAL: AuthUser = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'weekly-pack',
  role: 'national-viewer',
  provinceIds: [],
  sessionId: '',
};
/** From 1 July 2025 the reports count 34 provinces; before, 63. */
const CURRENT_MAP_FROM = '2025-07-01';
const dmy = viDate;

/**
 * Builds the pack of an ISO week: one workbook (the funnel by province as of the week's Sunday,
 * the training volume up to it, the lagging provinces) and a short PDF summary in Vietnamese,
 * stored for download. Built again, a week's pack replaces the earlier files in the list (the
 * earlier files stay in storage).
 */
@Injectable()
export class ReportPackBuilder {
  private readonly logger = new Logger(ReportPackBuilder.name);

  constructor(
    private readonly funnel: FunnelService,
    private readonly training: TrainingService,
    private readonly units: UnitsService,
    private readonly store: CertificateStore,
    private readonly packs: ReportPacksRepository,
  ) {}

  async build(week: string, builtBy: string | null): Promise<ReportPack> {
    const bounds = weekBounds(week);
    if (!bounds) throw new Error(`no ISO week ${week}`);
    const era = bounds.end >= CURRENT_MAP_FROM ? 'current' : 'legacy';
    const funnel = await this.funnel.report(
      Object.assign(new FunnelQueryDto(), { groupBy: 'province', era, asOf: bounds.end }),
      NATIONAL,
    );
    const volume = await this.training.volume(
      Object.assign(new TrainingVolumeQueryDto(), { groupBy: 'province', era, to: bounds.end }),
    );
    const lagging = await this.lagging(funnel, era);
    const xlsx = await toXlsx([
      this.funnel.table(funnel),
      this.training.volumeTable(volume),
      laggingTable(lagging, week),
    ]);
    const pdf = await summaryPdf(week, bounds, funnel, volume, lagging);
    const stamp = Date.now().toString(36);
    const keys = { xlsx: `packs/${week}-${stamp}.xlsx`, pdf: `packs/${week}-${stamp}.pdf` };
    await this.store.put(keys.xlsx, xlsx);
    await this.store.put(keys.pdf, pdf);
    const figures = {
      funnel: funnel.totals,
      coverage: funnel.coverage,
      volume: volume.totals,
      lagging: lagging.length,
    };
    const builtAt = await this.packs.save({
      week,
      startsOn: bounds.start,
      endsOn: bounds.end,
      era,
      xlsxKey: keys.xlsx,
      pdfKey: keys.pdf,
      figures,
      builtBy,
    });
    this.logger.log(`Report pack ${week} built`);
    return {
      week,
      label: weekLabel(week),
      startsOn: bounds.start,
      endsOn: bounds.end,
      era,
      builtAt: builtAt.toISOString(),
    };
  }

  /** Provinces of the map with no learner started, then the five lowest completion rates among the others. */
  private async lagging(
    funnel: FunnelReport,
    era: 'legacy' | 'current',
  ): Promise<{ province: string; reason: string; rate: number | null }[]> {
    const started = new Set(funnel.rows.filter((r) => r.started > 0).map((r) => r.key));
    const none = (await this.units.list(era))
      .filter((u) => !started.has(u.id))
      .map((u) => ({ province: u.name, reason: 'Chưa có học viên bắt đầu học', rate: null }));
    const low = funnel.rows
      .filter((r) => r.started > 0)
      .sort(
        (a, b) => (a.rates.completed ?? 0) - (b.rates.completed ?? 0) || a.label.localeCompare(b.label, 'vi'),
      )
      .slice(0, 5)
      .map((r) => ({ province: r.label, reason: 'Tỷ lệ hoàn thành thấp', rate: r.rates.completed }));
    return [...low, ...none];
  }
}

function laggingTable(
  rows: { province: string; reason: string; rate: number | null }[],
  week: string,
): ExportTable {
  return {
    sheetName: 'Tỉnh chậm triển khai',
    notes: [`Các tỉnh, thành phố chậm triển khai - ${weekLabel(week)}.`],
    header: [LABELS.province, LABELS.reason, rateLabel('completed')],
    rows: rows.map((r) => [r.province, r.reason, r.rate]),
    percentColumns: [2],
  };
}

/** Two pages at most: the week's headline figures, the leaders and the lagging provinces. */
function summaryPdf(
  week: string,
  bounds: { start: string; end: string },
  funnel: FunnelReport,
  volume: VolumeReport,
  lagging: { province: string; reason: string }[],
): Promise<Buffer> {
  const { doc, bytes: done } = vietnamesePdf({
    size: 'A4',
    margin: 56,
    info: { Title: `Báo cáo ${weekLabel(week)}`, Author: 'Hocba' },
  });
  const t = funnel.totals;
  const line = (text: string) => doc.font('regular').fontSize(11).text(text, { paragraphGap: 4 });
  doc.font('bold').fontSize(16).text('BÁO CÁO TIẾN ĐỘ ĐÀO TẠO, BỒI DƯỠNG TRỰC TUYẾN', { align: 'center' });
  doc
    .font('regular')
    .fontSize(12)
    .text(`${weekLabel(week)} (${dmy(bounds.start)} - ${dmy(bounds.end)})`, { align: 'center' });
  doc.moveDown();
  doc.font('bold').fontSize(12).text('1. Học trực tuyến trên nền tảng');
  line(
    `Ghi danh: ${t.enrolled} lượt (${t.learners} học viên). ${LABELS.activated}: ${t.activated} (${percent(t.rates.activated)}).`,
  );
  line(
    `${LABELS.started}: ${t.started} (${percent(t.rates.started)}). ${LABELS.completed}: ${t.completed} (${percent(t.rates.completed)}). ${LABELS.passed}: ${t.passed}. ${LABELS.certified}: ${t.certified}.`,
  );
  line(
    `Số tỉnh, thành phố đã có học viên bắt đầu học: ${funnel.coverage.started}/${funnel.coverage.provinces}.`,
  );
  const leaders = funnel.rows.filter((r) => r.rank !== undefined).slice(0, 5);
  if (leaders.length)
    line(
      `${rateLabel('completed')} cao nhất: ${leaders.map((r) => `${r.rank}. ${r.label} (${percent(r.rates.completed)})`).join('; ')}.`,
    );
  doc.moveDown(0.5);
  doc.font('bold').fontSize(12).text('2. Số lượng cán bộ được tập huấn');
  line(
    `Tổng số: ${volume.totals.total} (tự tổ chức: ${volume.totals.selfOrganised}; trên nền tảng: ${volume.totals.onPlatform}). Đã triển khai: ${volume.coverage.started}/${volume.coverage.units} tỉnh, thành phố.`,
  );
  const top = volume.rows.filter((r) => r.total > 0).slice(0, 5);
  if (top.length) line(`Dẫn đầu: ${top.map((r) => `${r.rank}. ${r.label} (${r.total})`).join('; ')}.`);
  doc.moveDown(0.5);
  doc.font('bold').fontSize(12).text('3. Các tỉnh, thành phố chậm triển khai');
  const none = lagging.filter((l) => l.reason.startsWith('Chưa'));
  line(
    `${none.length} tỉnh, thành phố chưa có học viên bắt đầu học${none.length ? `: ${none.map((l) => l.province).join(', ')}` : ''}.`,
  );
  const low = lagging.filter((l) => !l.reason.startsWith('Chưa'));
  if (low.length) line(`Tỷ lệ hoàn thành thấp: ${low.map((l) => l.province).join(', ')}.`);
  doc.moveDown();
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#4a5568')
    .text(
      `Số liệu đến hết ngày ${dmy(bounds.end)} (giờ Việt Nam); lập lúc ${viDateTime(funnel.dataAsOf)}. Chi tiết trong tệp Excel kèm theo.`,
    );
  doc.end();
  return done;
}
