export { CertificatesModule, CertificatesWorkerModule } from './certificates.module';
export { CertificatesCoreModule } from './certificates-core.module';
export { CertificatesRepository, type CertificateRow } from './certificates.repository';
export { CertificateReconciler } from './certificate-reconciler';
export { renderCertificatePdf, vietnamesePdf, type CertificateContent } from './certificate-pdf';
export { CertificateStore } from './certificate-store';
export { LearnerLinksRepository } from './learner-links.repository';
export { maskName, verificationCode } from './certificate-codes';
export { CertificateEntity } from './entities/certificate.entity';
