import { Global, Module } from '@nestjs/common';
import { CertificatesCoreModule } from '../../certificates/src/certificates-core.module';
import { STATEMENT_HOOKS } from '@hocba/lrs';
import { HocbaConfig } from '@hocba/config';
import { ProgressProjection } from './progress-projection';
import { ProgressRepository } from './progress.repository';

/**
 * Learner progress. Global, because the LRS's statement writer takes its hooks by token and
 * enrollment (in the API and the worker) rebuilds the progress of new seats.
 */
@Global()
@Module({
  imports: [CertificatesCoreModule],
  providers: [
    ProgressRepository,
    ProgressProjection,
    {
      provide: STATEMENT_HOOKS,
      useFactory: (p: ProgressProjection, config: HocbaConfig) =>
        config.HOCBA_PROGRESS_PROJECTION === 'off' ? [] : [p],
      inject: [ProgressProjection, HocbaConfig],
    },
  ],
  exports: [ProgressProjection, STATEMENT_HOOKS],
})
export class ProgressModule {}
