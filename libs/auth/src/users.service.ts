import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HocbaConfig } from '@hocba/config';
import { UnitsService } from '@hocba/units';
import type { AuthUser, Role } from './auth-user';
import { hashSecret, verifySecret } from './secret-hash';
import { TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';
import { AuthError } from './auth.errors';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /**
   * A hash of a random secret, made like every password's (scrypt, same cost): a login naming no
   * active user is checked against it, so it takes as long as one with a wrong password and the
   * answer's timing does not tell which usernames exist.
   */
  private standIn?: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly units: UnitsService,
    private readonly config: HocbaConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Made now, so the first login naming an unknown user does not pay for it.
    await this.standInHash();
    const { HOCBA_ADMIN_USER: username, HOCBA_ADMIN_PASSWORD: password } = this.config;
    if (username && password) {
      const created = await this.users.insert({
        username,
        passwordHash: await hashSecret(password),
        role: 'national-admin',
        provinceIds: [],
      });
      if (created) this.logger.log('Created the national administrator named by HOCBA_ADMIN_USER');
    }
  }

  async login(username: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.users.findActive(username);
    // The same scrypt work whether or not the user exists (an unknown one can never match).
    const matches = await verifySecret(password, user?.passwordHash ?? (await this.standInHash()));
    if (!user || !matches)
      throw new AuthError('auth.invalid_credentials', 'The username or password is wrong');
    const { passwordHash: _hash, ...authUser } = user;
    void _hash;
    return this.tokens.issue(authUser);
  }

  private standInHash(): Promise<string> {
    this.standIn ??= hashSecret(randomBytes(16).toString('base64'));
    return this.standIn;
  }

  /** A coordinator must name at least one province (any spelling or code); national roles name none. */
  async create(
    input: {
      username: string;
      password: string;
      role: Role;
      provinces?: string[];
    },
    by: AuthUser | null = null,
  ): Promise<AuthUser> {
    const provinces = input.provinces ?? [];
    if (input.role === 'coordinator' && provinces.length === 0)
      throw new AuthError(
        'user.provinces_required',
        'provinces must name at least one province (or central agency) for a coordinator',
        { field: 'provinces' },
      );
    if (input.role !== 'coordinator' && provinces.length > 0)
      throw new AuthError('user.provinces_not_allowed', 'provinces is only for coordinators', {
        field: 'provinces',
      });
    const provinceIds = [];
    for (const [i, p] of provinces.entries())
      // A province (either map) or a central agency: agencies' coordinators enter their own training records.
      provinceIds.push((await this.units.resolveUnit(p, `provinces[${i}]`)).id);
    const user = await this.users.insert({
      username: input.username,
      passwordHash: await hashSecret(input.password),
      role: input.role,
      provinceIds,
    });
    if (!user)
      throw new AuthError(
        'user.username_taken',
        `username "${input.username}" is taken (usernames are unique regardless of case)`,
        { field: 'username', params: { username: input.username } },
      );
    await this.users.audit(by?.id ?? null, 'created', user.id, {
      username: user.username,
      role: user.role,
      provinceIds,
    });
    return user;
  }

  list(): Promise<(AuthUser & { disabledAt: string | null })[]> {
    return this.users.list();
  }

  async disable(userId: string, by: AuthUser): Promise<void> {
    if (userId === by.id)
      throw new AuthError('user.cannot_disable_self', 'id: an administrator cannot disable themselves');
    if (!(await this.users.disable(userId, by.id)))
      throw new AuthError('user.not_found', `No user ${userId}`);
  }

  /** An administrator sets a user's new password (a forgotten one); the user's sessions end. */
  async resetPassword(userId: string, password: string, by: AuthUser): Promise<void> {
    if (!(await this.users.resetPassword(userId, await hashSecret(password), by.id)))
      throw new AuthError('user.not_found', `No user ${userId}`);
  }
}
