import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Raw, type Repository } from 'typeorm';
import type { AuthUser, Role } from './auth-user';
import { appendAudit } from '@hocba/audit';
import { isUuid } from '@hocba/xapi';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { UserEntity } from './entities/user.entity';

type UserFields = Pick<UserEntity, 'id' | 'username' | 'role' | 'provinceIds'>;

const toUser = (u: UserFields, sessionId = ''): AuthUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  provinceIds: u.provinceIds,
  sessionId,
});

/** What a user is shown as: never the password hash. */
const PUBLIC_FIELDS = { id: true, username: true, role: true, provinceIds: true, disabledAt: true } as const;

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** The active user of that name in any case (names are unique regardless of case). */
  async findActive(username: string): Promise<(AuthUser & { passwordHash: string }) | undefined> {
    const user = await this.users.findOne({
      // lower() on both sides: the unique index on lower(username) serves it.
      where: {
        username: Raw((column) => `lower(${column}) = lower(:username)`, { username }),
        disabledAt: IsNull(),
      },
    });
    return user ? { ...toUser(user), passwordHash: user.passwordHash } : undefined;
  }

  /** Creates the user unless the username is taken in any case; returns it, or undefined when taken. */
  async insert(
    user: Pick<UserEntity, 'username' | 'passwordHash' | 'role' | 'provinceIds'>,
  ): Promise<AuthUser | undefined> {
    // ON CONFLICT DO NOTHING: a name taken in any case (the unique index on lower(username)) is
    // told apart from an error without a failed statement.
    const { raw } = await this.users
      .createQueryBuilder()
      .insert()
      .values(user)
      .orIgnore()
      .returning(['id', 'username', 'role', 'provinceIds'])
      .execute();
    const [row] = raw as { id: string; username: string; role: UserEntity['role']; province_ids: string[] }[];
    return row && toUser({ ...row, provinceIds: row.province_ids });
  }

  async openSession(userId: string, seconds: number): Promise<string> {
    const { identifiers } = await this.sessions
      .createQueryBuilder()
      .insert()
      // The database's clock, like every other session time (expiry is checked against now()).
      .values({ userId, expiresAt: () => 'now() + make_interval(secs => :seconds)' })
      .setParameter('seconds', seconds)
      .execute();
    return (identifiers[0] as { id: string }).id;
  }

  /** The user behind an open session, as the user is now (role and provinces), if not disabled. */
  async sessionUser(sessionId: string, userId: string): Promise<AuthUser | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const user = await this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.username', 'u.role', 'u.provinceIds'])
      .innerJoin(AuthSessionEntity, 's', 's.userId = u.id')
      .where('s.id = :sessionId', { sessionId })
      // As text: the token's subject is compared, not trusted to be a uuid.
      .andWhere('s.user_id::text = :userId', { userId })
      .andWhere('s.revokedAt IS NULL AND s.expiresAt > now() AND u.disabledAt IS NULL')
      .getOne();
    return user ? toUser(user, sessionId) : undefined;
  }

  async closeSession(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** The usernames of these users (an id no user has is left out). */
  async usernames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.users.find({ select: { id: true, username: true }, where: { id: In(ids) } });
    return new Map(users.map((u) => [u.id, u.username]));
  }

  /** A user's role and provinces, unless they are gone or disabled. */
  async activeUser(id: string): Promise<{ role: Role; provinceIds: string[] } | undefined> {
    const user = await this.users.findOne({
      select: { role: true, provinceIds: true },
      where: { id, disabledAt: IsNull() },
    });
    return user ? { role: user.role, provinceIds: user.provinceIds } : undefined;
  }

  async list(): Promise<(AuthUser & { disabledAt: string | null })[]> {
    const users = await this.users.find({ select: PUBLIC_FIELDS, order: { username: 'ASC' } });
    return users.map((u) => ({ ...toUser(u), disabledAt: u.disabledAt?.toISOString() ?? null }));
  }

  /** Disables a user and ends every session of theirs; false when there is no such user. */
  async disable(userId: string, by: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    return this.users.manager.transaction(async (m) => {
      const { affected } = await m.update(
        UserEntity,
        { id: userId },
        { disabledAt: () => 'coalesce(disabled_at, now())' },
      );
      if (!affected) return false;
      await m.update(AuthSessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
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
    await appendAudit(this.users.manager, { by, action, entity: 'user', entityId: userId, detail });
  }

  /** The key access tokens are signed with: a one-row table of the process's own, not an entity. */
  async signingSecret(): Promise<string> {
    const [row]: { secret: string }[] = await this.dataSource.query(
      `SELECT secret FROM signing_key WHERE id = 1`,
    );
    return row.secret;
  }
}
