import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorAnswer, surfaceOf } from './error-answer';

/**
 * The one exception filter of the API: every error thrown by a route, a guard, a pipe, a body
 * parser or Fastify itself reaches it (Nest routes Fastify's error handler here too), and answers
 * with the status, headers and body errorAnswer gives it. Features throw; nothing else answers errors.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest | undefined>();
    const answer = errorAnswer(error, surfaceOf(request?.url));
    if (answer.log) this.log[answer.log.level](answer.log.text);
    // A route that already streamed its answer cannot take another one.
    if (reply.sent) return;
    void reply.status(answer.status).headers(answer.headers).type('application/json').send(answer.body);
  }
}
