import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { CohortEntity } from './cohort.entity';
import { LearnerEntity } from './learner.entity';

/**
 * A learner's seat in a cohort. A deduction (status 'deducted', with its reason and day) and a
 * replacement (the old seat 'replaced', pointing at the new one, which points back) are stored on
 * the seats themselves. Triggers keep the funnel tally in step with every insert, update, delete.
 */
@Entity({ name: 'enrollment' })
@Unique('uq_enrollment_cohort_learner', ['cohortId', 'learnerId'])
@Check('enrollment_level_check', `level = ANY (ARRAY['tinh'::text, 'huyen'::text, 'xa'::text])`)
@Check('enrollment_sector_check', `sector = ANY (ARRAY['cong-an'::text, 'cbccvc'::text, 'khac'::text])`)
@Check('enrollment_status_check', `status = ANY (ARRAY['active'::text, 'deducted'::text, 'replaced'::text])`)
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'enrollment_pkey' })
  id!: string;

  @Column({ name: 'cohort_id', type: 'uuid' })
  @ForeignKey(() => CohortEntity, { name: 'enrollment_cohort_id_fkey' })
  cohortId!: string;

  @Index('ix_enrollment_learner')
  @Column({ name: 'learner_id', type: 'uuid' })
  @ForeignKey(() => LearnerEntity, { name: 'enrollment_learner_id_fkey' })
  learnerId!: string;

  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Column({ type: 'text', nullable: true })
  level!: 'tinh' | 'huyen' | 'xa' | null;

  @Column({ type: 'text', nullable: true })
  sector!: 'cong-an' | 'cbccvc' | 'khac' | null;

  @Column({ type: 'text', default: 'active' })
  status!: 'active' | 'deducted' | 'replaced';

  @Column({ name: 'deduction_reason', type: 'text', nullable: true })
  deductionReason!: string | null;

  @Column({ name: 'deducted_on', type: 'date', nullable: true })
  deductedOn!: string | null;

  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  @ForeignKey(() => EnrollmentEntity, { name: 'enrollment_replaced_by_fkey' })
  replacedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => EnrollmentEntity, { name: 'enrollment_replaces_fkey' })
  replaces!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** The xAPI registration statements of this seat carry. */
  @Column({ type: 'uuid', nullable: true })
  registration!: string | null;
}
