import { inspect } from 'node:util';
import { Logger } from '@nestjs/common';
import { SafeExceptionFilter, safeDescription } from './safe-exception.filter';

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

describe('SafeExceptionFilter', () => {
  it('logs an unexpected error by class, message and stack, never its detail or parameters, and answers 500', () => {
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      // As the console logger would print it: an object is inspected, own properties and all.
      logged.push(typeof message === 'string' ? message : inspect(message));
    });
    let sent: { status?: number; body?: unknown } = {};
    const reply = {
      status(code: number) {
        sent.status = code;
        return this;
      },
      type() {
        return this;
      },
      send(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({}) }) } as never;
    new SafeExceptionFilter().catch(driverError(), host);
    spy.mockRestore();
    expect(sent).toEqual({ status: 500, body: { statusCode: 500, message: 'Internal server error' } });
    expect(logged.join('\n')).toContain('QueryFailedError: duplicate key value violates unique constraint');
    for (const secret of ['001203004567', 'Nguyễn Văn Riêng', 'rieng@example.vn'])
      expect(logged.join('\n')).not.toContain(secret);
    sent = {};
  });

  it('describes what is not an Error without printing it', () => {
    expect(safeDescription({ fullName: 'Nguyễn Văn Riêng' })).toBe('A non-error was thrown (object)');
  });
});
