import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificateEntity } from './entities/certificate.entity';
import { CertificatesRepository } from './certificates.repository';

/** Certificate rows, for whoever requests one (the progress projection, in the statements' transaction). */
@Module({
  imports: [TypeOrmModule.forFeature([CertificateEntity])],
  providers: [CertificatesRepository],
  exports: [CertificatesRepository],
})
export class CertificatesCoreModule {}
