export { ErasureModule } from './erasure.module';
export { ErasureService, ERASED_NAME, type ErasureSummary, type LearnerFound } from './erasure.service';
