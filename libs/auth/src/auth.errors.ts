import { HocbaError, type CodesOf } from '@hocba/errors';

/** Who may do what: access tokens, logins, roles and province scope, users. */
export class AuthError extends HocbaError<CodesOf<'auth' | 'user'>> {}

/** A province or unit (`value`, as the field `field` gave it) outside the signed-in user's provinces. */
export function outsideScope(field: string, value: string, message: string): AuthError {
  return new AuthError('auth.outside_scope', message, { field, params: { value } });
}
