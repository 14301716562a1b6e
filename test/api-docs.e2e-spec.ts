import SwaggerParser from '@apidevtools/swagger-parser';
import { ValidationPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, ParameterObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { startAdminApp } from './support/admin';
import {
  bodiesOf,
  emptyPlaces,
  exampleOf,
  isFile,
  mismatches,
  operationsOf,
  querySchema,
  ruleMismatches,
  type Operation,
} from './support/openapi';
import { BASIC, type TestApp } from './support/test-app';

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

type Class = new (...args: unknown[]) => unknown;

describe('API description', () => {
  let t: TestApp;
  let admin: string;
  /** /docs as served. */
  let served: OpenAPIObject;
  /** The same, validated and dereferenced by @apidevtools/swagger-parser (every $ref inline). */
  let doc: OpenAPIObject;

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    served = (await request(t.url).get('/docs').expect(200)).body as OpenAPIObject;
    doc = (await SwaggerParser.validate(structuredClone(served) as never)) as unknown as OpenAPIObject;
  });
  afterAll(async () => t?.close());

  it('serves an OpenAPI description at /docs listing every endpoint of the contract', async () => {
    const res = await request(t.url).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(served.openapi).toMatch(/^3\./);
    const missing = CONTRACT.filter(([method, path]) => !served.paths[path]?.[method as 'get']).map(
      ([m, p]) => `${m.toUpperCase()} ${p}`,
    );
    expect(missing).toEqual([]);
  });

  it('serves the same description as YAML', async () => {
    const res = await request(t.url).get('/docs/openapi.yaml').expect(200);
    expect(res.text).toMatch(/^openapi: 3\./m);
    expect(res.text).toContain('/api/v1/cohorts/{id}/enrollments/import:');
  });

  it('is a valid OpenAPI document, by @apidevtools/swagger-parser (schema and references)', async () => {
    // beforeAll already validated it; this names the failure if the served document changes.
    await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toBeDefined();
    // A document that breaks the specification is refused: the validator is awake.
    const broken = structuredClone(served);
    (broken.paths['/api/v1/cohorts'] as Record<string, unknown>).search = { responses: {} };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(/additional properties/);
  });

  it('describes every body of every operation with its fields: no empty schema', () => {
    const empty = bodiesOf(doc).flatMap((b) =>
      emptyPlaces(b.schema).map((place) => `${b.where}: ${place} says nothing`),
    );
    expect(empty).toEqual([]);
  });

  it('gives every answer that has a body a described body, and none to a 204', () => {
    const problems: string[] = [];
    for (const op of operationsOf(doc)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, { content?: object }>)) {
        const name = `${op.method.toUpperCase()} ${op.path} ${status}`;
        if (status === '204' && response.content) problems.push(`${name} has a body`);
        if (/^[2-5]\d\d$|^default$/.test(status) && status !== '204' && !response.content)
          problems.push(`${name} does not say what it answers`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows an example of every body, and each example fits its schema', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const body of bodiesOf(doc)) {
      if (!body.schema || isFile(body.schema)) continue; // a file's bytes have no JSON example
      const missing: string[] = [];
      const example = body.example ?? exampleOf(body.schema, missing);
      if (missing.length > 0) {
        problems.push(`${body.where}: no example for ${missing.join(', ')}`);
        continue;
      }
      checked++;
      for (const m of mismatches(body.schema, example)) problems.push(`${body.where}: its example: ${m}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it("states each body DTO's and query DTO's class-validator rules in its schema, and its example passes them", async () => {
    const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    const problems: string[] = [];
    const dtos = new Set<string>();
    for (const handler of handlers(t)) {
      const operation = operationsOf(doc).find((o) => o.operationId === handler.operationId);
      if (!operation) continue; // left out of the description (the xAPI fallback, the web app)
      for (const { kind, dto } of handler.dtos) {
        dtos.add(`${kind} ${dto.name}`);
        const name = `${operation.method.toUpperCase()} ${operation.path} (${dto.name})`;
        if (kind === 'body') {
          const media = operation.requestBody as { content?: Record<string, { schema: SchemaObject }> };
          const schema = media.content?.['application/json']?.schema;
          if (!schema) {
            problems.push(`${name}: no application/json request body`);
            continue;
          }
          problems.push(...ruleMismatches(dto, schema).map((p) => `${name}: ${p}`));
          const example = exampleOf(schema);
          await pipe
            .transform(example, { type: 'body', metatype: dto })
            .catch((error: Error & { response?: { message?: unknown } }) =>
              problems.push(
                `${name}: its example is refused: ${JSON.stringify(error.response?.message ?? error.message)}`,
              ),
            );
        } else {
          const schema = querySchema((operation.parameters ?? []) as ParameterObject[]);
          problems.push(...ruleMismatches(dto, schema).map((p) => `${name} query: ${p}`));
        }
      }
    }
    expect(problems).toEqual([]);
    // The body DTOs and the query DTOs of the reports, audit log, certificates and erasure at least.
    expect(dtos.size).toBeGreaterThan(20);
  });

  describe('a walk through the API (each answer checked against its documented schema)', () => {
    const bearer = () => ({ authorization: `Bearer ${admin}` });
    const problems: string[] = [];
    let answers = 0;

    /** Checks a JSON answer against the schema the description gives for its operation and status. */
    function check(method: string, path: string, res: request.Response): request.Response {
      const operation = operationsOf(doc).find((o) => o.method === method && o.path === path) as Operation;
      const name = `${method.toUpperCase()} ${path} ${res.status}`;
      if (!operation) {
        problems.push(`${name}: not in the description`);
        return res;
      }
      const response = (
        operation.responses as Record<string, { content?: Record<string, { schema: SchemaObject }> }>
      )[String(res.status)];
      const schema = response?.content?.['application/json']?.schema;
      if (!schema) problems.push(`${name}: the description has no JSON body for this status`);
      else {
        answers++;
        problems.push(...mismatches(schema, res.body).map((m) => `${name}: ${m}`));
      }
      return res;
    }
    const example = (method: string, path: string) => {
      const operation = operationsOf(doc).find((o) => o.method === method && o.path === path)!;
      const body = operation.requestBody as {
        content: Record<string, { schema: SchemaObject; example?: unknown }>;
      };
      const media = body.content['application/json'];
      return (media.example ?? exampleOf(media.schema)) as object;
    };
    /** Sends the operation's documented example as its body: the examples are real requests. */
    const send = async (method: 'post' | 'put', path: string, url = path, status?: number) => {
      const res = await request(t.url)[method](url).set(bearer()).send(example(method, path));
      if (status !== undefined) expect(res.status).toBe(status);
      return check(method, path, res);
    };
    const get = async (path: string, url = path, headers: Record<string, string> = bearer()) =>
      check('get', path, await request(t.url).get(url).set(headers).expect(200));

    it('answers as described, sending the documented examples', async () => {
      await send('post', '/api/v1/courses', undefined, 201);
      await send('put', '/api/v1/courses/{code}', '/api/v1/courses/DA06-K1', 200);
      await get('/api/v1/courses');
      const cohort = (await send('post', '/api/v1/cohorts', undefined, 201)).body as { id: string };
      await get('/api/v1/cohorts');
      await get('/api/v1/cohorts/{id}', `/api/v1/cohorts/${cohort.id}`);
      await send('post', '/api/v1/cohorts/{id}/enrollments', `/api/v1/cohorts/${cohort.id}/enrollments`, 201);
      const seats = (
        await get('/api/v1/cohorts/{id}/enrollments', `/api/v1/cohorts/${cohort.id}/enrollments`)
      ).body as { id: string }[];
      expect(seats).toHaveLength(1);
      await get('/api/v1/enrollments/{id}/progress', `/api/v1/enrollments/${seats[0].id}/progress`);

      await send('post', '/api/v1/users', undefined, 201);
      await get('/api/v1/users');
      await get('/api/v1/me');
      await send('post', '/api/v1/lrs-clients', undefined, 201);
      await get('/api/v1/lrs-clients');
      await get('/api/v1/provinces', '/api/v1/provinces?era=legacy');
      await get('/api/v1/agencies');

      // The platform's statement (the documented example is the enrolled learner's) moves the funnel.
      const xapi = { authorization: BASIC, 'x-experience-api-version': '1.0.3' };
      check(
        'post',
        '/xapi/statements',
        await request(t.url)
          .post('/xapi/statements')
          .set(xapi)
          .send(example('post', '/xapi/statements'))
          .expect(200),
      );
      await get('/xapi/statements', '/xapi/statements?limit=5', xapi);
      await get('/xapi/about', '/xapi/about', {});
      await get(
        '/xapi/activities',
        `/xapi/activities?activityId=${encodeURIComponent('https://mooc.example.vn/da06')}`,
        xapi,
      );

      await get('/api/v1/reports/funnel', '/api/v1/reports/funnel?groupBy=cohort');
      await get('/api/v1/reports/funnel/learners');
      await get('/api/v1/reports/funnel/daily', '/api/v1/reports/funnel/daily?from=2026-11-01&to=2026-11-30');
      await get('/api/v1/reports/unmatched-actors');

      await send('post', '/api/v1/training-records', undefined, 201);
      const records = (await get('/api/v1/training-records')).body as { id: string }[];
      await send('put', '/api/v1/training-records/{id}', `/api/v1/training-records/${records[0].id}`, 200);
      await get('/api/v1/reports/training-volume');
      await get('/api/v1/report-packs');
      await get('/api/v1/audit-log', '/api/v1/audit-log?limit=20');
      await get('/api/v1/certificates', `/api/v1/certificates?cohortId=${cohort.id}`);

      const job = check(
        'post',
        '/api/v1/cohorts/{id}/certificates',
        await request(t.url).post(`/api/v1/cohorts/${cohort.id}/certificates`).set(bearer()).expect(202),
      ).body as { jobId: string };
      await get('/api/v1/jobs/{id}', `/api/v1/jobs/${job.jobId}`);

      const link = await request(t.url)
        .post('/api/v1/learner-links')
        .set({ authorization: BASIC })
        .send(example('post', '/api/v1/learner-links'))
        .expect(201);
      check('post', '/api/v1/learner-links', link);
      const token = new URL(link.body.url as string).pathname.split('/').pop()!;
      await get('/api/v1/learner-links/{token}', `/api/v1/learner-links/${token}`, {});
      await get('/health', '/health', {});

      const [learner] = (await get('/api/v1/learners', '/api/v1/learners?nationalId=001099000123')).body as {
        id: string;
      }[];
      await send('post', '/api/v1/learners/{id}/erasure', `/api/v1/learners/${learner.id}/erasure`, 200);

      expect(problems).toEqual([]);
      expect(answers).toBeGreaterThan(30);
    });
  });
});

/** Each handler of the app with the DTO classes of its @Body() and whole @Query() arguments. */
function handlers(t: TestApp): { operationId: string; dtos: { kind: 'body' | 'query'; dto: Class }[] }[] {
  const validated = (type: unknown): type is Class =>
    typeof type === 'function' &&
    getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
  const out: { operationId: string; dtos: { kind: 'body' | 'query'; dto: Class }[] }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ??
          []) as unknown[];
        const dtos: { kind: 'body' | 'query'; dto: Class }[] = [];
        for (const [key, arg] of Object.entries(args)) {
          const type = key.split(':')[0];
          const kind =
            type === String(RouteParamtypes.BODY)
              ? 'body'
              : type === String(RouteParamtypes.QUERY)
                ? 'query'
                : undefined;
          const dto = types[arg.index];
          if (kind && arg.data === undefined && validated(dto)) dtos.push({ kind, dto });
        }
        if (dtos.length > 0) out.push({ operationId: `${controller.name}_${method}`, dtos });
      }
    }
  }
  return out;
}
