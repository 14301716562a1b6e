import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { HocbaConfig } from '@hocba/config';
import { vietnamDay } from '@hocba/units';
import { HandlesJob, type JobHandler } from '@hocba/jobs';
import type { JobPayloads } from '@hocba/queue';
import { renderCertificatePdf } from './certificate-pdf';
import { CertificateStore } from './certificate-store';
import { CertificatesRepository } from './certificates.repository';

/**
 * Renders one requested certificate, stores its bytes and records it as issued. Idempotent: a
 * certificate already issued is left alone; a run that loses the race to another (after a worker
 * was killed mid-job) stored its bytes under a name of their own, which nothing points to.
 */
@Injectable()
@HandlesJob('certificate-render')
export class CertificateRenderHandler implements JobHandler<'certificate-render'> {
  private readonly logger = new Logger(CertificateRenderHandler.name);

  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly store: CertificateStore,
    private readonly config: HocbaConfig,
  ) {}

  async run({ certificateId }: JobPayloads['certificate-render']): Promise<void> {
    const certificate = await this.certificates.findById(certificateId);
    if (!certificate || certificate.state !== 'pending') return;
    const at = new Date();
    const issuedOn = vietnamDay(at);
    const pdf = await renderCertificatePdf({
      number: certificate.number,
      code: certificate.code,
      verifyUrl: `${this.config.publicUrl}/v/${certificate.code}`,
      fullName: certificate.fullName,
      courseTitle: certificate.courseTitle,
      cohortTitle: certificate.cohortTitle,
      province: certificate.provinceName,
      unit: certificate.unit,
      issuedOn,
      issuer: this.config.HOCBA_ISSUER_NAME,
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const storageKey = `${issuedOn.slice(0, 4)}/${certificate.number}-${sha256.slice(0, 16)}.pdf`;
    await this.store.put(storageKey, pdf);
    const issued = await this.certificates.markIssued(certificate.id, {
      at,
      sha256,
      size: pdf.length,
      storageKey,
      printed: certificate,
    });
    if (issued) this.logger.log(`Certificate ${certificate.number} issued (${pdf.length} bytes)`);
  }
}
