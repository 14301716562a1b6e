import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit } from '../../database/src';
import type { CreateCourseDto, UpdateCourseDto } from './dto/create-course.dto';

export interface Course {
  id: string;
  code: string;
  title: string;
  activityId: string;
  completion: CreateCourseDto['completion'];
  certificates: { auto: boolean };
}

interface CourseRow {
  id: string;
  code: string;
  title: string;
  activity_id: string;
  completion: Course['completion'];
  certificates: Course['certificates'];
}
const toCourse = (r: CourseRow): Course => ({
  id: r.id,
  code: r.code,
  title: r.title,
  activityId: r.activity_id,
  completion: r.completion,
  certificates: r.certificates,
});

@Injectable()
export class CoursesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Undefined when a course has the code in any case (codes are unique regardless of case). */
  async insert(c: CreateCourseDto): Promise<Course | undefined> {
    const rows: CourseRow[] = await this.dataSource.query(
      `INSERT INTO course (code, title, activity_id, completion, certificates) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((lower(code))) DO NOTHING RETURNING *`,
      [
        c.code,
        c.title,
        c.activityId,
        JSON.stringify(c.completion),
        JSON.stringify(c.certificates ?? { auto: false }),
      ],
    );
    return rows[0] && toCourse(rows[0]);
  }

  /** The course with this code written in any case ("DA06-K1" finds "da06-k1"). */
  async byCode(code: string): Promise<Course | undefined> {
    const rows: CourseRow[] = await this.dataSource.query(
      `SELECT * FROM course WHERE lower(code) = lower($1)`,
      [code],
    );
    return rows[0] && toCourse(rows[0]);
  }

  /**
   * Changes a course's title, completion rule or automatic certificates; audited with what it was.
   * The completion rule changes only while no learner of the course has progress: milestones are
   * kept as they were reached under the rule of the time, so a later rule would count some seats
   * by one rule and some by another. Undefined when there is no such course.
   */
  async update(
    code: string,
    changes: UpdateCourseDto,
    by: string,
  ): Promise<Course | 'progressed' | undefined> {
    return this.dataSource.transaction(async (m) => {
      const [row]: CourseRow[] = await m.query(
        `SELECT * FROM course WHERE lower(code) = lower($1) FOR UPDATE`,
        [code],
      );
      if (!row) return undefined;
      const before = toCourse(row);
      const completion = changes.completion ?? before.completion;
      // Compared as jsonb: the same rule whatever the order of its keys.
      const [{ same }]: { same: boolean }[] = await m.query(
        `SELECT completion = $2::jsonb AS same FROM course WHERE id = $1`,
        [row.id, JSON.stringify(completion)],
      );
      if (!same) {
        const [progressed]: unknown[] = await m.query(
          `SELECT 1 FROM cohort c JOIN enrollment e ON e.cohort_id = c.id JOIN enrollment_progress p ON p.enrollment_id = e.id
            WHERE c.course_id = $1 AND (p.activated_at IS NOT NULL OR p.started_at IS NOT NULL OR p.activities <> '{}'::jsonb)
            LIMIT 1`,
          [row.id],
        );
        if (progressed) return 'progressed';
      }
      const [[updated]]: [CourseRow[], number] = await m.query(
        `UPDATE course SET title = $2, completion = $3, certificates = $4 WHERE id = $1 RETURNING *`,
        [
          row.id,
          changes.title ?? before.title,
          JSON.stringify(completion),
          JSON.stringify(changes.certificates ?? before.certificates),
        ],
      );
      const after = toCourse(updated);
      await appendAudit(m, {
        by,
        action: 'updated',
        entity: 'course',
        entityId: row.id,
        detail: {
          before: { title: before.title, completion: before.completion, certificates: before.certificates },
          after: { title: after.title, completion: after.completion, certificates: after.certificates },
        },
      });
      return after;
    });
  }

  async list(): Promise<Course[]> {
    const rows: CourseRow[] = await this.dataSource.query(`SELECT * FROM course ORDER BY code`);
    return rows.map(toCourse);
  }
}
