export { ProgramModule, ProgramWorkerModule } from './program.module';
export { parseLearner, type LearnerInput, type RowError } from './learner-input';
export { readUpload, type Upload } from './imports/upload';
export { CohortsRepository, type Cohort } from './cohorts.repository';
export { CohortAccess } from './cohort-access';
export { CourseEntity } from './entities/course.entity';
export { CohortEntity } from './entities/cohort.entity';
export { LearnerEntity } from './entities/learner.entity';
export { EnrollmentEntity } from './entities/enrollment.entity';
