export { ProgramModule } from './program.module';
export { parseLearner, type LearnerInput, type RowError } from './learner-input';
