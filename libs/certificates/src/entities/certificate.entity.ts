import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

// Foreign keys into another lib's table name its entity (registered by that lib's module) rather
// than import it: entity files add no edge, and so no import cycle, to the graph of libs.
/**
 * A certificate of completion for a seat: requested (pending), rendered and stored (issued, with
 * the PDF's hash), or revoked. What it says (name, course, cohort, province, unit) is copied in at
 * issue, so a later edit of those does not change a certificate already given.
 */
@Entity({ name: 'certificate' })
@Unique('uq_certificate_number', ['number'])
@Unique('uq_certificate_code', ['code'])
@Check('certificate_state_check', `state = ANY (ARRAY['pending'::text, 'issued'::text, 'revoked'::text])`)
// One live certificate per seat, and the queue of pending ones: partial indexes (TypeORM would not
// compare their WHERE), so they are not synchronised.
@Index('ux_certificate_enrollment', { synchronize: false })
@Index('ix_certificate_pending', { synchronize: false })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'certificate_pkey' })
  id!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  @ForeignKey('EnrollmentEntity', { name: 'certificate_enrollment_id_fkey' })
  enrollmentId!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'issued' | 'revoked';

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'certificate_requested_by_fkey' })
  requestedBy!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  @Index('ix_certificate_sha256')
  @Column({ type: 'text', nullable: true })
  sha256!: string | null;

  @Column({ type: 'integer', nullable: true })
  size!: number | null;

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ name: 'full_name', type: 'text', nullable: true })
  fullName!: string | null;

  @Column({ name: 'course_title', type: 'text', nullable: true })
  courseTitle!: string | null;

  @Column({ name: 'cohort_title', type: 'text', nullable: true })
  cohortTitle!: string | null;

  @Column({ name: 'province_name', type: 'text', nullable: true })
  provinceName!: string | null;

  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'certificate_revoked_by_fkey' })
  revokedBy!: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => CertificateEntity, { name: 'certificate_replaces_fkey' })
  replaces!: string | null;
}
