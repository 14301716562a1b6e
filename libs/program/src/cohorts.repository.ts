import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Raw, type Repository } from 'typeorm';
import type { ProvinceScope } from '@hocba/units';
import { CohortEntity } from './entities/cohort.entity';

export interface Cohort {
  id: string;
  code: string;
  title: string;
  courseCode: string;
  provinceId: string;
  province: string;
  wave: string | null;
  startsOn: string | null;
  endsOn: string | null;
  plannedSize: number | null;
}

// Reads stay SQL: one statement joins the course's code and the province's name and filters by
// the caller's provinces.
const SELECT = `SELECT c.id, c.code, c.title, k.code AS course_code, c.province_id, u.name AS province, c.wave,
                       to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.planned_size
                  FROM cohort c JOIN course k ON k.id = c.course_id JOIN admin_unit u ON u.id = c.province_id`;
interface CohortRow {
  id: string;
  code: string;
  title: string;
  course_code: string;
  province_id: string;
  province: string;
  wave: string | null;
  starts_on: string | null;
  ends_on: string | null;
  planned_size: number | null;
}
const toCohort = (r: CohortRow): Cohort => ({
  id: r.id,
  code: r.code,
  title: r.title,
  courseCode: r.course_code,
  provinceId: r.province_id,
  province: r.province,
  wave: r.wave,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  plannedSize: r.planned_size,
});

/** Every read takes the caller's province scope: a cohort outside it is simply not found. */
@Injectable()
export class CohortsRepository {
  constructor(
    @InjectRepository(CohortEntity) private readonly cohorts: Repository<CohortEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** The new cohort's id; undefined when a cohort has the code in any case (unique regardless of case). */
  async insert(c: {
    code: string;
    title: string;
    courseId: string;
    provinceId: string;
    wave?: string;
    startsOn?: string;
    endsOn?: string;
    plannedSize?: number;
  }): Promise<string | undefined> {
    // ON CONFLICT DO NOTHING: a code taken in any case (the unique index on lower(code)) is an answer.
    const { raw } = await this.cohorts
      .createQueryBuilder()
      .insert()
      .values({
        code: c.code,
        title: c.title,
        courseId: c.courseId,
        provinceId: c.provinceId,
        wave: c.wave ?? null,
        startsOn: c.startsOn ?? null,
        endsOn: c.endsOn ?? null,
        plannedSize: c.plannedSize ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (raw as { id: string }[])[0]?.id;
  }

  /** The code of the cohort that has this code in any case, as it was written. */
  async codeTaken(code: string): Promise<string | undefined> {
    const cohort = await this.cohorts.findOne({
      select: { code: true },
      where: { code: Raw((k) => `lower(${k}) = lower(:code)`, { code }) },
    });
    return cohort?.code;
  }

  async find(id: string, scope: ProvinceScope): Promise<Cohort | undefined> {
    const rows: CohortRow[] = await this.dataSource.query(
      `${SELECT} WHERE c.id = $1 AND ($2::text[] IS NULL OR c.province_id = ANY($2))`,
      [id, scope],
    );
    return rows[0] && toCohort(rows[0]);
  }

  async list(scope: ProvinceScope): Promise<Cohort[]> {
    const rows: CohortRow[] = await this.dataSource.query(
      `${SELECT} WHERE ($1::text[] IS NULL OR c.province_id = ANY($1)) ORDER BY c.code`,
      [scope],
    );
    return rows.map(toCohort);
  }
}
