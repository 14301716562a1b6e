import { Injectable } from '@nestjs/common';
import type { Role } from './auth-user';
import { UsersRepository } from './users.repository';

/**
 * Who the users are, for the other libs (the auth lib owns app_user): read-only, and free of the
 * login's work at boot, so the worker and the operators' command line use it too.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UsersRepository) {}

  /** Usernames by user id (an id no user has is left out). */
  usernames(ids: string[]): Promise<Map<string, string>> {
    return this.users.usernames([...new Set(ids)]);
  }

  /** A user's role and provinces, unless they are gone or disabled. */
  activeUser(id: string): Promise<{ role: Role; provinceIds: string[] } | undefined> {
    return this.users.activeUser(id);
  }
}
