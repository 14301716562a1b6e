import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser, Role } from './auth-user';
import { appendAudit } from '../../database/src';
import { isUuid } from '../../xapi/src';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  province_ids: string[];
  password_hash: string;
}

const toUser = (r: UserRow, sessionId = ''): AuthUser => ({
  id: r.id,
  username: r.username,
  role: r.role,
  provinceIds: r.province_ids,
  sessionId,
});

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActive(username: string): Promise<(AuthUser & { passwordHash: string }) | undefined> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, username, role, province_ids, password_hash FROM app_user WHERE username = $1 AND disabled_at IS NULL`,
      [username],
    );
    return rows[0] && { ...toUser(rows[0]), passwordHash: rows[0].password_hash };
  }

  /** Creates the user unless the username is taken; returns it, or undefined when taken. */
  async insert(user: {
    username: string;
    passwordHash: string;
    role: Role;
    provinceIds: string[];
  }): Promise<AuthUser | undefined> {
    const rows: UserRow[] = await this.dataSource.query(
      `INSERT INTO app_user (username, password_hash, role, province_ids) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_app_user_username DO NOTHING
       RETURNING id, username, role, province_ids, password_hash`,
      [user.username, user.passwordHash, user.role, user.provinceIds],
    );
    return rows[0] && toUser(rows[0]);
  }

  async openSession(userId: string, seconds: number): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO auth_session (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
      [userId, seconds],
    );
    return row.id;
  }

  /** The user behind an open session, as the user is now (role and provinces), if not disabled. */
  async sessionUser(sessionId: string, userId: string): Promise<AuthUser | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.province_ids FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id::text = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [sessionId, userId],
    );
    return rows[0] && toUser(rows[0], sessionId);
  }

  async closeSession(sessionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
  }

  async list(): Promise<(AuthUser & { disabledAt: string | null })[]> {
    const rows: (UserRow & { disabled_at: Date | null })[] = await this.dataSource.query(
      `SELECT id, username, role, province_ids, disabled_at FROM app_user ORDER BY username`,
    );
    return rows.map((r) => ({ ...toUser(r), disabledAt: r.disabled_at?.toISOString() ?? null }));
  }

  /** Disables a user and ends every session of theirs; false when there is no such user. */
  async disable(userId: string, by: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    return this.dataSource.transaction(async (m) => {
      const [rows]: [unknown[], number] = await m.query(
        `UPDATE app_user SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1 RETURNING id`,
        [userId],
      );
      if (rows.length === 0) return false;
      await m.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
        userId,
      ]);
      await appendAudit(m, { by, action: 'disabled', entity: 'user', entityId: userId });
      return true;
    });
  }

  /**
   * Sets a new password (its hash) and ends every session of the user, so whoever held the old
   * one is out at once; audited. False when there is no such user.
   */
  async resetPassword(userId: string, passwordHash: string, by: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    return this.dataSource.transaction(async (m) => {
      const [rows]: [unknown[], number] = await m.query(
        `UPDATE app_user SET password_hash = $2 WHERE id = $1 RETURNING id`,
        [userId, passwordHash],
      );
      if (rows.length === 0) return false;
      await m.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
        userId,
      ]);
      await appendAudit(m, { by, action: 'password-reset', entity: 'user', entityId: userId });
      return true;
    });
  }

  async audit(by: string | null, action: string, userId: string, detail: object): Promise<void> {
    await appendAudit(this.dataSource, { by, action, entity: 'user', entityId: userId, detail });
  }

  async signingSecret(): Promise<string> {
    const [row]: { secret: string }[] = await this.dataSource.query(
      `SELECT secret FROM signing_key WHERE id = 1`,
    );
    return row.secret;
  }
}
