import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@hocba/auth';
import { JobsRepository, OutboxRelay } from '@hocba/jobs';
import { LABELS, type ExportTable } from '@hocba/spreadsheets';
import { provinceScope, UnitsService, viDate, viDateTime, type ProvinceScope } from '@hocba/units';
import { CODE_PATTERN, maskName, normaliseCode } from './certificate-codes';
import { CertificateStore } from './certificate-store';
import { CertificatesRepository, type CertificateRow } from './certificates.repository';
import { CertificateError } from './certificates.errors';

/** What anyone holding a code (or the PDF) is told: no personal data beyond a masked name. */
export interface PublicCertificate {
  status: 'valid' | 'revoked' | 'pending';
  number: string;
  learner: string;
  course: string;
  province: string;
  issuedAt: string | null;
  revokedAt?: string;
  revokeReason?: string;
}

export function publicView(c: CertificateRow): PublicCertificate {
  return {
    status: c.state === 'issued' ? 'valid' : c.state,
    number: c.number,
    learner: maskName(c.fullName),
    course: c.courseTitle,
    province: c.provinceName,
    issuedAt: c.issuedAt,
    ...(c.state === 'revoked'
      ? { revokedAt: c.revokedAt ?? undefined, revokeReason: c.revokeReason ?? undefined }
      : {}),
  };
}

/** A coordinator's view of a certificate: the full name, the code, the state. */
export function staffView(c: CertificateRow) {
  return {
    number: c.number,
    code: c.code,
    state: c.state,
    enrollmentId: c.enrollmentId,
    fullName: c.fullName,
    course: c.courseTitle,
    cohort: c.cohortTitle,
    province: c.provinceName,
    unit: c.unit,
    requestedAt: c.requestedAt,
    issuedAt: c.issuedAt,
    sha256: c.sha256,
    revokedAt: c.revokedAt,
    revokeReason: c.revokeReason,
    replaces: c.replaces,
  };
}

@Injectable()
export class CertificatesService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly store: CertificateStore,
    private readonly jobs: JobsRepository,
    private readonly relay: OutboxRelay,
    private readonly units: UnitsService,
    private readonly dataSource: DataSource,
  ) {}

  /** A certificate by code, for a signed-in user within their provinces; 404 otherwise. */
  async byCode(code: string, user: AuthUser): Promise<CertificateRow> {
    const found = await this.find(code, await provinceScope(user, this.units));
    if (!found) throw new CertificateError('certificate.not_found', 'No such certificate');
    return found;
  }

  /** For the public: by code, whatever its province; undefined when there is none. */
  verify(code: string): Promise<CertificateRow | undefined> {
    return this.find(code, null);
  }

  /** By a code as people type it; what cannot be a code is looked up nowhere. */
  private async find(code: string, scope: ProvinceScope): Promise<CertificateRow | undefined> {
    const normalised = normaliseCode(code);
    return CODE_PATTERN.test(normalised) ? this.certificates.findByCode(normalised, scope) : undefined;
  }

  /** For the public: the certificate whose PDF had exactly these bytes. */
  verifyBySha256(sha256: string): Promise<CertificateRow | undefined> {
    return this.certificates.findBySha256(sha256);
  }

  async pdf(code: string, user: AuthUser): Promise<{ certificate: CertificateRow; bytes: Buffer }> {
    const certificate = await this.byCode(code, user);
    if (!certificate.storageKey && certificate.state === 'revoked')
      throw new CertificateError(
        'certificate.erased',
        'The certificate was revoked and its file deleted (the learner’s data was erased)',
      );
    if (!certificate.storageKey)
      throw new CertificateError('certificate.pending', 'The certificate is being issued; try again shortly');
    return { certificate, bytes: await this.store.get(certificate.storageKey) };
  }

  async list(cohortId: string, user: AuthUser): Promise<CertificateRow[]> {
    return this.certificates.listByCohort(cohortId, await provinceScope(user, this.units));
  }

  /** Revokes: the certificate stays, its verification answers 410 with the date and the reason. */
  async revoke(code: string, reason: string, user: AuthUser): Promise<CertificateRow> {
    const certificate = await this.byCode(code, user);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.certificates.revoke(m, certificate.id, user.id, reason)))
        throw new CertificateError(
          'certificate.not_issued',
          `The certificate is ${certificate.state}; only an issued one can be revoked`,
          { params: { state: certificate.state } },
        );
      await this.certificates.audit(m, user.id, 'revoked', certificate.id, {
        number: certificate.number,
        reason,
      });
    });
    return (await this.certificates.findById(certificate.id))!;
  }

  /**
   * Reissues (a name written wrongly, say): the old certificate is revoked with the reason, a new
   * one with a new number and code is requested for the same enrollment. Both audited.
   */
  async reissue(code: string, reason: string, user: AuthUser): Promise<CertificateRow> {
    const certificate = await this.byCode(code, user);
    const id = await this.dataSource.transaction(async (m) => {
      if (!(await this.certificates.revoke(m, certificate.id, user.id, `Cấp lại: ${reason}`)))
        throw new CertificateError(
          'certificate.not_issued',
          `The certificate is ${certificate.state}; only an issued one can be reissued`,
          { params: { state: certificate.state } },
        );
      const [next] = await this.certificates.request(m, [certificate.enrollmentId], {
        automatic: false,
        requestedBy: user.id,
        replaces: certificate.id,
      });
      if (!next)
        throw new CertificateError(
          'certificate.not_eligible',
          'The enrollment no longer qualifies for a certificate',
        );
      await this.certificates.audit(m, user.id, 'reissued', certificate.id, {
        number: certificate.number,
        reason,
        replacement: next.id,
      });
      return next.id;
    });
    this.relay.kick();
    return (await this.certificates.findById(id))!;
  }

  /** Starts the job that builds a cohort's ZIP. */
  async startZip(cohort: { id: string; title: string; provinceId: string }, user: AuthUser): Promise<string> {
    const jobId = await this.dataSource.transaction((m) =>
      this.jobs.create(m, {
        kind: 'certificates-zip',
        params: { cohortId: cohort.id, cohortTitle: cohort.title },
        createdBy: user.id,
        provinceId: cohort.provinceId,
      }),
    );
    this.relay.kick();
    return jobId;
  }

  /** The ZIP a finished job of this cohort built; 404 for another cohort's job, 409 until it is done. */
  async zip(cohort: { id: string }, jobId: string, user: AuthUser): Promise<Readable> {
    const job = await this.jobs.find(jobId, await provinceScope(user, this.units), user.id);
    if (!job || job.kind !== 'certificates-zip' || job.params.cohortId !== cohort.id)
      throw new CertificateError('certificate.archive_not_found', 'No such archive for this cohort');
    if (job.state !== 'completed')
      throw new CertificateError('certificate.archive_not_ready', `The archive is not ready (${job.state})`, {
        params: { state: job.state },
      });
    return this.store.stream(`archives/${jobId}.zip`);
  }

  /** Starts "issue to all who qualify" for a cohort the caller may see; answers the job to follow. */
  async issueForCohort(cohort: { id: string; provinceId: string }, user: AuthUser): Promise<string> {
    const jobId = await this.dataSource.transaction((m) =>
      this.jobs.create(m, {
        kind: 'cohort-certificates',
        params: { cohortId: cohort.id },
        createdBy: user.id,
        provinceId: cohort.provinceId,
      }),
    );
    this.relay.kick();
    return jobId;
  }
}

/** Who got which number: the manifest a unit files (in the ZIP too). */
export function manifestTable(rows: CertificateRow[], cohortTitle: string): ExportTable {
  const STATE: Record<string, string> = { issued: 'Đã cấp', pending: 'Đang cấp', revoked: 'Đã thu hồi' };
  return {
    sheetName: 'Giấy chứng nhận',
    notes: [`Danh sách cấp Giấy chứng nhận - ${cohortTitle}; lập lúc ${viDateTime(new Date())}.`],
    header: [
      LABELS.certificateNumber,
      LABELS.fullName,
      LABELS.unit,
      LABELS.province,
      LABELS.course,
      LABELS.issuedOn,
      LABELS.state,
      LABELS.verificationCode,
      LABELS.revokeReason,
    ],
    rows: rows.map((c) => [
      c.number,
      c.fullName,
      c.unit ?? '',
      c.provinceName,
      c.courseTitle,
      viDate(c.issuedAt),
      STATE[c.state],
      c.code,
      c.revokeReason ?? '',
    ]),
  };
}
