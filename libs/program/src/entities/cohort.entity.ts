import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CourseEntity } from './course.entity';

// Foreign keys into another lib's table name its entity (registered by that lib's module) rather
// than import it: entity files add no edge, and so no import cycle, to the graph of libs.
/** A class of one course in one province. */
@Entity({ name: 'cohort' })
// Codes are unique in any case: an expression index TypeORM cannot express, so it is not synchronised.
@Index('uq_cohort_code_any_case', { synchronize: false })
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'cohort_pkey' })
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  @ForeignKey(() => CourseEntity, { name: 'cohort_course_id_fkey' })
  courseId!: string;

  @Index('ix_cohort_province')
  @Column({ name: 'province_id', type: 'text' })
  @ForeignKey('AdminUnitEntity', { name: 'cohort_province_id_fkey' })
  provinceId!: string;

  @Column({ type: 'text', nullable: true })
  wave!: string | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ name: 'planned_size', type: 'integer', nullable: true })
  plannedSize!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
