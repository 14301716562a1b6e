import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CreateCourseDto } from '../dto/create-course.dto';

/** A course: its xAPI activity, what completing it takes, and whether certificates issue themselves. */
@Entity({ name: 'course' })
// Codes are unique in any case: an expression index TypeORM cannot express, so it is not synchronised.
@Index('uq_course_code_any_case', { synchronize: false })
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_pkey' })
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'activity_id', type: 'text' })
  activityId!: string;

  @Column({ type: 'jsonb' })
  completion!: CreateCourseDto['completion'];

  @Column({ type: 'jsonb', default: () => `'{"auto": false}'` })
  certificates!: { auto: boolean };

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
