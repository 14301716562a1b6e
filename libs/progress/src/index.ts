export { ProgressModule } from './progress.module';
export { ProgressProjection } from './progress-projection';
export { OnCompleted, type CompletionHook } from './completion-hook';
export { ProgressService } from './progress.service';
export type { SeatMilestones } from './progress.repository';
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
