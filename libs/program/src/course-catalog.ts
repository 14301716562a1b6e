import { Injectable } from '@nestjs/common';
import { CourseCatalog } from '@hocba/lrs';
import { CoursesRepository } from './courses.repository';

/** The program's courses as the LRS reads them to scope a client to some (CourseCatalog). */
@Injectable()
export class ProgramCourseCatalog extends CourseCatalog {
  constructor(private readonly courses: CoursesRepository) {
    super();
  }

  activitiesOf(codes: string[]): Promise<{ activities: string[]; codes: string[]; unknown: string[] }> {
    return this.courses.courseActivities(codes);
  }
}
