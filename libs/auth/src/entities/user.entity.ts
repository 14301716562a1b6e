import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../auth-user';

/** A person who signs in to administer: a role, and the provinces a coordinator may see. */
@Entity({ name: 'app_user' })
@Check(
  'app_user_role_check',
  `role = ANY (ARRAY['national-admin'::text, 'national-viewer'::text, 'coordinator'::text])`,
)
// Usernames are unique in any case: an expression index TypeORM cannot express, so it is not synchronised.
@Index('uq_app_user_username_lower', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'app_user_pkey' })
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'province_ids', type: 'text', array: true, default: () => `'{}'` })
  provinceIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
