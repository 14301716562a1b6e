import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Raw, type Repository } from 'typeorm';
import { appendAudit } from '@hocba/audit';
import { ProgressService } from '@hocba/progress';
import type { CreateCourseDto, UpdateCourseDto } from './dto/create-course.dto';
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
  constructor(
    @InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>,
    private readonly progress: ProgressService,
  ) {}

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
    return this.courses.manager.transaction(async (m) => {
      const courses = m.getRepository(CourseEntity);
      const row = await courses.findOne({
        where: { code: Raw((k) => `lower(${k}) = lower(:code)`, { code }) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return undefined;
      const before = toCourse(row);
      const completion = changes.completion ?? before.completion;
      // Compared as jsonb: the same rule whatever the order of its keys.
      const [{ same }]: { same: boolean }[] = await m.query(
        `SELECT completion = $2::jsonb AS same FROM course WHERE id = $1`,
        [row.id, JSON.stringify(completion)],
      );
      if (!same) {
        // The seats' progress is the progress lib's to tell.
        const seats: { id: string }[] = await m.query(
          `SELECT e.id FROM cohort c JOIN enrollment e ON e.cohort_id = c.id WHERE c.course_id = $1`,
          [row.id],
        );
        if (
          await this.progress.anyProgress(
            m,
            seats.map((s) => s.id),
          )
        )
          return 'progressed';
      }
      await courses.update(row.id, {
        title: changes.title ?? before.title,
        completion,
        certificates: changes.certificates ?? before.certificates,
      });
      const after = toCourse(await courses.findOneByOrFail({ id: row.id }));
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

  /**
   * The activity IRIs of courses by code (each course's own, its required activities, its exam), the
   * courses' codes as stored, and the codes no course has. A code is matched in any case ("DA06-K1"
   * finds "da06-k1"), as course codes are unique regardless of case. SQL: one round trip answers
   * the codes in the order asked, with those no course has, which a repository's find cannot.
   */
  async courseActivities(
    codes: string[],
  ): Promise<{ activities: string[]; codes: string[]; unknown: string[] }> {
    const rows: {
      asked: string;
      code: string | null;
      activity_id: string | null;
      completion: { requiredActivities?: string[]; exam?: { activityId: string } } | null;
    }[] = await this.courses.query(
      `SELECT a.asked, k.code, k.activity_id, k.completion
         FROM unnest($1::text[]) WITH ORDINALITY AS a (asked, n) LEFT JOIN course k ON lower(k.code) = lower(a.asked)
        ORDER BY a.n`,
      [codes],
    );
    const found = rows.filter((r) => r.code !== null);
    const activities = found.flatMap((r) => [
      r.activity_id as string,
      ...(r.completion?.requiredActivities ?? []),
      ...(r.completion?.exam ? [r.completion.exam.activityId] : []),
    ]);
    return {
      activities: [...new Set(activities)],
      codes: [...new Set(found.map((r) => r.code as string))],
      unknown: rows.filter((r) => r.code === null).map((r) => r.asked),
    };
  }

  async list(): Promise<Course[]> {
    return (await this.courses.find({ order: { code: 'ASC' } })).map(toCourse);
  }
}
