import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { createCohort, createCourse, startAdminApp } from './support/admin';
import { statementFactory } from './support/statements';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 18, finding 4: hostile strings and times never reach PostgreSQL. Every operation of /docs
 * and every /xapi resource is walked with hostile values in each of its path parameters, query
 * parameters (read from the DTOs the handlers declare) and body fields (replaced one at a time in a
 * valid body): nothing answers 5xx, and a value PostgreSQL cannot hold as text (NUL, a lone
 * surrogate) answers 400 naming the field.
 */
const HOME = 'https://mooc.example.vn';
const LONG = 'x'.repeat(100_000);
/** Strings no text column can hold: refused with 400 wherever they enter. */
const UNSTORABLE: Record<string, string> = { nul: 'a\u0000b', 'lone surrogate': 'a\ud800b' };
/** Strings and times that must be refused or handled, never a 5xx. */
const HOSTILE: Record<string, unknown> = {
  ...UNSTORABLE,
  '100,000 characters': LONG,
  'year 10000 by its offset': '9999-12-31T23:59:59.999-14:00',
  'year 0 by its offset': '0000-01-01T00:00:00+01:00',
  'last day': '9999-12-31',
  'year 0': '0000-01-01',
  '30 February': '2026-02-30',
  'extended year': '+275760-09-13T00:00:00Z',
  'negative number': -1e308,
};
/** The same in a query string: percent-encoded as a client would send them (the lone surrogate as its WTF-8 bytes). */
const HOSTILE_QUERY: Record<string, string> = {
  nul: 'a%00b',
  'lone surrogate': 'a%ED%A0%80b',
  'invalid UTF-8': '%FF%FE',
  '7,000 characters': 'x'.repeat(7_000),
  '100,000 characters': LONG,
  'year 10000 by its offset': encodeURIComponent('9999-12-31T23:59:59.999-14:00'),
  'year 0 by its offset': encodeURIComponent('0000-01-01T00:00:00+01:00'),
  'last day': '9999-12-31',
  '30 February': '2026-02-30',
};

interface Probe {
  what: string;
  status: number;
  message: string;
  /** The field a 400 must name when the value is unstorable; undefined when any non-5xx will do. */
  mustName?: string;
}

describe('hostile input', () => {
  let t: TestApp;
  let admin: string;
  let docs: { paths: Record<string, Record<string, Operation>> };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    docs = (await request(t.url).get('/docs').expect(200)).body;
    const code = `h${randomUUID().slice(0, 8)}`;
    await createCourse(t.url, admin, { code, activityId: `https://mooc.example.vn/${code}` });
    ids.course = code;
    ids.cohort = await createCohort(t.url, admin, {
      code: `${code}-1`,
      courseCode: code,
      province: 'Hà Nội',
    });
    await request(t.url)
      .post(`/api/v1/cohorts/${ids.cohort}/enrollments`)
      .set(bearer(admin))
      .send({ learners: [{ fullName: 'Người Thử Nghiệm', account: { homePage: HOME, name: 'hv-probe' } }] })
      .expect(201);
    const seats = await request(t.url).get(`/api/v1/cohorts/${ids.cohort}/enrollments`).set(bearer(admin));
    ids.enrollment = (seats.body.rows ?? seats.body)[0].id as string;
  });
  afterAll(() => t?.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const XAPI = { authorization: BASIC, 'x-experience-api-version': '1.0.3' };
  /** Who calls an operation: the platform for learner links, the administrator elsewhere. */
  const caller = (method: string, path: string) =>
    method === 'post' && path === '/api/v1/learner-links' ? { authorization: BASIC } : bearer(admin);

  async function send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<{ status: number; message: string }> {
    const call = (request(t.url) as unknown as Record<string, (p: string) => request.Test>)
      [method](path)
      .set(headers);
    const res = body === undefined ? await call : await call.send(body as object);
    const message = typeof res.body?.message === 'string' ? res.body.message : res.text.slice(0, 300);
    return { status: res.status, message };
  }

  /** What went wrong, one line each: a 5xx anywhere, or an unstorable value not refused by name. */
  function faults(probes: Probe[]): string[] {
    return probes
      .filter(
        (p) =>
          p.status >= 500 ||
          (p.mustName !== undefined && (p.status !== 400 || !p.message.includes(p.mustName))),
      )
      .map((p) => `${p.what} → ${p.status} ${p.message.slice(0, 120)}`);
  }

  describe('every operation of /docs', () => {
    it('answers no 5xx for hostile path parameters, and 400 naming the parameter for unstorable ones', async () => {
      const probes: Probe[] = [];
      for (const [path, method, operation] of operations(docs, false)) {
        const names = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        for (const name of names) {
          for (const [label, value] of Object.entries(HOSTILE_QUERY)) {
            const url = names.reduce((u, n) => u.replace(`{${n}}`, n === name ? value : 'x1'), path);
            const res = await send(method, url, caller(method, path));
            probes.push({
              what: `${method.toUpperCase()} ${path} {${name}} = ${label}`,
              ...res,
              mustName: label === 'nul' ? name : undefined,
            });
          }
        }
      }
      expect(probes.length).toBeGreaterThan(200);
      expect(faults(probes)).toEqual([]);
    });

    it('answers no 5xx for hostile query parameters of each handler, and 400 naming the parameter for unstorable ones', async () => {
      const probes: Probe[] = [];
      let parameters = 0;
      for (const [path, method, operation] of operations(docs, false)) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => validId(path, name));
        for (const name of queryParameters(t, operation)) {
          parameters++;
          for (const [label, value] of Object.entries(HOSTILE_QUERY)) {
            const res = await send(method, `${url}?${name}=${value}`, caller(method, path));
            probes.push({
              what: `${method.toUpperCase()} ${path}?${name}= ${label}`,
              ...res,
              mustName: label === 'nul' ? name : undefined,
            });
          }
        }
      }
      // The funnel's filters alone are a dozen: the walk must have found the handlers' DTOs.
      expect(parameters).toBeGreaterThan(40);
      expect(faults(probes)).toEqual([]);
    });

    it('answers no 5xx for hostile values in each body field, and 400 naming the field for unstorable ones', async () => {
      const probes: Probe[] = [];
      const withoutBaseline: string[] = [];
      for (const [path, method, operation] of operations(docs, false)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        if (!schema) continue;
        const dto = schema.split('/').pop()!;
        const baseline = BODIES[dto]?.();
        if (!baseline) {
          withoutBaseline.push(`${method.toUpperCase()} ${path} (${dto})`);
          continue;
        }
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => validId(path, name));
        for (const [field, variant] of variants(baseline)) {
          const res = await send(method, url, caller(method, path), variant.body);
          probes.push({
            what: `${method.toUpperCase()} ${path} ${field} = ${variant.label}`,
            ...res,
            mustName: variant.label in UNSTORABLE ? field : undefined,
          });
        }
      }
      // A new operation with a body needs a valid body here for its fields to be walked.
      expect(withoutBaseline).toEqual([]);
      expect(probes.length).toBeGreaterThan(300);
      expect(faults(probes)).toEqual([]);
    });
  });

  describe('every /xapi resource', () => {
    const agent = { objectType: 'Agent', account: { homePage: HOME, name: 'hv-probe' } };
    const activityId = 'https://mooc.example.vn/courses/probe';
    const RESOURCES: [string, string[], Record<string, string>][] = [
      ['/xapi/statements', ['GET'], { statementId: randomUUID(), format: 'ids', attachments: 'true' }],
      ['/xapi/statements', ['GET'], { voidedStatementId: randomUUID() }],
      [
        '/xapi/statements',
        ['GET'],
        {
          agent: JSON.stringify(agent),
          verb: 'http://adlnet.gov/expapi/verbs/completed',
          activity: activityId,
          registration: randomUUID(),
          related_activities: 'true',
          related_agents: 'true',
          since: '2026-01-01T00:00:00Z',
          until: '2027-01-01T00:00:00Z',
          limit: '10',
          format: 'exact',
          attachments: 'false',
          ascending: 'true',
        },
      ],
      ['/xapi/activities', ['GET'], { activityId }],
      ['/xapi/agents', ['GET'], { agent: JSON.stringify(agent) }],
      [
        '/xapi/activities/state',
        ['GET', 'PUT', 'POST', 'DELETE'],
        {
          activityId,
          agent: JSON.stringify(agent),
          registration: randomUUID(),
          stateId: 'probe-state',
        },
      ],
      [
        '/xapi/activities/profile',
        ['GET', 'PUT', 'POST', 'DELETE'],
        { activityId, profileId: 'probe-profile' },
      ],
      [
        '/xapi/agents/profile',
        ['GET', 'PUT', 'POST', 'DELETE'],
        { agent: JSON.stringify(agent), profileId: 'p' },
      ],
    ];
    /** Parameters that only GET of many documents takes. */
    const LIST_ONLY = new Set(['since']);

    it('answers no 5xx for hostile query parameters, and 400 naming the parameter for unstorable ones', async () => {
      const probes: Probe[] = [];
      for (const [resource, methods, params] of RESOURCES) {
        for (const method of methods) {
          const names = Object.keys(params);
          const base = { ...params };
          if (resource.includes('/profile') || resource.endsWith('/state')) {
            // A document's GET with since lists ids; it takes no document id.
            if (method !== 'GET') delete base.since;
          }
          const hostileAgents = Object.fromEntries(
            Object.entries(UNSTORABLE).map(([label, v]) => [
              `agent name ${label}`,
              encodeURIComponent(JSON.stringify({ ...agent, account: { ...agent.account, name: v } })),
            ]),
          );
          for (const name of [
            ...names,
            ...(resource.includes('/profile') || resource.endsWith('/state') ? ['since'] : []),
          ]) {
            if (LIST_ONLY.has(name) && method !== 'GET') continue;
            const values = name === 'agent' ? { ...HOSTILE_QUERY, ...hostileAgents } : HOSTILE_QUERY;
            for (const [label, value] of Object.entries(values)) {
              const others = Object.entries(base)
                .filter(([n]) => n !== name && !(name === 'since' && n.endsWith('Id') && n !== 'activityId'))
                .map(([n, v]) => `${n}=${encodeURIComponent(v)}`);
              const url = `${resource}?${[...others, `${name}=${value}`].join('&')}`;
              const body = method === 'PUT' || method === 'POST' ? { progress: 1 } : undefined;
              const res = await send(method.toLowerCase(), url, XAPI, body);
              probes.push({
                what: `${method} ${resource}?${name}= ${label}`,
                ...res,
                mustName: label === 'nul' || label.startsWith('agent name') ? name : undefined,
              });
            }
          }
        }
      }
      expect(faults(probes)).toEqual([]);
    });

    it('answers no 5xx for hostile values in each field of a statement, and 400 naming the field for unstorable ones', async () => {
      const probes: Probe[] = [];
      const statement = statementFactory({
        timestamp: '2026-11-01T08:00:00+07:00',
        context: { registration: randomUUID(), platform: 'Moodle', language: 'vi-VN' },
        result: {
          success: true,
          completion: true,
          duration: 'PT1H',
          response: 'đúng',
          score: { scaled: 0.9 },
        },
      });
      for (const [field, variant] of variants(statement)) {
        if (field === 'id') continue; // walked below with PUT's statementId
        const res = await send('post', '/xapi/statements', XAPI, {
          ...(variant.body as object),
          id: randomUUID(),
        });
        probes.push({
          what: `POST /xapi/statements ${field} = ${variant.label}`,
          ...res,
          mustName: variant.label in UNSTORABLE ? field : undefined,
        });
      }
      for (const [label, value] of Object.entries(HOSTILE_QUERY)) {
        const res = await send('put', `/xapi/statements?statementId=${value}`, XAPI, statementFactory());
        probes.push({ what: `PUT /xapi/statements?statementId= ${label}`, ...res });
      }
      expect(probes.length).toBeGreaterThan(150);
      expect(faults(probes)).toEqual([]);
    });
  });

  describe('the cases the probe found', () => {
    it('refuses a NUL in the login name with 400 naming username, without login', async () => {
      const res = await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'admin\u0000', password: 'x'.repeat(12) });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('username');
    });

    it('refuses a lone surrogate in actor.name with 400 naming it', async () => {
      const statement = statementFactory();
      (statement.actor as Record<string, unknown>).name = 'An \ud800';
      const res = await request(t.url).post('/xapi/statements').set(XAPI).send(statement);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('actor.name');
    });

    it.each(['9999-12-31T23:59:59.999-14:00', '0000-01-01T00:00:00+01:00'])(
      'refuses a statement timestamped %s, which its offset pushes out of the years a store can hold',
      async (timestamp) => {
        const res = await request(t.url)
          .post('/xapi/statements')
          .set(XAPI)
          .send(statementFactory({ timestamp }));
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('timestamp');
      },
    );

    it.each(['since', 'until'])('refuses %s out of range on statements with 400 naming it', async (name) => {
      const res = await request(t.url)
        .get(`/xapi/statements?${name}=${encodeURIComponent('9999-12-31T23:59:59.999-14:00')}`)
        .set(XAPI);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(name);
    });
  });

  describe('what enters other than as JSON or parameters', () => {
    it('refuses a forged more link, field by field, with 400 and never a 5xx', async () => {
      const registration = randomUUID();
      for (let i = 0; i < 3; i++) {
        const statement = statementFactory({ context: { registration } });
        await request(t.url).post('/xapi/statements').set(XAPI).send(statement).expect(200);
      }
      const first = await request(t.url)
        .get('/xapi/statements')
        .query({ registration, limit: 1 })
        .set(XAPI)
        .expect(200);
      const token = new URL(first.body.more as string, t.url).searchParams.get('more')!;
      const real = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
      // The genuine link still works.
      await request(t.url).get('/xapi/statements').query({ more: token }).set(XAPI).expect(200);
      const forgeries: Record<string, unknown>[] = [
        { registration: 'not-a-uuid' },
        { verbId: 'a\u0000b' },
        { activityId: 'a\ud800b' },
        { afterStored: '2026-13-45T00:00:00.000Z' },
        { since: '0000-01-01T00:00:00.000Z' },
        { limit: -5 },
        { limit: 1e9 },
        { afterSeq: '9'.repeat(40) },
        { agentKey: 'mbox:a\u0000b' },
        { extra: 'field' },
        { ascending: 'yes' },
      ];
      const answers = [];
      for (const forged of forgeries) {
        const more = Buffer.from(JSON.stringify({ ...real, ...forged })).toString('base64url');
        const res = await request(t.url).get('/xapi/statements').query({ more }).set(XAPI);
        answers.push([Object.keys(forged)[0], res.status, res.body.message]);
      }
      expect(answers).toEqual(
        forgeries.map((f) => [Object.keys(f)[0], 400, 'Query parameter more is not a link this LRS gave']),
      );
    });

    it('refuses multipart file names and fields text cannot hold, and an undecodable filename*, with 400', async () => {
      const csv = Buffer.from('Họ và tên,Số CCCD\r\nAn,001099000009\r\n');
      const multipart = (disposition: string, extra = '') => {
        const boundary = 'hocba-probe';
        return {
          type: `multipart/form-data; boundary=${boundary}`,
          body: Buffer.concat([
            Buffer.from(
              `${extra}--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n\r\n`,
            ),
            csv,
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]),
        };
      };
      const cases = [
        multipart(`filename*=UTF-8''%E0%A4.csv`),
        multipart(`filename*=UTF-8''a%00b.csv`),
        multipart(
          'filename="a.csv"',
          `--hocba-probe\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntr\u0000ue\r\n`,
        ),
      ];
      const answers = [];
      for (const path of [
        '/api/v1/verify',
        `/api/v1/cohorts/${ids.cohort}/enrollments/import`,
        '/api/v1/training-records/import',
      ]) {
        for (const c of cases) {
          const res = await request(t.url)
            .post(path)
            .set({ ...bearer(admin), 'content-type': c.type })
            .send(c.body);
          answers.push([path, res.status]);
        }
      }
      expect(answers.filter(([, status]) => status !== 400)).toEqual([]);
    });

    it('names the row and column of a file cell text cannot hold, without quoting it', async () => {
      const res = await request(t.url)
        .post('/api/v1/training-records/import')
        .set(bearer(admin))
        .attach(
          'file',
          Buffer.from('Tỉnh/Thành phố,Số người\r\nHà Nội,1\r\nBí\u0000mật,2\r\n'),
          'tap-huan.csv',
        );
      expect(res.status).toBe(400);
      expect(res.text).toContain('row 3, column 1');
      expect(res.text).not.toContain('mật');
    });
  });

  describe('requests the router or the HTTP parser refuses (finding 11)', () => {
    it('answers a raw non-ASCII request line with 400 saying to percent-encode, not a bare "Client Error"', async () => {
      const answer = await rawRequest(t.url, 'GET /api/v1/cohorts/Đà-Nẵng HTTP/1.1');
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain('percent-encode the URL');
      expect(answer).not.toContain('Client Error');
    });

    it('answers a 9 KB path parameter with 414 without echoing it', async () => {
      const segment = 'a'.repeat(9_000);
      const res = await request(t.url).get(`/api/v1/cohorts/${segment}`).set(bearer(admin));
      expect(res.status).toBe(414);
      expect(res.body.message).toMatch(/segment of the path is longer than/);
      expect(res.text).not.toContain('a'.repeat(50));
    });

    it('answers an undecodable percent-escape in the path with 400 without echoing it', async () => {
      const res = await request(t.url).get('/api/v1/cohorts/%E0%A4%A-secret').set(bearer(admin));
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('secret');
    });
  });

  /** An id that exists where the path needs one (a cohort, a seat), or any well-formed value. */
  function validId(path: string, name: string): string {
    if (path.startsWith('/api/v1/cohorts/')) return ids.cohort;
    if (path.startsWith('/api/v1/enrollments/')) return ids.enrollment;
    return name === 'id' ? randomUUID() : 'x1';
  }
});

interface Operation {
  operationId?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

/** The operations of the description, [path, method, operation], with or without /xapi. */
function operations(
  docs: { paths: Record<string, Record<string, Operation>> },
  xapi: boolean,
): [string, string, Operation][] {
  return Object.entries(docs.paths)
    .filter(([path]) => path.startsWith('/xapi') === xapi)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]): [string, string, Operation] => [path, method, op]),
    );
}

/**
 * The query parameters a handler reads: its `@Query('name')` arguments, and the properties of the
 * DTO class of a whole `@Query()`, found through the operation id (Controller_method) of /docs.
 */
function queryParameters(t: TestApp, operation: Operation): string[] {
  const [controllerName, method] = (operation.operationId ?? '').split('_');
  const controller = [...t.app.get(ModulesContainer).values()]
    .flatMap((m) => [...m.controllers.values()])
    .map((wrapper) => wrapper.metatype as (new (...args: unknown[]) => unknown) | null)
    .find((type) => type?.name === controllerName);
  if (!controller) throw new Error(`No controller for operation ${operation.operationId}`);
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ??
    []) as (new () => object)[];
  const names: string[] = [];
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data === 'string') names.push(arg.data);
    else
      names.push(
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(types[arg.index], '', true, false)
            .map((m) => m.propertyName),
        ),
      );
  }
  return names;
}

/** Each leaf of a valid body replaced in turn by each hostile value: [field path, {label, body}]. */
function variants(body: unknown): [string, { label: string; body: unknown }][] {
  const out: [string, { label: string; body: unknown }][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value))
        walk(item, [...path, Array.isArray(value) ? Number(key) : key]);
      return;
    }
    const field = path.reduce<string>(
      (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? p : `${s}.${p}`),
      '',
    );
    for (const [label, hostile] of Object.entries(HOSTILE)) {
      out.push([field, { label, body: replaced(body, path, hostile) }]);
    }
  };
  walk(body, []);
  return out;
}

function replaced(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(body) ? [...body] : { ...(body as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, value);
  return copy;
}

/** A valid body for each DTO of /docs: its fields are walked one at a time. */
const BODIES: Record<string, () => unknown> = {
  LoginDto: () => ({ username: 'c06-admin', password: 'not-the-password-1' }),
  CreateUserDto: () => ({
    username: `u${randomUUID().slice(0, 8)}`,
    password: 'mat-khau-dai-du-12',
    role: 'coordinator',
    provinces: ['Hà Nội'],
  }),
  ResetPasswordDto: () => ({ password: 'mat-khau-moi-du-dai-12' }),
  UpdateCourseDto: () => ({
    title: 'Khóa sửa',
    completion: {
      moveOn: 'Completed',
      exam: { activityId: 'https://mooc.example.vn/thi', masteryScore: 0.7 },
    },
    certificates: { auto: true },
  }),
  CreateLrsClientDto: () => ({ name: 'Nền tảng thử', scopes: ['statements/write'], courses: ['da06'] }),
  CreateCourseDto: () => ({
    code: `c${randomUUID().slice(0, 8)}`,
    title: 'Khóa thử',
    activityId: 'https://mooc.example.vn/khoa-thu',
    completion: {
      moveOn: 'CompletedAndPassed',
      requiredActivities: ['https://mooc.example.vn/bai-1'],
      exam: { activityId: 'https://mooc.example.vn/thi', masteryScore: 0.8 },
    },
    certificates: { auto: false },
  }),
  CreateCohortDto: () => ({
    code: `k${randomUUID().slice(0, 8)}`,
    title: 'Lớp thử',
    courseCode: 'khong-co',
    province: 'Hà Nội',
    wave: 'Đợt 1',
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    plannedSize: 10,
  }),
  EnrollLearnersDto: () => ({
    learners: [
      {
        fullName: 'Trần Thị Thử',
        nationalId: '001099000001',
        email: 'thu@example.vn',
        phone: '0900000001',
        account: { homePage: HOME, name: `hv-${randomUUID().slice(0, 8)}` },
        unit: 'Sở Thử',
        level: 'tinh',
        sector: 'cbccvc',
      },
    ],
  }),
  DeductionDto: () => ({ reason: 'Chuyển công tác', effectiveOn: '2026-11-15' }),
  ReplacementDto: () => ({
    learner: { fullName: 'Lê Văn Thay', account: { homePage: HOME, name: `hv-${randomUUID().slice(0, 8)}` } },
    reason: 'Nghỉ ốm dài ngày',
  }),
  ReasonDto: () => ({ reason: 'Cấp nhầm' }),
  LearnerLinkDto: () => ({ account: { homePage: HOME, name: 'hv-probe' } }),
  TrainingRecordDto: () => ({
    unit: 'Hà Nội',
    kind: 'platform',
    platform: 'OneTouch',
    title: 'Tập huấn',
    date: '2026-11-20',
    participants: 12,
    level: 'huyen',
  }),
  BuildPackDto: () => ({ week: '2026-W47' }),
  ErasureDto: () => ({ reason: 'Yêu cầu của người học' }),
};

/** Sends a request line as raw bytes (UTF-8), as a careless client would, and answers the raw response. */
function rawRequest(base: string, line: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(Buffer.from(`${line}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`, 'utf8'));
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
