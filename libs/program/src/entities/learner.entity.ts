import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A person who learns. The CCCD is never stored in clear: a keyed hash finds the person, a sealed
 * copy (encrypted) gives it back to those allowed to see it; erasure empties the personal columns.
 */
@Entity({ name: 'learner' })
@Unique('uq_learner_account', ['accountHomePage', 'accountName'])
@Unique('uq_learner_national_id_hash', ['nationalIdHash'])
@Check('ck_learner_national_id_pair', '(national_id_hash IS NULL) = (national_id_sealed IS NULL)')
// The xAPI actor keys statements are matched by: partial expression indexes TypeORM cannot
// express, so they are not synchronised.
@Index('ix_learner_account_key', { synchronize: false })
@Index('ix_learner_mbox_key', { synchronize: false })
export class LearnerEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'learner_pkey' })
  id!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  /** The name folded for search (no case, no marks). */
  @Column({ name: 'name_key', type: 'text' })
  nameKey!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'account_home_page', type: 'text', nullable: true })
  accountHomePage!: string | null;

  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'national_id_hash', type: 'text', nullable: true })
  nationalIdHash!: string | null;

  @Column({ name: 'national_id_sealed', type: 'text', nullable: true })
  nationalIdSealed!: string | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
