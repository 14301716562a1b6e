import { HocbaError, type CodesOf } from '@hocba/errors';

/** Courses, cohorts, enrollments and their imports. */
export class ProgramError extends HocbaError<CodesOf<'course' | 'cohort' | 'enrollment' | 'import'>> {}
