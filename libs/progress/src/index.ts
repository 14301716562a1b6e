export { ProgressModule } from './progress.module';
export { ProgressProjection } from './progress-projection';
export {
  fold,
  signalsOf,
  ruleMet,
  VERBS,
  type CourseRule,
  type Progress,
  type Mark,
  type MoveOn,
} from './milestones';
