import XAPI from '@xapi/xapi';
import request from 'supertest';
import { startAdminApp } from './support/admin';
import { statementFactory } from './support/statements';
import { BASIC, startTestApp, type TestApp } from './support/test-app';

const TOKEN = 'metrics-token-for-the-test-run-0123456789';
const SCRAPER = { authorization: `Bearer ${TOKEN}` };

/** GET /metrics: Prometheus text, the traffic by route pattern, what was stored, what waits; no personal data. */
describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await startAdminApp({ env: { HOCBA_METRICS_TOKEN: TOKEN } }));
  });
  afterAll(() => t?.close());

  it('answers only the bearer token of HOCBA_METRICS_TOKEN: 401 to anonymous callers and to another token', async () => {
    const anonymous = await request(t.url).get('/metrics').expect(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(anonymous.text).not.toMatch(/hocba_/);
    const wrong = await request(t.url)
      .get('/metrics')
      .set({ authorization: `Bearer ${TOKEN.slice(0, -1)}x` })
      .expect(401);
    expect(wrong.text).not.toMatch(/hocba_/);
    // Not a token at all: an LRS client's credentials, an administrator's access token.
    await request(t.url).get('/metrics').set({ authorization: BASIC }).expect(401);
    await request(t.url).get('/metrics').set(SCRAPER).expect(200);
  });

  it('answers 404 to everyone when no token is configured', async () => {
    // Empty: the app above put its token in this process's environment.
    const bare = await startTestApp({ HOCBA_METRICS_TOKEN: '' });
    try {
      const res = await request(bare.url).get('/metrics').expect(404);
      expect(res.body.message).toMatch(/HOCBA_METRICS_TOKEN/);
      expect(res.text).not.toMatch(/hocba_/);
      await request(bare.url).get('/metrics').set(SCRAPER).expect(404);
    } finally {
      await bare.close();
    }
  });

  it('counts requests by route pattern and statements stored with their write transactions, and shows queues and backlog', async () => {
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    const statements = [statementFactory(), statementFactory(), statementFactory()];
    await xapi.sendStatements({ statements: statements as never });
    await request(t.url).get('/api/v1/verify/HB0000000000000X').expect(404);

    const res = await request(t.url).get('/metrics').set(SCRAPER).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^hocba_statements_stored_total 3$/m);
    expect(text).toMatch(
      /^hocba_http_requests_total\{method="POST",route="\/xapi\/statements",status="200"\} 1$/m,
    );
    // The route pattern, never the code a client asked for.
    expect(text).toMatch(/route="\/api\/v1\/verify\/:code",status="404"\} 1$/m);
    expect(text).not.toContain('HB0000000000000X');
    expect(text).toMatch(
      /^hocba_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/xapi\/statements"\} \d+$/m,
    );
    // The one request's write: one transaction of three statements, after some wait in the queue.
    expect(text).toMatch(/^hocba_statement_transaction_statements_sum 3$/m);
    expect(text).toMatch(/^hocba_statement_transaction_seconds_count 1$/m);
    expect(text).toMatch(/^hocba_statement_queue_wait_seconds_count 1$/m);
    expect(text).toMatch(/^hocba_queue_jobs\{queue="certificates",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^hocba_backlog\{kind="outbox"\} \d+$/m);
    expect(text).toMatch(/^hocba_process_cpu_seconds_total /m);
    expect(text).not.toContain('Nguyễn Văn An');
  });
});
