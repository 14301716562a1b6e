import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UNAVAILABLE_RETRY_AFTER } from '@hocba/database';
import { describeLrsError } from '../lrs.errors';

/** Maps every error on the xAPI routes to its status and a JSON body that names the field and rule. */
@Catch()
export class XapiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Xapi');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let { status, message } = describeLrsError(error);
    if (error instanceof HttpException) {
      status = error.getStatus();
      message = error.message;
    }
    if (status === 503) {
      reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER));
      this.logger.warn(
        `Database unavailable: answered 503 (${error instanceof Error ? error.message : String(error)})`,
      );
    } else if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (status === 401) reply.header('WWW-Authenticate', 'Basic realm="Hocba LRS"');
    void reply.status(status).type('application/json').send({ error: status, message });
  }
}
