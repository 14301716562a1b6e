import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { databaseUnavailable, UNAVAILABLE_RETRY_AFTER } from '@hocba/database';

/**
 * Errors the code did not expect answer 500 with a plain message, and are logged by their class,
 * message and stack only: the whole error object would print a database driver's `detail`, which
 * carries row values ("Key (national_id)=(0012…) already exists"): personal data never goes to the
 * log. HTTP errors (4xx and the code's own 5xx) keep Nest's handling; errors Fastify raises with a
 * 4xx status (a body too large, a body that is not JSON) answer that status with their message.
 */
@Catch()
export class SafeExceptionFilter extends BaseExceptionFilter {
  private readonly log = new Logger('Errors');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException) return super.catch(error, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // Fastify's own refusals (and our body parsers'): a 4xx status and a message written for the client.
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (error instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
      void reply.status(status).type('application/json').send({ statusCode: status, message: error.message });
      return;
    }
    // PostgreSQL restarting or out of reach: nothing was written; the client should retry.
    if (databaseUnavailable(error)) {
      this.log.warn(`Database unavailable: answered 503 (${(error as Error).message})`);
      void reply
        .status(503)
        .header('retry-after', String(UNAVAILABLE_RETRY_AFTER))
        .type('application/json')
        .send({
          statusCode: 503,
          message: 'The database is unavailable; nothing was changed: try again shortly',
        });
      return;
    }
    this.log.error(safeDescription(error));
    void reply
      .status(500)
      .type('application/json')
      .send({ statusCode: 500, message: 'Internal server error' });
  }
}

/** "QueryFailedError: duplicate key value violates unique constraint …" and the stack's frames, nothing else. */
export function safeDescription(error: unknown): string {
  if (!(error instanceof Error)) return `A non-error was thrown (${typeof error})`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${error.message}`, ...frames.slice(0, 10)].join('\n');
}
