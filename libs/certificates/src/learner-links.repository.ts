import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Learner links: a random token (only its hash stored), bound to one learner, valid for minutes. */
@Injectable()
export class LearnerLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    learnerId: string,
    clientId: string,
    minutes: number,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const [row]: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO learner_link (token_hash, learner_id, lrs_client_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
      [hash(token), learnerId, clientId, minutes],
    );
    return { token, expiresAt: row.expires_at.toISOString() };
  }

  /** The link a token is, whether its time is past, and the client that asked for it; undefined when no such token was made. */
  async find(token: string): Promise<{ learnerId: string; live: boolean; clientId: string } | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const [row]: { learner_id: string; live: boolean; lrs_client_id: string }[] = await this.dataSource.query(
      `SELECT learner_id, expires_at > now() AS live, lrs_client_id FROM learner_link WHERE token_hash = $1`,
      [hash(token)],
    );
    return row && { learnerId: row.learner_id, live: row.live, clientId: row.lrs_client_id };
  }

  /** A learner's erasure: their links go, in the erasure's transaction. */
  async removeOfLearner(m: EntityManager, learnerId: string): Promise<void> {
    await m.query(`DELETE FROM learner_link WHERE learner_id = $1`, [learnerId]);
  }
}
