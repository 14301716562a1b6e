import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usernames are unique regardless of case: `ADMIN` can no longer be made beside `admin`, and a
 * login finds its user in any case (one user per spelling, so no ambiguity). Before, only the exact
 * spelling was unique while the login throttle counted failures case-insensitively, so one user's
 * failures locked the other. A database that already holds such a pair is not changed: the
 * migration stops and names the users' ids (never the usernames, which may be e-mail addresses),
 * since which of them to rename or disable is the operators' decision.
 */
export class UsernameCase1765620000000 implements MigrationInterface {
  name = 'UsernameCase1765620000000';

  async up(q: QueryRunner): Promise<void> {
    const clashes: { ids: string[] }[] = await q.query(
      `SELECT array_agg(id::text ORDER BY created_at, id) AS ids FROM app_user
        GROUP BY lower(username) HAVING count(*) > 1`,
    );
    if (clashes.length > 0) {
      throw new Error(
        `Usernames must be unique regardless of case, and ${clashes.length} group(s) of users differ ` +
          `only in case (ids: ${clashes.map((c) => c.ids.join(' = ')).join('; ')}). Rename or disable all ` +
          `but one user of each group, e.g. UPDATE app_user SET username = username || '-2' WHERE id = '…', ` +
          `then start again.`,
      );
    }
    await q.query(`CREATE UNIQUE INDEX uq_app_user_username_lower ON app_user (lower(username))`);
    // The exact-spelling constraint is implied by the new index.
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT uq_app_user_username`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT uq_app_user_username UNIQUE (username)`);
    await q.query(`DROP INDEX uq_app_user_username_lower`);
  }
}
