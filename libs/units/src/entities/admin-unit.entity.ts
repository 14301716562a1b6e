import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A province or agency, in the gazette's current era or the legacy one (seeded by migrations). */
@Entity({ name: 'admin_unit' })
@Check('admin_unit_kind_check', `kind = ANY (ARRAY['province'::text, 'agency'::text])`)
@Check('admin_unit_era_check', `era = ANY (ARRAY['legacy'::text, 'current'::text])`)
export class AdminUnitEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'admin_unit_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'province' | 'agency';

  @Column({ type: 'text', nullable: true })
  era!: 'legacy' | 'current' | null;

  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  type!: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  aliases!: string[];

  @Column({ name: 'successor_id', type: 'text', nullable: true })
  @ForeignKey(() => AdminUnitEntity, { name: 'admin_unit_successor_id_fkey' })
  successorId!: string | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
