import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LrsCoreModule } from '@hocba/lrs';
import { ProgressProjection } from './progress-projection';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';

/**
 * Learner progress: the projection the LRS runs in the statements' transaction (an
 * @OnStatementsStored provider) and the program runs when it seats learners.
 */
@Module({
  imports: [DiscoveryModule, LrsCoreModule],
  providers: [ProgressRepository, ProgressProjection, ProgressService],
  exports: [ProgressProjection, ProgressService],
})
export class ProgressModule {}
