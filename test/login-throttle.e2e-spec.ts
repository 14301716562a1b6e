import request from 'supertest';
import { ADMIN, startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

/** Guessing passwords: after five failures a username is locked for 15 minutes, even with the right password. */
describe('login protection', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await startAdminApp());
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
});
