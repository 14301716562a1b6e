export { ProgramModule, ProgramWorkerModule } from './program.module';
export { parseLearner, type LearnerInput, type RowError } from './learner-input';
export { CohortsRepository, type Cohort } from './cohorts.repository';
export { CohortAccess } from './cohort-access';
