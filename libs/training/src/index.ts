export { TrainingModule } from './training.module';
export { rankByTotal } from './training.service';
