export { ErasureModule } from './erasure.module';
export { ErasureService, ERASED_NAME, type ErasureSummary } from './erasure.service';
