import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsCoreModule } from '@hocba/jobs';
import { ProgramCoreModule } from '@hocba/program';
import { ProgressModule } from '@hocba/progress';
import { AutomaticCertificates } from './automatic-certificates.hook';
import { CERTIFICATE_STORE_PROVIDER, CertificateStore } from './certificate-store';
import { CertificateEntity } from './entities/certificate.entity';
import { CertificatesRepository } from './certificates.repository';
import { LearnerLinksRepository } from './learner-links.repository';

/**
 * Certificates in every process: their rows, the requests a completion makes (in the statements'
 * transaction: AutomaticCertificates, an @OnCompleted provider, so every app that projects
 * progress imports this), the learner links' rows, and the store of PDFs and archives.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CertificateEntity]), JobsCoreModule, ProgramCoreModule, ProgressModule],
  providers: [
    CertificatesRepository,
    LearnerLinksRepository,
    AutomaticCertificates,
    CERTIFICATE_STORE_PROVIDER,
  ],
  exports: [CertificatesRepository, LearnerLinksRepository, CertificateStore],
})
export class CertificatesCoreModule {}
