import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';

/** Access tokens lasting a working day. */
const TOKEN_TTL_SECONDS = 10 * 60 * 60;

/** Signs and checks access tokens with the key every instance reads from the database. */
@Injectable()
export class TokensService {
  private secret?: Promise<string>;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  private key(): Promise<string> {
    // A failed read is not remembered: the next request tries the database again.
    this.secret ??= this.users.signingSecret().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return this.secret;
  }

  async issue(user: AuthUser): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, provinces: user.provinceIds },
      { secret: await this.key(), expiresIn: TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    );
  }

  async verify(token: string): Promise<AuthUser> {
    try {
      const payload = await this.jwt.verifyAsync<{
        sub: string;
        username: string;
        role: AuthUser['role'];
        provinces: string[];
      }>(token, {
        secret: await this.key(),
        algorithms: ['HS256'],
      });
      if (!ROLES.includes(payload.role)) throw new Error('unknown role');
      return {
        id: payload.sub,
        username: payload.username,
        role: payload.role,
        provinceIds: payload.provinces ?? [],
      };
    } catch {
      throw new UnauthorizedException(
        'The access token is missing, expired or invalid; log in again at POST /api/v1/auth/login',
      );
    }
  }
}
