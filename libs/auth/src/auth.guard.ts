import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser, Role } from './auth-user';
import { TokensService } from './tokens.service';
import { AuthError } from './auth.errors';

const ROLES_KEY = 'hocba:roles';

/** The roles allowed on a handler or controller; without it, any logged-in user. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller, as the guard found them. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** Bearer access tokens on /api/v1: 401 without a valid one, 403 when the role is not allowed. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokensService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const token = /^bearer\s+(.+)$/i.exec(header)?.[1] ?? '';
    request.user = await this.tokens.verify(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(request.user.role)) {
      throw new AuthError('auth.forbidden', `This needs one of the roles ${roles.join(', ')}`, {
        params: { roles: roles.join(', ') },
      });
    }
    return true;
  }
}
