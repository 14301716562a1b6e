import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser, Role } from './auth-user';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  province_ids: string[];
  password_hash: string;
}

const toUser = (r: UserRow): AuthUser => ({
  id: r.id,
  username: r.username,
  role: r.role,
  provinceIds: r.province_ids,
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

  async signingSecret(): Promise<string> {
    const [row]: { secret: string }[] = await this.dataSource.query(
      `SELECT secret FROM signing_key WHERE id = 1`,
    );
    return row.secret;
  }
}
