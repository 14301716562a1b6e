import request from 'supertest';
import { DataSource } from 'typeorm';
// The module itself (not the lib's index): its export is what the login calls, so a spy sees each call.
import * as secretHash from '../libs/auth/src/secret-hash';
import { ADMIN, startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

/** Guessing passwords: after five failures a username is locked for 15 minutes, even with the right password. */
describe('login protection', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After after five wrong passwords, and clears the count on success', async () => {
    const login = (password: string) =>
      request(t.url).post('/api/v1/auth/login').send({ username: ADMIN.username, password });
    // Four failures, then the right password: it works, and the count starts again.
    for (let i = 0; i < 4; i++) await login(`sai-mat-khau-${i}`).expect(401);
    await login(ADMIN.password).expect(200);
    for (let i = 0; i < 5; i++) await login(`sai-mat-khau-${i}`).expect(401);
    const locked = await login(ADMIN.password).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(locked.body.message).toMatch(/Too many failed logins/);
    // Another username from the same address is not locked by these failures.
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ username: 'nguoi-khac', password: 'x'.repeat(12) })
      .expect(401);
  });

  it('checks the password of an unknown username against a hash of the same algorithm and cost, as for a known one', async () => {
    // Timing is not asserted (it would be flaky); the work that made the difference is: the
    // password check, skipped before for a username that did not exist.
    const verify = jest.spyOn(secretHash, 'verifySecret');
    try {
      const login = (username: string, password: string) =>
        request(t.url).post('/api/v1/auth/login').send({ username, password });
      await login('khong-co-ai-ten-nay', 'mat-khau-doan-bua').expect(401);
      expect(verify).toHaveBeenCalledTimes(1);
      const [password, standIn] = verify.mock.calls[0];
      expect(password).toBe('mat-khau-doan-bua');
      await expect(verify.mock.results[0].value).resolves.toBe(false);
      const known = { username: 'nguoi-xem-so-lieu', password: 'mat-khau-nguoi-xem-2026' };
      await request(t.url)
        .post('/api/v1/users')
        .set({ authorization: `Bearer ${admin}` })
        .send({ ...known, role: 'national-viewer' })
        .expect(201);
      const [{ password_hash: stored }]: { password_hash: string }[] = await t.app
        .get(DataSource)
        .query(`SELECT password_hash FROM app_user WHERE username = $1`, [known.username]);
      // scrypt$N$r$p: the same algorithm and cost as a real user's hash.
      expect(standIn.split('$').slice(0, 4)).toEqual(stored.split('$').slice(0, 4));
      expect(standIn).not.toBe(stored);

      verify.mockClear();
      await login(known.username, known.password).expect(200);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0][1]).toBe(stored);
    } finally {
      verify.mockRestore();
    }
  });
});
