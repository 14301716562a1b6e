import { Module } from '@nestjs/common';
import { JobsModule, JobsWorkerModule } from '@hocba/jobs';
import { ProgramModule } from '@hocba/program';
import { CertificateReconciler } from './certificate-reconciler';
import { CertificateRenderHandler } from './certificate-render.handler';
import { CERTIFICATE_STORE_PROVIDER } from './certificate-store';
import { CertificatesCoreModule } from './certificates-core.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { CohortCertificatesHandler } from './cohort-certificates.handler';
import { CertificatesZipHandler } from './certificates-zip.handler';
import { VerifyController } from './verify.controller';
import { LearnerLinksController } from './learner-links.controller';
import { LearnerLinksRepository } from './learner-links.repository';
import { LrsClientsModule } from '@hocba/lrs';

/** Certificates in the API: staff endpoints and public verification. */
@Module({
  imports: [JobsModule, CertificatesCoreModule, LrsClientsModule, ProgramModule],
  controllers: [CertificatesController, VerifyController, LearnerLinksController],
  providers: [CertificatesService, CERTIFICATE_STORE_PROVIDER, LearnerLinksRepository],
})
export class CertificatesModule {}

/** Certificates in the worker: rendering, cohort issues, and the recheck of what is still pending. */
@Module({
  imports: [JobsWorkerModule, CertificatesCoreModule],
  providers: [
    CERTIFICATE_STORE_PROVIDER,
    CertificateRenderHandler,
    CohortCertificatesHandler,
    CertificatesZipHandler,
    CertificateReconciler,
  ],
})
export class CertificatesWorkerModule {}
