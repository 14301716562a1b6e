import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('answers 200 when PostgreSQL and Redis are reachable', async () => {
    t = await startTestApp();
    const res = await request(t.url).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
      error: {},
    });
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    // A port nothing listens on: this test never touches the shared Redis.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await request(t.url).get('/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });
  });
});
