import { All, Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUuid, parseAcceptLanguage, type XapiVersion } from '@hocba/xapi';
import { canWriteStatements, type LrsClient } from '../clients/lrs-client';
import { LrsClientsService } from '../clients/lrs-clients.service';
import { parseStatementBody } from '../http/request-body';
import { openXapiRequest } from '../http/xapi-context';
import type { XapiRequest } from '../http/xapi-request';
import { LrsError } from '../lrs.errors';
import { parseStatementsRequest } from './statement-params';
import { StatementsReaderService, type StatementsResponse } from './statements-reader.service';
import { StatementsService } from './statements.service';

/** The statement resource. Parses, authenticates, authorises, delegates; the rules live in the services. */
@Controller('xapi')
export class StatementsController {
  constructor(
    private readonly clients: LrsClientsService,
    private readonly statements: StatementsService,
    private readonly reader: StatementsReaderService,
  ) {}

  @All('statements')
  async handle(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const mayBeGet =
      request.method === 'GET' ||
      request.method === 'HEAD' ||
      (request.query as { method?: unknown }).method !== undefined;
    let x: Awaited<ReturnType<typeof openXapiRequest>>;
    try {
      x = await openXapiRequest(request, reply, this.clients);
    } catch (error) {
      // The header is required on every GET answer, refusals included; one that returns no
      // statement promises nothing, so it needs no look at the writes in flight (nor does a caller
      // that has not shown credentials get to make the database do that work).
      if (mayBeGet) void reply.header('X-Experience-API-Consistent-Through', new Date().toISOString());
      throw error;
    }
    const { client, version } = x;
    switch (x.method) {
      case 'GET':
      case 'HEAD': {
        // Taken before any read: the statements this GET returns must be read after it.
        const through = await this.reader.consistentThrough();
        void reply.header('X-Experience-API-Consistent-Through', through);
        return this.get({ ...x, version }, client, reply, through);
      }
      case 'PUT':
        return this.put({ ...x, version }, client, reply);
      case 'POST':
        return this.post({ ...x, version }, client, reply);
      default:
        throw new LrsError('lrs.method_not_allowed', `${x.method} is not allowed on /xapi/statements`);
    }
  }

  private authoriseWrite(client: LrsClient): void {
    if (!canWriteStatements(client))
      throw new LrsError('lrs.forbidden', 'This LRS client may not write statements');
  }

  private async put(
    x: XapiRequest & { version: XapiVersion },
    client: LrsClient,
    reply: FastifyReply,
  ): Promise<void> {
    this.authoriseWrite(client);
    const id = x.params.statementId;
    for (const name of Object.keys(x.params)) {
      if (name !== 'statementId')
        throw new LrsError('lrs.bad_request', `Query parameter ${name} is not one PUT /statements accepts`);
    }
    if (id === undefined)
      throw new LrsError('lrs.bad_request', 'Query parameter statementId is required for PUT');
    if (!isUuid(id)) throw new LrsError('lrs.bad_request', 'Query parameter statementId must be a UUID');
    const { json, attachments } = parseStatementBody(x.headers['content-type'], x.body);
    if (Array.isArray(json))
      throw new LrsError('lrs.bad_request', 'PUT /statements takes one statement, not an array');
    await this.statements.store({ client, version: x.version }, json, attachments, id.toLowerCase());
    void reply.status(204).send();
  }

  private async post(
    x: XapiRequest & { version: XapiVersion },
    client: LrsClient,
    reply: FastifyReply,
  ): Promise<void> {
    this.authoriseWrite(client);
    const names = Object.keys(x.params);
    if (names.length > 0)
      throw new LrsError(
        'lrs.bad_request',
        `Query parameter ${names[0]} is not one POST /statements accepts`,
      );
    const { json, attachments } = parseStatementBody(x.headers['content-type'], x.body);
    const ids = await this.statements.store({ client, version: x.version }, json, attachments);
    void reply.status(200).type('application/json').send(JSON.stringify(ids));
  }

  private async get(
    x: XapiRequest & { version: XapiVersion },
    client: LrsClient,
    reply: FastifyReply,
    through: string,
  ): Promise<void> {
    const request = parseStatementsRequest(x.params, x.version);
    const languages = parseAcceptLanguage(x.headers['accept-language']);
    let response: StatementsResponse;
    if (request.kind === 'one') response = await this.reader.one(client, request, languages);
    else response = await this.reader.many(client, request, languages, '/xapi/statements', through);
    if (response.consistentThrough)
      void reply.header('X-Experience-API-Consistent-Through', response.consistentThrough);
    if (response.lastModified) void reply.header('Last-Modified', response.lastModified.toUTCString());
    void reply.status(200).type(response.contentType).send(response.body);
  }
}
