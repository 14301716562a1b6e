import { All, Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { storedDocumentHeaders } from '@hocba/http-headers';
import { canUseDocuments, inActivityScope } from '../clients/lrs-client';
import { LrsClientsService } from '../clients/lrs-clients.service';
import { openXapiRequest, type AuthenticatedXapiRequest } from '../http/xapi-context';
import { mediaType } from '../http/request-body';
import { LrsError } from '../lrs.errors';
import { parseDocumentRequest, type DocumentResource } from './document-params';
import { DocumentsService, type Preconditions } from './documents.service';

/** The document resources: /activities/state, /activities/profile and /agents/profile. */
@Controller('xapi')
export class DocumentsController {
  constructor(
    private readonly clients: LrsClientsService,
    private readonly documents: DocumentsService,
  ) {}

  @All('activities/state')
  state(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle('state', request, reply);
  }

  @All('activities/profile')
  activityProfile(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle('activity-profile', request, reply);
  }

  @All('agents/profile')
  agentProfile(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle('agent-profile', request, reply);
  }

  private async handle(
    resource: DocumentResource,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const x = await openXapiRequest(request, reply, this.clients);
    const write = x.method !== 'GET' && x.method !== 'HEAD';
    if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(x.method))
      throw new LrsError('lrs.method_not_allowed', `${x.method} is not allowed here`);
    if (!canUseDocuments(x.client, resource === 'state' ? 'state' : 'profile', write)) {
      throw new LrsError(
        'lrs.forbidden',
        `This LRS client may not ${write ? 'change' : 'read'} ${resource === 'state' ? 'state' : 'profile'} documents`,
      );
    }
    const parsed = parseDocumentRequest(resource, x.method, x.params, x.version);
    // Activity documents of a client scoped to courses: those courses' activities only.
    if (resource !== 'agent-profile' && !inActivityScope(x.client, parsed.address.activityId))
      throw new LrsError(
        'lrs.forbidden',
        'activityId is not an activity of the courses this LRS client is scoped to',
      );
    const conditions: Preconditions = {
      ifMatch: x.headers['if-match'],
      ifNoneMatch: x.headers['if-none-match'],
    };
    const { documentId } = parsed;

    if (!write) {
      if (documentId === undefined) {
        const { ids, lastUpdated } = await this.documents.listIds(parsed);
        if (lastUpdated) void reply.header('Last-Modified', lastUpdated.toUTCString());
        return void reply
          .status(200)
          .headers(storedDocumentHeaders('application/json'))
          .type('application/json')
          .send(JSON.stringify(ids));
      }
      const document = await this.documents.get({ ...parsed, documentId });
      if (!document) throw new LrsError('lrs.not_found', 'No such document');
      // Bytes and Content-Type as stored (the conformance suite checks both); only headers are added
      // so that a document stored as HTML can never run in Hocba's origin.
      void reply
        .header('ETag', document.etag)
        .header('Last-Modified', document.updated.toUTCString())
        .headers(storedDocumentHeaders(mediaType(document.contentType)));
      return void reply.status(200).type(document.contentType).send(document.content);
    }
    if (x.method === 'DELETE') await this.documents.delete(parsed, conditions);
    else if (documentId === undefined) throw new LrsError('lrs.bad_request', 'The document id is required');
    else if (x.method === 'PUT')
      await this.documents.put({ ...parsed, documentId }, this.incoming(x), conditions, x.version);
    else await this.documents.post({ ...parsed, documentId }, this.incoming(x), conditions);
    void reply.status(204).send();
  }

  private incoming(x: AuthenticatedXapiRequest): { contentType: string | undefined; content: Buffer } {
    return { contentType: x.headers['content-type'], content: x.body };
  }
}
