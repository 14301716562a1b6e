import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

// Foreign keys into another lib's table name its entity (registered by that lib's module) rather
// than import it: entity files add no edge, and so no import cycle, to the graph of libs.
/** A training session a province or agency reports (held by itself, or on a platform), with its headcount. */
@Entity({ name: 'training_record' })
@Check('training_record_kind_check', `kind = ANY (ARRAY['self-organised'::text, 'platform'::text])`)
@Check('training_record_level_check', `level = ANY (ARRAY['tinh'::text, 'huyen'::text, 'xa'::text])`)
@Check('training_record_participants_check', 'participants >= 0')
export class TrainingRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'training_record_pkey' })
  id!: string;

  @Column({ name: 'unit_id', type: 'text' })
  @ForeignKey('AdminUnitEntity', { name: 'training_record_unit_id_fkey' })
  unitId!: string;

  @Column({ type: 'text' })
  kind!: 'self-organised' | 'platform';

  @Column({ type: 'text', nullable: true })
  platform!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Index('ix_training_record_held_on')
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'integer' })
  participants!: number;

  @Column({ type: 'text', nullable: true })
  level!: 'tinh' | 'huyen' | 'xa' | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'training_record_created_by_fkey' })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
