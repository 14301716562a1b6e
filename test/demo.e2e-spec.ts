import request from 'supertest';
import { seedDemoData } from '../apps/demo/demo-data';
import { ADMIN, startAdminApp } from './support/admin';
import { LRS_KEY, LRS_SECRET, type TestApp } from './support/test-app';

/** The README's start command with HOCBA_DEMO_DATA=on: a populated dashboard on first open, made once. */
describe('demo data', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
  });
  afterAll(() => t?.close());

  it('fills an empty database through the API, and only an empty one', async () => {
    const credentials = { url: t.url, admin: ADMIN, lrs: { key: LRS_KEY, secret: LRS_SECRET } };
    const made = await seedDemoData(credentials, new Date('2026-12-01T03:00:00Z'));
    expect(made!.learners).toBeGreaterThan(2000);
    expect(made!.statements).toBeGreaterThan(3000);
    const funnel = (
      await request(t.url)
        .get('/api/v1/reports/funnel')
        .query({ groupBy: 'province', era: 'legacy', asOf: '2026-12-01' })
        .set({ authorization: `Bearer ${admin}` })
        .expect(200)
    ).body as { rows: unknown[]; totals: Record<string, number> };
    expect(funnel.rows).toHaveLength(16);
    expect(funnel.totals.enrolled).toBe(made!.learners);
    expect(funnel.totals.activated).toBeGreaterThan(funnel.totals.enrolled / 2);
    expect(funnel.totals.completed).toBeGreaterThan(0);
    expect(funnel.totals.passed).toBeGreaterThan(0);
    expect(await seedDemoData(credentials)).toBeUndefined();
  });
});
