import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';
import { AuthError } from './auth.errors';

/** An access token lasts 30 minutes; POST /api/v1/auth/refresh renews it within its session. */
export const TOKEN_TTL_SECONDS = 30 * 60;
/** A session (one login) lasts a working day at most; logout or a disabled user ends it at once. */
export const SESSION_TTL_SECONDS = 10 * 60 * 60;

const UNAUTHORIZED =
  'The access token is missing, expired, revoked or invalid; log in again at POST /api/v1/auth/login';

/**
 * Access tokens: signed (HS256, key shared by every instance through the database) and naming a
 * session row, which each request checks, so a token stops working the moment its session is revoked
 * or its user disabled, and a changed role or province scope applies at once.
 */
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

  /** A new session for the user and its first token. */
  async issue(user: AuthUser): Promise<{ accessToken: string; expiresIn: number }> {
    const session = await this.users.openSession(user.id, SESSION_TTL_SECONDS);
    return this.sign(user, session);
  }

  /** A fresh token in the same session (which must still be open). */
  async refresh(user: AuthUser): Promise<{ accessToken: string; expiresIn: number }> {
    return this.sign(user, user.sessionId);
  }

  private async sign(user: AuthUser, session: string): Promise<{ accessToken: string; expiresIn: number }> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, sid: session, role: user.role },
      { secret: await this.key(), expiresIn: TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    );
    return { accessToken, expiresIn: TOKEN_TTL_SECONDS };
  }

  /**
   * Whether the token bears this service's signature and has not expired: the signature only (an
   * HMAC, no database read), enough for the rate limits to count it as a credential; whether its
   * session is still open is for verify().
   */
  async signed(token: string): Promise<boolean> {
    try {
      await this.jwt.verifyAsync(token, { secret: await this.key(), algorithms: ['HS256'] });
      return true;
    } catch {
      return false;
    }
  }

  async verify(token: string): Promise<AuthUser> {
    let payload: { sub: string; sid: string };
    try {
      payload = await this.jwt.verifyAsync<{ sub: string; sid: string }>(token, {
        secret: await this.key(),
        algorithms: ['HS256'],
      });
    } catch {
      throw new AuthError('auth.unauthenticated', UNAUTHORIZED);
    }
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string')
      throw new AuthError('auth.unauthenticated', UNAUTHORIZED);
    const user = await this.users.sessionUser(payload.sid, payload.sub);
    if (!user || !ROLES.includes(user.role)) throw new AuthError('auth.unauthenticated', UNAUTHORIZED);
    return user;
  }

  async revoke(user: AuthUser): Promise<void> {
    await this.users.closeSession(user.sessionId);
  }
}
