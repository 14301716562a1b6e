export { CertificatesModule, CertificatesWorkerModule } from './certificates.module';
export { CertificatesCoreModule } from './certificates-core.module';
export { CertificatesRepository, type CertificateRow } from './certificates.repository';
export { CertificateReconciler } from './certificate-reconciler';
export { renderCertificatePdf, type CertificateContent } from './certificate-pdf';
export { maskName, verificationCode } from './certificate-codes';
