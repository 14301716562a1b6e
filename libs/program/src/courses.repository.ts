import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateCourseDto } from './dto/create-course.dto';

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

  async list(): Promise<Course[]> {
    const rows: CourseRow[] = await this.dataSource.query(`SELECT * FROM course ORDER BY code`);
    return rows.map(toCourse);
  }
}
