import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit, redactAuditForErasure } from '@hocba/audit';
import type { AuthUser } from '@hocba/auth';
import { CertificatesRepository, CertificateStore, LearnerLinksRepository } from '@hocba/certificates';
import { HocbaConfig } from '@hocba/config';
import { LrsStore } from '@hocba/lrs';
import { EnrollmentsService, LearnersService } from '@hocba/program';
import { ProgressService } from '@hocba/progress';
import { ErasureError } from './erasure.errors';

/** What an erased learner is called from then on, everywhere the name was shown. */
export const ERASED_NAME = 'Người học đã xoá';
const ERASED_REASON = 'Xoá dữ liệu cá nhân theo yêu cầu';
const ERASED_TEXT = '[đã xoá]';

export interface ErasureSummary {
  learnerId: string;
  erasedAt: string;
  enrollments: number;
  certificates: number;
  statements: number;
  documents: number;
}

export interface LearnerFound {
  id: string;
  fullName: string;
  enrollments: number;
  erasedAt: string | null;
}

/**
 * Erasure of one learner's personal data on request. The learner keeps their id and their seats,
 * so every count stays as it was; what named them goes: name, CCCD, e-mail, phone and platform
 * account (replaced by a pseudonymous account that their stored statements now carry as actor, so
 * a rebuild of progress finds the same milestones), the name on their certificates (revoked, PDF
 * deleted), their learner links, the xAPI documents kept under their agent (state, profiles), free-text reasons in the audit entries about their seats and
 * certificates, the values before and after in the audit entries of corrections to their identity.
 * One transaction, each table changed by the lib that owns it; files are deleted after it commits.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CertificateStore,
    private readonly config: HocbaConfig,
    private readonly learners: LearnersService,
    private readonly enrollments: EnrollmentsService,
    private readonly certificates: CertificatesRepository,
    private readonly links: LearnerLinksRepository,
    private readonly lrs: LrsStore,
    private readonly progress: ProgressService,
  ) {}

  /** The learner holding a CCCD, found by its keyed hash under every key of the ring. */
  async findByNationalId(nationalId: string): Promise<LearnerFound[]> {
    const rows = await this.learners.findByNationalId(nationalId);
    return rows.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      enrollments: r.enrollments,
      erasedAt: r.erasedAt?.toISOString() ?? null,
    }));
  }

  async erase(learnerId: string, reason: string, by: AuthUser): Promise<ErasureSummary> {
    const { summary, files } = await this.dataSource.transaction(async (m) => {
      const learner = await this.learners.lockForErasure(m, learnerId);
      if (!learner) throw new ErasureError('learner.not_found', `No learner ${learnerId}`);
      if (learner.erasedAt)
        throw new ErasureError(
          'learner.already_erased',
          `The learner was already erased on ${learner.erasedAt.toISOString()}`,
          { params: { erasedAt: learner.erasedAt.toISOString() } },
        );

      const pseudonym = { homePage: `${this.config.publicUrl}/erased`, name: learnerId };
      const oldKeys = [
        learner.accountName && `account:${learner.accountHomePage}|${learner.accountName}`,
        learner.email && `mbox:mailto:${learner.email}`,
      ].filter((k): k is string => !!k);

      const erasedAt = await this.learners.pseudonymise(m, learnerId, {
        fullName: ERASED_NAME,
        account: pseudonym,
      });
      const enrollmentIds = await this.enrollments.idsOfLearner(learnerId, m);
      const certificates = await this.certificates.eraseHolder(m, enrollmentIds, {
        fullName: ERASED_NAME,
        by: by.id,
        reason: ERASED_REASON,
        earlierReason: ERASED_TEXT,
      });
      await this.links.removeOfLearner(m, learnerId);

      // Their statements: the actor becomes the pseudonym (name and identifiers gone), indexed
      // under it; documents the platforms kept about them (state, agent profiles) go with them.
      const kept = await this.lrs.eraseActor(m, oldKeys, pseudonym);
      await this.progress.forgetUnmatched(m, oldKeys);

      // Free text about them in the audit log (deduction and revocation reasons) is replaced, and
      // corrections of their identity keep only which fields changed.
      await redactAuditForErasure(m, {
        learnerId,
        enrollmentIds,
        certificateIds: certificates.map((c) => c.id),
        replacement: ERASED_TEXT,
      });
      const summary: ErasureSummary = {
        learnerId,
        erasedAt: erasedAt.toISOString(),
        enrollments: enrollmentIds.length,
        certificates: certificates.length,
        statements: kept.statements,
        documents: kept.documents,
      };
      await appendAudit(m, {
        by: by.id,
        action: 'erased',
        entity: 'learner',
        entityId: learnerId,
        detail: { reason, ...summary },
      });
      return { summary, files: certificates.flatMap((c) => (c.storageKey ? [c.storageKey] : [])) };
    });
    for (const key of files) {
      await this.store.remove(key).catch((error: unknown) => {
        this.logger.error(
          `Erasure of learner ${learnerId}: could not delete a certificate file (${(error as Error).message})`,
        );
      });
    }
    return summary;
  }
}
