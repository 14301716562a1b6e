import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Raw, type Repository } from 'typeorm';
import type { CreateCourseDto } from './dto/create-course.dto';
import { CourseEntity } from './entities/course.entity';

export interface Course {
  id: string;
  code: string;
  title: string;
  activityId: string;
  completion: CreateCourseDto['completion'];
  certificates: { auto: boolean };
}

const toCourse = (c: CourseEntity): Course => ({
  id: c.id,
  code: c.code,
  title: c.title,
  activityId: c.activityId,
  completion: c.completion,
  certificates: c.certificates,
});

@Injectable()
export class CoursesRepository {
  constructor(@InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>) {}

  /** Undefined when a course has the code in any case (codes are unique regardless of case). */
  async insert(c: CreateCourseDto): Promise<Course | undefined> {
    // ON CONFLICT DO NOTHING: a code taken in any case (the unique index on lower(code)) is an
    // answer, not a failed statement.
    const { raw } = await this.courses
      .createQueryBuilder()
      .insert()
      .values({
        code: c.code,
        title: c.title,
        activityId: c.activityId,
        completion: c.completion,
        certificates: c.certificates ?? { auto: false },
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = raw as { id: string }[];
    // Read back: the rules as jsonb stored them (the answer shows what the course holds).
    return row && toCourse(await this.courses.findOneByOrFail({ id: row.id }));
  }

  /** The course with this code written in any case ("DA06-K1" finds "da06-k1"). */
  async byCode(code: string): Promise<Course | undefined> {
    const course = await this.courses.findOneBy({ code: Raw((k) => `lower(${k}) = lower(:code)`, { code }) });
    return course ? toCourse(course) : undefined;
  }

  async list(): Promise<Course[]> {
    return (await this.courses.find({ order: { code: 'ASC' } })).map(toCourse);
  }
}
