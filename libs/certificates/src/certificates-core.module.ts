import { Module } from '@nestjs/common';
import { CertificatesRepository } from './certificates.repository';

/** Certificate rows, for whoever requests one (the progress projection, in the statements' transaction). */
@Module({ providers: [CertificatesRepository], exports: [CertificatesRepository] })
export class CertificatesCoreModule {}
