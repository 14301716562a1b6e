import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LrsScope } from '../clients/lrs-client';

/**
 * A learning platform allowed to use the LRS: its Basic key and hashed secret, its xAPI scopes, and
 * optionally the courses (and activity IRIs) it may write for.
 */
@Entity({ name: 'lrs_client' })
@Unique('uq_lrs_client_key', ['key'])
export class LrsClientEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'lrs_client_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: LrsScope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'course_codes', type: 'text', array: true, nullable: true })
  courseCodes!: string[] | null;

  @Column({ name: 'activity_scope', type: 'text', array: true, nullable: true })
  activityScope!: string[] | null;
}
