import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ReportPackEntity } from './entities/report-pack.entity';

/** The weekly packs' rows: where each week's files are stored, and the figures they were built from. */
@Injectable()
export class ReportPacksRepository {
  constructor(@InjectRepository(ReportPackEntity) private readonly packs: Repository<ReportPackEntity>) {}

  /** Every pack, newest week first (without the figures). */
  list(): Promise<Omit<ReportPackEntity, 'figures' | 'builtBy'>[]> {
    return this.packs.find({
      select: {
        week: true,
        startsOn: true,
        endsOn: true,
        era: true,
        xlsxKey: true,
        pdfKey: true,
        builtAt: true,
      },
      order: { week: 'DESC' },
    });
  }

  /** The storage keys of a week's files, if its pack was built. */
  async files(week: string): Promise<{ xlsxKey: string; pdfKey: string } | undefined> {
    const pack = await this.packs.findOne({ select: { xlsxKey: true, pdfKey: true }, where: { week } });
    return pack ?? undefined;
  }

  /** Records a week's pack, replacing an earlier build of the same week; answers when it was built. */
  async save(pack: Omit<ReportPackEntity, 'builtAt'>): Promise<Date> {
    const { raw } = await this.packs
      .createQueryBuilder()
      .insert()
      .values({ ...pack, builtAt: () => 'now()' })
      .orUpdate(['era', 'xlsx_key', 'pdf_key', 'figures', 'built_at', 'built_by'], ['week'])
      .returning(['builtAt'])
      .execute();
    return (raw as { built_at: Date }[])[0].built_at;
  }
}
