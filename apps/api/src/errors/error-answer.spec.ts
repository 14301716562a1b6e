import { inspect } from 'node:util';
import { ConflictException, Logger, NotFoundException } from '@nestjs/common';
import IORedis from 'ioredis';
import { HocbaError } from '@hocba/errors';
import { errorAnswer, safeDescription } from './error-answer';
import { ErrorsFilter } from './errors.filter';

/** A driver error as PostgreSQL reports a unique violation: the values sit in `detail`. */
function driverError(): Error {
  const error = new Error('duplicate key value violates unique constraint "uq_learner_national_id"');
  error.name = 'QueryFailedError';
  Object.assign(error, {
    detail: 'Key (national_id)=(001203004567) already exists.',
    parameters: ['Nguyễn Văn Riêng', '001203004567', 'rieng@example.vn'],
  });
  return error;
}

describe(ErrorsFilter.name, () => {
  /** What the filter sends through a Fastify reply, for a request to `url`. */
  function sent(error: unknown, url: string) {
    const out: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      sent: false,
      status(code: number) {
        out.status = code;
        return this;
      },
      headers(values: Record<string, string>) {
        Object.assign(out.headers, values);
        return this;
      },
      type() {
        return this;
      },
      send(body: unknown) {
        out.body = body;
        return this;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url }) }) } as never;
    new ErrorsFilter().catch(error, host);
    return out;
  }

  it('logs an unexpected error by class, message and stack, never its detail or parameters, and answers 500', () => {
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      // As the console logger would print it: an object is inspected, own properties and all.
      logged.push(typeof message === 'string' ? message : inspect(message));
    });
    const api = sent(driverError(), '/api/v1/cohorts');
    const xapi = sent(driverError(), '/xapi/statements');
    spy.mockRestore();
    expect(api).toEqual({
      status: 500,
      headers: {},
      body: { statusCode: 500, code: 'server.internal_error', message: 'Internal server error' },
    });
    expect(xapi).toEqual({
      status: 500,
      headers: {},
      body: {
        error: 500,
        code: 'server.internal_error',
        message: 'Internal error; the request was not applied',
      },
    });
    expect(logged.join('\n')).toContain('QueryFailedError: duplicate key value violates unique constraint');
    for (const secret of ['001203004567', 'Nguyễn Văn Riêng', 'rieng@example.vn'])
      expect(logged.join('\n')).not.toContain(secret);
  });

  it('answers a feature error with its code’s status, its fields, params, details and headers', () => {
    const error = new HocbaError('course.code_taken', 'code: course "DA06" exists', {
      field: 'code',
      params: { code: 'DA06' },
      headers: { 'retry-after': '3' },
      details: { rows: 2, statusCode: 200 },
    });
    expect(sent(error, '/api/v1/courses')).toEqual({
      status: 409,
      headers: { 'retry-after': '3' },
      body: {
        statusCode: 409,
        code: 'course.code_taken',
        message: 'code: course "DA06" exists',
        errors: [{ field: 'code', rule: 'course.code_taken', message: 'code: course "DA06" exists' }],
        params: { code: 'DA06' },
        // A feature's own member never replaces a common one.
        rows: 2,
      },
    });
  });

  it('answers on /xapi with the xAPI body, and asks for Basic credentials on 401', () => {
    expect(
      sent(new HocbaError('lrs.unauthorized', 'The LRS client key or secret is wrong'), '/xapi/about'),
    ).toEqual({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Hocba LRS"' },
      body: { error: 401, code: 'lrs.unauthorized', message: 'The LRS client key or secret is wrong' },
    });
    expect(sent(new HocbaError('lrs.unauthorized', 'wrong'), '/api/v1/learner-links').headers).toEqual({});
  });

  it('gives Nest’s and Fastify’s own refusals the code of their status', () => {
    expect(sent(new NotFoundException('Cannot GET /api/v1/nowhere'), '/api/v1/nowhere').body).toEqual({
      statusCode: 404,
      code: 'resource.not_found',
      message: 'Cannot GET /api/v1/nowhere',
    });
    expect(sent(new ConflictException(['a', 'b']), '/api').body).toMatchObject({ message: 'a; b' });
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(sent(tooLarge, '/xapi/statements')).toEqual({
      status: 413,
      headers: {},
      body: { error: 413, code: 'request.body_too_large', message: 'Request body is too large' },
    });
  });

  it('answers 503 with Retry-After when PostgreSQL is out of reach, on both surfaces', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const api = sent(refused, '/api/v1/cohorts');
    const xapi = sent(refused, '/xapi/statements');
    spy.mockRestore();
    expect(api).toEqual({
      status: 503,
      headers: { 'retry-after': '5' },
      body: {
        statusCode: 503,
        code: 'service.unavailable',
        message: 'The database is unavailable; nothing was changed: try again shortly',
      },
    });
    expect(xapi.body).toEqual({
      error: 503,
      code: 'service.unavailable',
      message: 'The database is unavailable; nothing was stored: send the request again shortly',
    });
  });

  it('answers 503 with Retry-After for the error ioredis gives when Redis does not answer', async () => {
    // A port nothing listens on: ioredis gives up on the command after its one retry.
    const redis = new IORedis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true });
    redis.on('error', () => undefined);
    const failure: unknown = await redis.get('x').catch((e: unknown) => e);
    redis.disconnect();
    const answer = errorAnswer(failure, 'api');
    expect([answer.status, answer.headers, answer.body.code]).toEqual([
      503,
      { 'retry-after': '5' },
      'service.unavailable',
    ]);
  });

  it('describes what is not an Error without printing it', () => {
    expect(safeDescription({ fullName: 'Nguyễn Văn Riêng' })).toBe('A non-error was thrown (object)');
  });
});
