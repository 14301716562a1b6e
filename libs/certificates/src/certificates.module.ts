import { Module } from '@nestjs/common';
import { AuthModule } from '@hocba/auth';
import { JobsModule, JobsWorkerModule } from '@hocba/jobs';
import { LrsClientsModule } from '@hocba/lrs';
import { ProgramCoreModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { UnitsModule } from '@hocba/units';
import { CertificateReconciler } from './certificate-reconciler';
import { CertificateRenderHandler } from './certificate-render.handler';
import { CertificatesCoreModule } from './certificates-core.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { CohortCertificatesHandler } from './cohort-certificates.handler';
import { CertificatesZipHandler } from './certificates-zip.handler';
import { VerifyController } from './verify.controller';
import { LearnerLinksController } from './learner-links.controller';
import { LearnerLinksService } from './learner-links.service';

/** Certificates in the API: staff endpoints, public verification, learner links. */
@Module({
  imports: [
    CertificatesCoreModule,
    JobsModule,
    LrsClientsModule,
    ProgramCoreModule,
    ProgressModule,
    AuthModule,
    UnitsModule,
  ],
  controllers: [CertificatesController, VerifyController, LearnerLinksController],
  providers: [CertificatesService, LearnerLinksService],
})
export class CertificatesModule {}

/** Certificates in the worker: rendering, cohort issues, and the recheck of what is still pending. */
@Module({
  imports: [JobsWorkerModule, CertificatesCoreModule],
  providers: [
    CertificateRenderHandler,
    CohortCertificatesHandler,
    CertificatesZipHandler,
    CertificateReconciler,
  ],
})
export class CertificatesWorkerModule {}
