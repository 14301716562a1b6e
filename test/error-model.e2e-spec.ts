import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ADMIN, createCourse, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * One error model (docs/errors.md): every refusal of /api answers `{statusCode, code, message,
 * errors?, params?}` and every refusal of /xapi `{error, code, message}` with the xAPI's headers,
 * whatever raised it: a feature's exception, validation, Nest's or Fastify's own refusals.
 */
const HOME = 'https://lms.errors.vn';
const V = { 'x-experience-api-version': '2.0.0' };

describe('the error model over HTTP', () => {
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    await createCourse(t.url, admin, { code: 'loi-01', activityId: `${HOME}/course/1` });
  });
  afterAll(async () => t?.close());

  describe('/api', () => {
    it('answers a missing resource with its feature’s code', async () => {
      const res = await request(t.url).get(`/api/v1/cohorts/${randomUUID()}`).set(as(admin)).expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'cohort.not_found', message: 'No such cohort' });
      const route = await request(t.url).get('/api/v1/no-such-route').expect(404);
      expect(route.body).toMatchObject({ statusCode: 404, code: 'resource.not_found' });
    });

    it('lists each field in error with its rule and message', async () => {
      const res = await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({ code: 'x', title: 'Lớp', courseCode: 'loi-01', province: 'Hà Nội', colour: 'đỏ' })
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'validation.failed',
        message: 'property colour should not exist; code must be 2 to 64 letters, digits or . _ -',
        errors: [
          { field: 'colour', rule: 'whitelistValidation', message: 'property colour should not exist' },
          { field: 'code', rule: 'matches', message: 'code must be 2 to 64 letters, digits or . _ -' },
        ],
      });
      // A parameter checked by hand is a field in error too.
      const era = await request(t.url)
        .get('/api/v1/provinces')
        .query({ era: 'x' })
        .set(as(admin))
        .expect(400);
      expect(era.body).toEqual({
        statusCode: 400,
        code: 'validation.failed',
        message: 'era must be legacy or current',
        errors: [{ field: 'era', rule: 'isIn', message: 'era must be legacy or current' }],
      });
      // A body that is not JSON never reaches validation: the parser's refusal, in the same shape.
      const broken = await request(t.url)
        .post('/api/v1/cohorts')
        .set({ ...as(admin), 'content-type': 'application/json' })
        .send('{"code":')
        .expect(400);
      expect(broken.body).toEqual({
        statusCode: 400,
        code: 'request.invalid',
        message: 'The request body is not valid UTF-8 JSON',
      });
    });

    it('says who is refused: no token, a wrong password, a role that may not', async () => {
      const anonymous = await request(t.url).get('/api/v1/cohorts').expect(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'auth.unauthenticated' });
      const wrong = await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: ADMIN.username, password: 'not the password' })
        .expect(401);
      expect(wrong.body).toEqual({
        statusCode: 401,
        code: 'auth.invalid_credentials',
        message: 'The username or password is wrong',
      });
      const viewer = { username: 'xem-loi', password: 'mat-khau-nguoi-xem-2026' };
      await request(t.url)
        .post('/api/v1/users')
        .set(as(admin))
        .send({ ...viewer, role: 'national-viewer' })
        .expect(201);
      const token = (await request(t.url).post('/api/v1/auth/login').send(viewer).expect(200)).body
        .accessToken as string;
      const refused = await request(t.url)
        .post('/api/v1/courses')
        .set(as(token))
        .send({
          code: 'loi-02',
          title: 'x',
          activityId: `${HOME}/course/2`,
          completion: { moveOn: 'Completed' },
        })
        .expect(403);
      expect(refused.body).toEqual({
        statusCode: 403,
        code: 'auth.forbidden',
        message: 'This needs one of the roles national-admin',
        params: { roles: 'national-admin' },
      });
    });

    it('answers a conflict with the field it is about and the values a translation needs', async () => {
      const res = await request(t.url)
        .post('/api/v1/courses')
        .set(as(admin))
        .send({
          code: 'LOI-01',
          title: 'x',
          activityId: `${HOME}/course/3`,
          completion: { moveOn: 'Completed' },
        })
        .expect(409);
      const message = 'code: course "loi-01" exists (codes are unique regardless of case)';
      expect(res.body).toEqual({
        statusCode: 409,
        code: 'course.code_taken',
        message,
        errors: [{ field: 'code', rule: 'course.code_taken', message }],
        params: { code: 'loi-01' },
      });
    });
  });

  describe('/xapi', () => {
    const statement = (id: string, verb = 'experienced') => ({
      id,
      actor: { objectType: 'Agent', account: { homePage: HOME, name: 'hv-1' } },
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { objectType: 'Activity', id: `${HOME}/course/1` },
    });

    it('answers a missing statement with the xAPI body and headers', async () => {
      const id = randomUUID();
      const res = await request(t.url)
        .get('/xapi/statements')
        .query({ statementId: id })
        .set({ ...V, authorization: BASIC })
        .expect(404);
      expect(res.body).toEqual({ error: 404, code: 'lrs.not_found', message: `No statement with id ${id}` });
      expect(res.headers['x-experience-api-version']).toBe('2.0.0');
      expect(res.headers['x-experience-api-consistent-through']).toBeDefined();
    });

    it('names the field and rule a statement breaks', async () => {
      const res = await request(t.url)
        .post('/xapi/statements')
        .set({ ...V, authorization: BASIC })
        .send({ ...statement(randomUUID()), actor: { mbox: 'not-an-email' } })
        .expect(400);
      expect(res.body).toEqual({ error: 400, code: 'xapi.invalid', message: expect.stringMatching(/mbox/) });
    });

    it('asks for Basic credentials on 401, and refuses a client its scopes do not allow with 403', async () => {
      const anonymous = await request(t.url).get('/xapi/statements').set(V).expect(401);
      expect(anonymous.body).toMatchObject({ error: 401, code: 'lrs.unauthorized' });
      expect(anonymous.headers['www-authenticate']).toBe('Basic realm="Hocba LRS"');
      const reader = (
        await request(t.url)
          .post('/api/v1/lrs-clients')
          .set(as(admin))
          .send({ name: 'Chỉ đọc', scopes: ['statements/read'] })
          .expect(201)
      ).body as { key: string; secret: string };
      const res = await request(t.url)
        .post('/xapi/statements')
        .set({
          ...V,
          authorization: `Basic ${Buffer.from(`${reader.key}:${reader.secret}`).toString('base64')}`,
        })
        .send(statement(randomUUID()))
        .expect(403);
      expect(res.body).toEqual({
        error: 403,
        code: 'lrs.forbidden',
        message: 'This LRS client may not write statements',
      });
    });

    it('answers 409 for a different statement under a stored id', async () => {
      const id = randomUUID();
      const put = (body: object) =>
        request(t.url)
          .put('/xapi/statements')
          .query({ statementId: id })
          .set({ ...V, authorization: BASIC })
          .send(body);
      await put(statement(id)).expect(204);
      const res = await put(statement(id, 'completed')).expect(409);
      expect(res.body).toMatchObject({ error: 409, code: 'lrs.conflict' });
      expect(res.headers['x-experience-api-version']).toBe('2.0.0');
    });

    it('answers the router’s refusals in the xAPI body too', async () => {
      // A percent-escape that is not UTF-8: refused before any route.
      const res = await request(t.url)
        .get('/xapi/activities/state%E0%A4%A')
        .set({ ...V, authorization: BASIC })
        .expect(400);
      expect(res.body).toMatchObject({ error: 400, code: 'request.invalid' });
      expect(res.headers['x-experience-api-version']).toBe('2.0.0');
    });
  });
});
