import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JobName } from '@hocba/queue';

// Foreign keys into another lib's table name its entity (registered by that lib's module) rather
// than import it: entity files add no edge, and so no import cycle, to the graph of libs.
/** A background job a user asked for (an import, an export): what it was given and how it ended. */
@Entity({ name: 'job' })
@Check(
  'job_state_check',
  `state = ANY (ARRAY['queued'::text, 'active'::text, 'completed'::text, 'failed'::text])`,
)
@Index('ix_job_created_by', ['createdBy', 'createdAt'])
export class JobEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'job_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: JobName;

  @Column({ type: 'text', default: 'queued' })
  state!: 'queued' | 'active' | 'completed' | 'failed';

  @Column({ type: 'jsonb', default: () => `'{}'` })
  params!: Record<string, unknown>;

  @Column({ type: 'bytea', nullable: true })
  input!: Buffer | null;

  @Column({ name: 'input_name', type: 'text', nullable: true })
  inputName!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Who asked (no foreign key: jobs outlive nothing, and the worker also starts jobs of its own). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'province_id', type: 'text', nullable: true })
  @ForeignKey('AdminUnitEntity', { name: 'job_province_id_fkey' })
  provinceId!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
