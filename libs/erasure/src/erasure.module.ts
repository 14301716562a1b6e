import { Module } from '@nestjs/common';
import { AuthModule } from '@hocba/auth';
import { CertificatesCoreModule } from '@hocba/certificates';
import { LrsCoreModule } from '@hocba/lrs';
import { ProgramCoreModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';

/** A learner's erasure: each lib erases what it keeps about them, in one transaction. */
@Module({
  imports: [AuthModule, CertificatesCoreModule, LrsCoreModule, ProgramCoreModule, ProgressModule],
  controllers: [ErasureController],
  providers: [ErasureService],
})
export class ErasureModule {}
