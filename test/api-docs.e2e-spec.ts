import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/** The endpoints of the public contract (../shared/docs/api-contract.md) that are built so far. */
const CONTRACT: [string, string][] = [
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/users'],
  ['post', '/api/v1/lrs-clients'],
  ['get', '/api/v1/provinces'],
  ['post', '/api/v1/courses'],
  ['post', '/api/v1/cohorts'],
  ['post', '/api/v1/cohorts/{id}/enrollments'],
  ['get', '/api/v1/cohorts/{id}/enrollments'],
  ['post', '/api/v1/cohorts/{id}/enrollments/import'],
  ['get', '/api/v1/jobs/{id}'],
  ['post', '/api/v1/enrollments/{id}/deduction'],
  ['post', '/api/v1/enrollments/{id}/replacement'],
  ['get', '/api/v1/reports/funnel'],
  ['get', '/health'],
  ['post', '/xapi/statements'],
  ['put', '/xapi/statements'],
  ['get', '/xapi/statements'],
  ['get', '/xapi/about'],
  ['get', '/xapi/activities'],
  ['get', '/xapi/activities/state'],
  ['put', '/xapi/activities/state'],
  ['get', '/xapi/activities/profile'],
  ['get', '/xapi/agents'],
  ['get', '/xapi/agents/profile'],
];

describe('API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('serves an OpenAPI description at /docs listing every endpoint of the contract', async () => {
    const res = await request(t.url).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const missing = CONTRACT.filter(([method, path]) => !doc.paths[path]?.[method]).map(
      ([m, p]) => `${m.toUpperCase()} ${p}`,
    );
    expect(missing).toEqual([]);
  });

  it('serves the same description as YAML', async () => {
    const res = await request(t.url).get('/docs/openapi.yaml').expect(200);
    expect(res.text).toMatch(/^openapi: 3\./m);
    expect(res.text).toContain('/api/v1/cohorts/{id}/enrollments/import:');
  });
});
