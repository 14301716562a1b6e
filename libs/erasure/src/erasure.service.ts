import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@hocba/auth';
import { CertificateStore } from '@hocba/certificates';
import { HocbaConfig } from '@hocba/config';
import { PersonalDataKeys } from '@hocba/privacy';
import { nameKey } from '@hocba/units';
import { appendAudit } from '@hocba/audit';

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
 * One transaction; files are deleted after it commits.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CertificateStore,
    private readonly config: HocbaConfig,
    private readonly keys: PersonalDataKeys,
  ) {}

  /** The learner holding a CCCD, found by its keyed hash under every key of the ring. */
  async findByNationalId(nationalId: string): Promise<LearnerFound[]> {
    const ring = await this.keys.keyring();
    const rows: { id: string; full_name: string; enrollments: number; erased_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT l.id, l.full_name, l.erased_at, (SELECT count(*)::int FROM enrollment e WHERE e.learner_id = l.id) AS enrollments
           FROM learner l WHERE l.national_id_hash = ANY($1::text[])`,
        [ring.hashes(nationalId)],
      );
    return rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      enrollments: r.enrollments,
      erasedAt: r.erased_at?.toISOString() ?? null,
    }));
  }

  async erase(learnerId: string, reason: string, by: AuthUser): Promise<ErasureSummary> {
    const { summary, files } = await this.dataSource.transaction(async (m) => {
      const [learner]: {
        email: string | null;
        account_home_page: string | null;
        account_name: string | null;
        erased_at: Date | null;
      }[] = await m.query(
        `SELECT email, account_home_page, account_name, erased_at FROM learner WHERE id = $1 FOR UPDATE`,
        [learnerId],
      );
      if (!learner) throw new NotFoundException(`No learner ${learnerId}`);
      if (learner.erased_at)
        throw new ConflictException(`The learner was already erased on ${learner.erased_at.toISOString()}`);
      // The audit log accepts this transaction's rewrite of personal data in its entries' detail.
      await m.query(`SELECT set_config('hocba.erasure', 'on', true)`);

      const pseudonym = { homePage: `${this.config.publicUrl}/erased`, name: learnerId };
      const oldKeys = [
        learner.account_name && `account:${learner.account_home_page}|${learner.account_name}`,
        learner.email && `mbox:mailto:${learner.email}`,
      ].filter((k): k is string => !!k);
      const newKey = `account:${pseudonym.homePage}|${pseudonym.name}`;

      // An UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [[{ erased_at }]]: [{ erased_at: Date }[], number] = await m.query(
        `UPDATE learner SET full_name = $2, name_key = $3, national_id_hash = NULL, national_id_sealed = NULL,
                email = NULL, phone = NULL, account_home_page = $4, account_name = $5, erased_at = now()
          WHERE id = $1 RETURNING erased_at`,
        [learnerId, ERASED_NAME, nameKey(ERASED_NAME), pseudonym.homePage, pseudonym.name],
      );
      const enrollments: { id: string }[] = await m.query(`SELECT id FROM enrollment WHERE learner_id = $1`, [
        learnerId,
      ]);
      const enrollmentIds = enrollments.map((e) => e.id);

      const [certificates]: [{ id: string; storage_key: string | null }[], number] = await m.query(
        `WITH old AS (SELECT id, storage_key FROM certificate WHERE enrollment_id = ANY($1::uuid[]) FOR UPDATE)
         UPDATE certificate c SET full_name = $2, storage_key = NULL,
                state = 'revoked', revoked_at = coalesce(c.revoked_at, now()), revoked_by = coalesce(c.revoked_by, $3),
                revoke_reason = CASE WHEN c.state = 'revoked' THEN $4 ELSE $5 END
           FROM old WHERE c.id = old.id RETURNING c.id, old.storage_key`,
        [enrollmentIds, ERASED_NAME, by.id, ERASED_TEXT, ERASED_REASON],
      );
      await m.query(`DELETE FROM learner_link WHERE learner_id = $1`, [learnerId]);

      // Their statements: the actor becomes the pseudonym (name and identifiers gone), indexed under it.
      const [statements]: [{ seq: string }[], number] = oldKeys.length
        ? await m.query(
            `UPDATE statement s SET body = jsonb_set(s.body::jsonb, '{actor}', $2::jsonb)::json
              WHERE (s.seq, s.stored) IN (SELECT statement_seq, stored FROM statement_agent
                                           WHERE agent_key = ANY($1::text[]) AND direct)
                AND (('mbox:' || (s.body->'actor'->>'mbox')) = ANY($1::text[])
                     OR ('account:' || (s.body->'actor'->'account'->>'homePage') || '|' || (s.body->'actor'->'account'->>'name')) = ANY($1::text[]))
              RETURNING s.seq`,
            [oldKeys, JSON.stringify({ objectType: 'Agent', account: pseudonym })],
          )
        : [[], 0];
      if (statements.length > 0) {
        await m.query(
          `UPDATE statement_agent SET agent_key = $2 WHERE agent_key = ANY($1::text[]) AND statement_seq = ANY($3::bigint[]) AND direct`,
          [oldKeys, newKey, statements.map((s) => s.seq)],
        );
      }
      await m.query(`DELETE FROM unmatched_actor WHERE agent_key = ANY($1::text[])`, [oldKeys]);
      // Documents the platforms kept about them (state, agent profiles) go with them.
      const [documents]: [unknown[], number] = await m.query(
        `DELETE FROM lrs_document WHERE agent_key = ANY($1::text[]) RETURNING 1`,
        [oldKeys],
      );

      // Free text about them in the audit log (deduction and revocation reasons) is replaced.
      await m.query(
        `UPDATE audit_log SET detail = jsonb_set(detail, '{reason}', to_jsonb($3::text))
          WHERE detail ? 'reason' AND ((entity = 'enrollment' AND entity_id = ANY($1::text[]))
                                    OR (entity = 'certificate' AND entity_id = ANY($2::text[])))`,
        [enrollmentIds, certificates.map((c) => c.id), ERASED_TEXT],
      );
      // Corrections of their identity kept it before and after: only which fields changed stays.
      await m.query(
        `UPDATE audit_log SET detail = (detail - 'before' - 'after') || '{"erased": true}'::jsonb
          WHERE entity = 'learner' AND entity_id = $1 AND action = 'identity-changed'`,
        [learnerId],
      );
      const summary: ErasureSummary = {
        learnerId,
        erasedAt: erased_at.toISOString(),
        enrollments: enrollmentIds.length,
        certificates: certificates.length,
        statements: statements.length,
        documents: documents.length,
      };
      await appendAudit(m, {
        by: by.id,
        action: 'erased',
        entity: 'learner',
        entityId: learnerId,
        detail: { reason, ...summary },
      });
      return { summary, files: certificates.flatMap((c) => (c.storage_key ? [c.storage_key] : [])) };
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
