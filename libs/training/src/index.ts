export { TrainingModule, TrainingWorkerModule } from './training.module';
export { rankByTotal } from './training.service';
export { PeriodQueryDto } from './dto/training.dto';
export { TrainingRecordEntity } from './entities/training-record.entity';
export { ReportPackEntity } from './entities/report-pack.entity';
