import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

// Foreign keys into another lib's table name its entity (registered by that lib's module) rather
// than import it: entity files add no edge, and so no import cycle, to the graph of libs.
/** The weekly report pack (XLSX and PDF, stored), one per ISO week, with the figures it was built from. */
@Entity({ name: 'report_pack' })
@Check('report_pack_week_check', `week ~ '^\\d{4}-W\\d{2}$'::text`)
export class ReportPackEntity {
  /** The ISO week, e.g. 2026-W49. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'report_pack_pkey' })
  week!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'text' })
  era!: 'legacy' | 'current';

  @Column({ name: 'xlsx_key', type: 'text' })
  xlsxKey!: string;

  @Column({ name: 'pdf_key', type: 'text' })
  pdfKey!: string;

  @Column({ type: 'jsonb' })
  figures!: object;

  @Column({ name: 'built_at', type: 'timestamptz', default: () => 'now()' })
  builtAt!: Date;

  @Column({ name: 'built_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'report_pack_built_by_fkey' })
  builtBy!: string | null;
}
