import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnCompleted, type CompletionHook } from '@hocba/progress';
import { CertificatesRepository } from './certificates.repository';

/**
 * A seat's completion requests its certificate, where its course issues them automatically, in
 * the transaction that recorded the completion (the statements', or an enrollment's rebuild).
 */
@Injectable()
@OnCompleted()
export class AutomaticCertificates implements CompletionHook {
  constructor(private readonly certificates: CertificatesRepository) {}

  async onCompleted(m: EntityManager, enrollmentIds: string[]): Promise<void> {
    await this.certificates.request(m, enrollmentIds, { automatic: true });
  }
}
