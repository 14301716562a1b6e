export { TrainingModule, TrainingWorkerModule } from './training.module';
export { rankByTotal } from './training.service';
