import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

/**
 * Issue 8: every endpoint the service documents, walked as every kind of caller. The matrix below
 * says who may call what; the test fails when a documented endpoint is missing from it (a new route
 * must be placed) or when any caller gets another answer than its place says: 401 without the
 * right kind of credentials, 403 with them but without the role or scope, anything else when allowed.
 */
type Caller = 'anonymous' | 'admin' | 'viewer' | 'coordinator' | 'lrsAll' | 'lrsRead' | 'lrsWrite';
type Access =
  | { kind: 'public' }
  | { kind: 'users'; roles: ('admin' | 'viewer' | 'coordinator')[] }
  | { kind: 'lrs'; allowed: ('lrsAll' | 'lrsRead' | 'lrsWrite')[] };

const PUBLIC: Access = { kind: 'public' };
const users = (...roles: ('admin' | 'viewer' | 'coordinator')[]): Access => ({ kind: 'users', roles });
const ANY_USER = users('admin', 'viewer', 'coordinator');
const ADMIN_ONLY = users('admin');
const EDITORS = users('admin', 'coordinator');
const NATIONAL = users('admin', 'viewer');
const LRS_READ: Access = { kind: 'lrs', allowed: ['lrsAll', 'lrsRead'] };
const LRS_WRITE: Access = { kind: 'lrs', allowed: ['lrsAll', 'lrsWrite'] };
/** State and profile documents: the `state`/`profile` scopes (or all); all/read reads them. */
const LRS_DOCS_READ: Access = { kind: 'lrs', allowed: ['lrsAll', 'lrsRead'] };
const LRS_DOCS_WRITE: Access = { kind: 'lrs', allowed: ['lrsAll'] };

const MATRIX: Record<string, Access> = {
  'GET /health': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/refresh': ANY_USER,
  'POST /api/v1/auth/logout': ANY_USER,
  'GET /api/v1/me': ANY_USER,
  'POST /api/v1/users': ADMIN_ONLY,
  'GET /api/v1/users': ADMIN_ONLY,
  'POST /api/v1/users/{id}/disable': ADMIN_ONLY,
  'POST /api/v1/users/{id}/password': ADMIN_ONLY,
  'POST /api/v1/lrs-clients': ADMIN_ONLY,
  'GET /api/v1/lrs-clients': ADMIN_ONLY,
  'POST /api/v1/lrs-clients/{key}/disable': ADMIN_ONLY,
  'GET /api/v1/audit-log': ADMIN_ONLY,
  'GET /api/v1/learners': ADMIN_ONLY,
  'POST /api/v1/learners/{id}/erasure': ADMIN_ONLY,
  'GET /api/v1/provinces': ANY_USER,
  'GET /api/v1/provinces/map': ANY_USER,
  'GET /api/v1/agencies': ANY_USER,
  'POST /api/v1/courses': ADMIN_ONLY,
  'GET /api/v1/courses': ANY_USER,
  'PUT /api/v1/courses/{code}': ADMIN_ONLY,
  'POST /api/v1/cohorts': EDITORS,
  'GET /api/v1/cohorts': ANY_USER,
  'GET /api/v1/cohorts/{id}': ANY_USER,
  'POST /api/v1/cohorts/{id}/enrollments': EDITORS,
  'GET /api/v1/cohorts/{id}/enrollments': ANY_USER,
  'POST /api/v1/cohorts/{id}/enrollments/import': EDITORS,
  'POST /api/v1/enrollments/{id}/deduction': EDITORS,
  'DELETE /api/v1/enrollments/{id}/deduction': EDITORS,
  'POST /api/v1/enrollments/{id}/replacement': EDITORS,
  'DELETE /api/v1/enrollments/{id}/replacement': EDITORS,
  'GET /api/v1/enrollments/{id}/progress': ANY_USER,
  'GET /api/v1/enrollments/template.xlsx': PUBLIC,
  'GET /api/v1/enrollments/template.csv': PUBLIC,
  'GET /api/v1/jobs/{id}': ANY_USER,
  'GET /api/v1/jobs/{id}/errors': ANY_USER,
  'GET /api/v1/jobs/{id}/changes': ANY_USER,
  'GET /api/v1/reports/funnel': ANY_USER,
  'GET /api/v1/reports/funnel/learners': ANY_USER,
  'GET /api/v1/reports/funnel/daily': ANY_USER,
  'GET /api/v1/reports/unmatched-actors': NATIONAL,
  'GET /api/v1/reports/training-volume': ANY_USER,
  'GET /api/v1/report-packs': NATIONAL,
  'POST /api/v1/report-packs': ADMIN_ONLY,
  'GET /api/v1/report-packs/{file}': NATIONAL,
  'POST /api/v1/training-records': EDITORS,
  'POST /api/v1/training-records/import': EDITORS,
  'GET /api/v1/training-records': ANY_USER,
  'PUT /api/v1/training-records/{id}': EDITORS,
  'DELETE /api/v1/training-records/{id}': EDITORS,
  'GET /api/v1/certificates': ANY_USER,
  'GET /api/v1/certificates/{code}': ANY_USER,
  'GET /api/v1/certificates/{code}/pdf': ANY_USER,
  'POST /api/v1/certificates/{code}/revoke': EDITORS,
  'POST /api/v1/certificates/{code}/reissue': EDITORS,
  'POST /api/v1/cohorts/{id}/certificates': EDITORS,
  'POST /api/v1/cohorts/{id}/certificates.zip': EDITORS,
  'GET /api/v1/cohorts/{id}/certificates.xlsx': ANY_USER,
  'GET /api/v1/cohorts/{id}/certificates.csv': ANY_USER,
  'GET /api/v1/cohorts/{id}/certificates.zip': ANY_USER,
  'GET /api/v1/verify/{code}': PUBLIC,
  'POST /api/v1/verify': PUBLIC,
  'GET /v/{code}': PUBLIC,
  // A platform that writes and reads statements: not write-only credentials, not read-only ones.
  'POST /api/v1/learner-links': { kind: 'lrs', allowed: ['lrsAll'] },
  'GET /api/v1/learner-links/{token}': PUBLIC,
  'GET /l/{token}': PUBLIC,
  'GET /l/{token}/certificates/{code}': PUBLIC,
  'GET /xapi/about': PUBLIC,
  'GET /xapi/statements': LRS_READ,
  'PUT /xapi/statements': LRS_WRITE,
  'POST /xapi/statements': LRS_WRITE,
  // The xAPI has no DELETE on statements: 405 to a client, after authentication like every method.
  'DELETE /xapi/statements': { kind: 'lrs', allowed: ['lrsAll', 'lrsRead', 'lrsWrite'] },
  'GET /xapi/activities': LRS_READ,
  'GET /xapi/agents': LRS_READ,
  'GET /xapi/activities/state': LRS_DOCS_READ,
  'PUT /xapi/activities/state': LRS_DOCS_WRITE,
  'POST /xapi/activities/state': LRS_DOCS_WRITE,
  'DELETE /xapi/activities/state': LRS_DOCS_WRITE,
  'GET /xapi/activities/profile': LRS_DOCS_READ,
  'PUT /xapi/activities/profile': LRS_DOCS_WRITE,
  'POST /xapi/activities/profile': LRS_DOCS_WRITE,
  'DELETE /xapi/activities/profile': LRS_DOCS_WRITE,
  'GET /xapi/agents/profile': LRS_DOCS_READ,
  'PUT /xapi/agents/profile': LRS_DOCS_WRITE,
  'POST /xapi/agents/profile': LRS_DOCS_WRITE,
  'DELETE /xapi/agents/profile': LRS_DOCS_WRITE,
};

/** Methods an `@All` route documents besides the ones the xAPI defines for it; not walked. */
const WALKED_METHODS = ['get', 'post', 'put', 'delete'];

describe('access: every endpoint as every caller', () => {
  let t: TestApp;
  const headers = new Map<Caller, Record<string, string>>();
  let documented: string[] = [];

  const basic = (key: string, secret: string) =>
    `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

  beforeAll(async () => {
    const started = await startAdminApp();
    t = started.t;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    headers.set('anonymous', {});
    headers.set('admin', bearer(started.admin));
    for (const [caller, role, provinces] of [
      ['viewer', 'national-viewer', undefined],
      ['coordinator', 'coordinator', ['Khánh Hòa']],
    ] as const) {
      const username = `${caller}-${randomUUID().slice(0, 6)}`;
      const password = 'mat-khau-du-dai-2026';
      await request(t.url)
        .post('/api/v1/users')
        .set(bearer(started.admin))
        .send({ username, password, role, provinces })
        .expect(201);
      const login = await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200);
      headers.set(caller, bearer(login.body.accessToken));
    }
    for (const [caller, scopes] of [
      ['lrsAll', ['all']],
      ['lrsRead', ['all/read']],
      ['lrsWrite', ['statements/write']],
    ] as const) {
      const client = await request(t.url)
        .post('/api/v1/lrs-clients')
        .set(bearer(started.admin))
        .send({ name: caller, scopes })
        .expect(201);
      headers.set(caller, { authorization: basic(client.body.key, client.body.secret) });
    }
    const docs = (await request(t.url).get('/docs').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    documented = Object.entries(docs.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => WALKED_METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });

  afterAll(() => t?.close());

  it('places every documented endpoint in the matrix, and documents every endpoint of the matrix', () => {
    const walked = documented.filter((d) => !d.includes('/xapi/{'));
    expect(walked.filter((d) => !(d in MATRIX))).toEqual([]);
    // DELETE /xapi/statements is no xAPI operation, so /docs leaves it out; the matrix keeps it for its 405.
    const undocumented = new Set(['DELETE /xapi/statements']);
    expect(Object.keys(MATRIX).filter((k) => !documented.includes(k) && !undocumented.has(k))).toEqual([]);
  });

  it('answers each caller as the matrix says (401 without credentials of the right kind, 403 without the role or scope)', async () => {
    const wrong: string[] = [];
    for (const [route, access] of Object.entries(MATRIX)) {
      if (route === 'POST /api/v1/auth/logout') continue; // walked below, with sessions of its own
      const [method, template] = route.split(' ');
      const path = template
        .replace('{id}', randomUUID())
        .replace('{jobId}', randomUUID())
        .replace('{code}', 'HB0000000000000X')
        .replace('{token}', 'no-such-token')
        .replace('{file}', '2022-W39.xlsx')
        .replace('{key}', 'no-such-client');
      for (const [caller, header] of headers) {
        const expected = verdict(access, caller);
        const res = await request(t.url)
          [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path)
          .set({ ...header, 'x-experience-api-version': '1.0.3' })
          .send(method === 'GET' || method === 'DELETE' ? undefined : {});
        const ok =
          expected === 'allowed' ? res.status !== 401 && res.status !== 403 : res.status === expected;
        if (!ok || res.status >= 500)
          wrong.push(`${route} as ${caller}: ${res.status}, expected ${expected}`);
        // Refusals say why in words, and nothing of the server's insides.
        if (res.status === 401 || res.status === 403) {
          expect(JSON.stringify(res.body ?? res.text)).not.toMatch(
            /at \w+ \(|node_modules|SELECT |QueryFailedError/,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('confines a platform holding statements/read/mine to the statements it wrote', async () => {
    const admin = headers.get('admin')!;
    const client = (
      await request(t.url)
        .post('/api/v1/lrs-clients')
        .set(admin)
        .send({ name: 'mine-only', scopes: ['statements/write', 'statements/read/mine'] })
        .expect(201)
    ).body as { key: string; secret: string };
    const mine = { authorization: basic(client.key, client.secret), 'x-experience-api-version': '1.0.3' };
    const other = { ...headers.get('lrsAll')!, 'x-experience-api-version': '1.0.3' };
    const statement = () => ({
      id: randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: 'https://mine.example.vn', name: 'hv-1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { objectType: 'Activity', id: 'https://mine.example.vn/bai-1' },
    });
    const own = statement();
    const theirs = statement();
    await request(t.url).post('/xapi/statements').set(mine).send(own).expect(200);
    await request(t.url).post('/xapi/statements').set(other).send(theirs).expect(200);
    const listed = (await request(t.url).get('/xapi/statements').query({ limit: 100 }).set(mine).expect(200))
      .body as {
      statements: { id: string }[];
    };
    expect(listed.statements.map((st) => st.id)).toContain(own.id);
    expect(listed.statements.map((st) => st.id)).not.toContain(theirs.id);
    await request(t.url).get('/xapi/statements').query({ statementId: theirs.id }).set(mine).expect(404);
    await request(t.url).get('/xapi/statements').query({ statementId: own.id }).set(mine).expect(200);

    // Disabled (a leaked secret): refused from then on, listed without any secret, audited.
    await request(t.url).post(`/api/v1/lrs-clients/${client.key}/disable`).set(admin).expect(204);
    await request(t.url).get('/xapi/statements').query({ statementId: own.id }).set(mine).expect(401);
    const clients = (await request(t.url).get('/api/v1/lrs-clients').set(admin).expect(200)).body as {
      key: string;
      disabledAt: string | null;
    }[];
    expect(clients.find((c) => c.key === client.key)!.disabledAt).toEqual(expect.any(String));
    expect(JSON.stringify(clients)).not.toMatch(/secret|scrypt/i);
    const audit = (
      await request(t.url).get('/api/v1/audit-log').query({ entity: 'lrs-client' }).set(admin).expect(200)
    ).body as { action: string; detail: { key?: string } }[];
    expect(
      audit
        .filter((e) => e.detail.key === client.key)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['created', 'disabled']);
  });

  it('confines a client scoped to courses to their activities: writes, documents and reads', async () => {
    const admin = headers.get('admin')!;
    const course = `https://scoped.example.vn/course/${randomUUID().slice(0, 6)}`;
    const code = `scoped-${randomUUID().slice(0, 6)}`;
    await request(t.url)
      .post('/api/v1/courses')
      .set(admin)
      .send({ code, title: 'Khoá riêng', activityId: course, completion: { moveOn: 'Completed' } })
      .expect(201);
    const unknown = await request(t.url)
      .post('/api/v1/lrs-clients')
      .set(admin)
      .send({ name: 'x', scopes: ['all'], courses: ['no-such-course'] })
      .expect(400);
    expect(unknown.body.message).toMatch(/courses: no course has the code "no-such-course"/);
    const client = (
      await request(t.url)
        .post('/api/v1/lrs-clients')
        .set(admin)
        .send({ name: 'scoped', scopes: ['all'], courses: [code] })
        .expect(201)
    ).body as { key: string; secret: string; courses: string[] };
    expect(client.courses).toEqual([code]);
    const scoped = { authorization: basic(client.key, client.secret), 'x-experience-api-version': '1.0.3' };
    const about = (object: string, parent?: string) => ({
      id: randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: 'https://scoped.example.vn', name: 'hv-9' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { objectType: 'Activity', id: object },
      ...(parent ? { context: { contextActivities: { parent: [{ id: parent }] } } } : {}),
    });
    const onCourse = about(course);
    const lesson = about(`${course}/bai-2`);
    const inContext = about('https://scoped.example.vn/mod/quiz/7', course);
    await request(t.url).post('/xapi/statements').set(scoped).send([onCourse, lesson, inContext]).expect(200);
    const outside = await request(t.url)
      .post('/xapi/statements')
      .set(scoped)
      .send([about(course), about('https://other.example.vn/course/1')])
      .expect(403);
    expect(outside.body.message ?? outside.text).toMatch(
      /statements\[1\] is about no activity of the courses/,
    );
    // Documents of its courses' activities only.
    const state = (activityId: string) =>
      request(t.url)
        .put('/xapi/activities/state')
        .query({ activityId, agent: JSON.stringify({ mbox: 'mailto:hv9@x.vn' }), stateId: 's' })
        .set({ ...scoped, 'content-type': 'application/json' })
        .send({ a: 1 });
    await state(course).expect(204);
    await state('https://other.example.vn/course/1').expect(403);
    // Reads: what it wrote, not what other platforms wrote about the same course.
    const foreign = about(course);
    await request(t.url)
      .post('/xapi/statements')
      .set({ ...headers.get('lrsAll')!, 'x-experience-api-version': '1.0.3' })
      .send(foreign)
      .expect(200);
    const read = (await request(t.url).get('/xapi/statements').query({ limit: 100 }).set(scoped).expect(200))
      .body as {
      statements: { id: string }[];
    };
    expect(read.statements.map((st) => st.id).sort()).toEqual([onCourse.id, lesson.id, inContext.id].sort());
  });

  it('logs out: the session ends and its token is refused, another session of the same user still works', async () => {
    const login = () =>
      request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'c06-admin', password: 'mat-khau-quan-tri-2026' })
        .expect(200);
    const a = (await login()).body.accessToken as string;
    const b = (await login()).body.accessToken as string;
    await request(t.url).post('/api/v1/auth/logout').expect(401);
    await request(t.url)
      .post('/api/v1/auth/logout')
      .set({ authorization: `Bearer ${a}` })
      .expect(204);
    await request(t.url)
      .get('/api/v1/courses')
      .set({ authorization: `Bearer ${a}` })
      .expect(401);
    await request(t.url)
      .post('/api/v1/auth/refresh')
      .set({ authorization: `Bearer ${a}` })
      .expect(401);
    await request(t.url)
      .get('/api/v1/courses')
      .set({ authorization: `Bearer ${b}` })
      .expect(200);
  });

  it('refreshes a token within its session; a tampered or foreign token is refused', async () => {
    const viewer = headers.get('viewer')!;
    const fresh = await request(t.url).post('/api/v1/auth/refresh').set(viewer).expect(200);
    expect(fresh.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 1800 });
    await request(t.url)
      .get('/api/v1/courses')
      .set({ authorization: `Bearer ${fresh.body.accessToken}` })
      .expect(200);

    // The role claimed in a token changes nothing: the session's user is read from the database.
    const [head, payload, signature] = (fresh.body.accessToken as string).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [
      head,
      Buffer.from(JSON.stringify({ ...claims, role: 'national-admin' })).toString('base64url'),
      signature,
    ].join('.');
    await request(t.url)
      .get('/api/v1/users')
      .set({ authorization: `Bearer ${forged}` })
      .expect(401);
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...claims, role: 'national-admin' })).toString('base64url'),
      '',
    ].join('.');
    await request(t.url)
      .get('/api/v1/users')
      .set({ authorization: `Bearer ${unsigned}` })
      .expect(401);
  });

  it('disabling a user ends their sessions at once, and is audited', async () => {
    const admin = headers.get('admin')!;
    const username = `leaving-${randomUUID().slice(0, 6)}`;
    const password = 'mat-khau-du-dai-2026';
    const user = await request(t.url)
      .post('/api/v1/users')
      .set(admin)
      .send({ username, password, role: 'national-viewer' })
      .expect(201);
    const token = (await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200))
      .body.accessToken;
    await request(t.url)
      .get('/api/v1/courses')
      .set({ authorization: `Bearer ${token}` })
      .expect(200);
    await request(t.url).post(`/api/v1/users/${user.body.id}/disable`).set(admin).expect(204);
    await request(t.url)
      .get('/api/v1/courses')
      .set({ authorization: `Bearer ${token}` })
      .expect(401);
    await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(401);
    const listed = (await request(t.url).get('/api/v1/users').set(admin).expect(200)).body;
    expect(listed.find((u: { id: string }) => u.id === user.body.id).disabledAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toMatch(/password|hash/i);
    const audit = (
      await request(t.url)
        .get('/api/v1/audit-log')
        .query({ entity: 'user', entityId: user.body.id })
        .set(admin)
        .expect(200)
    ).body;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['created', 'disabled']);
  });

  it('resetting a password: the old one and its sessions are refused at once, the new one works, audited', async () => {
    const admin = headers.get('admin')!;
    const username = `forgetful-${randomUUID().slice(0, 6)}`;
    const password = 'mat-khau-cu-da-quen-2026';
    const user = await request(t.url)
      .post('/api/v1/users')
      .set(admin)
      .send({ username, password, role: 'national-viewer' })
      .expect(201);
    const token = (await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200))
      .body.accessToken;
    const short = await request(t.url)
      .post(`/api/v1/users/${user.body.id}/password`)
      .set(admin)
      .send({ password: 'ngan' })
      .expect(400);
    expect(JSON.stringify(short.body)).toMatch(/password must be at least 12 characters/);
    await request(t.url)
      .post(`/api/v1/users/${randomUUID()}/password`)
      .set(admin)
      .send({ password: 'mat-khau-moi-2026-12' })
      .expect(404);
    await request(t.url)
      .post(`/api/v1/users/${user.body.id}/password`)
      .set(admin)
      .send({ password: 'mat-khau-moi-2026-12' })
      .expect(204);
    await request(t.url)
      .get('/api/v1/courses')
      .set({ authorization: `Bearer ${token}` })
      .expect(401);
    await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(401);
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ username, password: 'mat-khau-moi-2026-12' })
      .expect(200);
    const audit = (
      await request(t.url)
        .get('/api/v1/audit-log')
        .query({ entity: 'user', entityId: user.body.id })
        .set(admin)
        .expect(200)
    ).body;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['created', 'password-reset']);
    expect(JSON.stringify(audit)).not.toMatch(/mat-khau/);
  });
});

function verdict(access: Access, caller: Caller): 'allowed' | 401 | 403 {
  const isUser = caller === 'admin' || caller === 'viewer' || caller === 'coordinator';
  const isLrs = caller.startsWith('lrs');
  switch (access.kind) {
    case 'public':
      return 'allowed';
    case 'users':
      if (!isUser) return 401;
      return access.roles.includes(caller) ? 'allowed' : 403;
    case 'lrs':
      if (!isLrs) return 401;
      return access.allowed.includes(caller as 'lrsAll') ? 'allowed' : 403;
  }
}
