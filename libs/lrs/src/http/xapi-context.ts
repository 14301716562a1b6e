import type { FastifyReply, FastifyRequest } from 'fastify';
import type { XapiVersion } from '@hocba/xapi';
import type { LrsClient } from '../clients/lrs-client';
import type { LrsClientsService } from '../clients/lrs-clients.service';
import { LrsError } from '../lrs.errors';
import { readXapiRequest, type XapiRequest } from './xapi-request';

export type AuthenticatedXapiRequest = XapiRequest & { version: XapiVersion; client: LrsClient };

/**
 * The opening every xAPI resource shares: unfold the alternate syntax, authenticate, answer in the
 * right version, and refuse a request with no usable version (after authentication, so that the
 * 400 is in a version the client spoke).
 */
export async function openXapiRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  clients: LrsClientsService,
): Promise<AuthenticatedXapiRequest> {
  const x = readXapiRequest(request);
  if (x.version) void reply.header('X-Experience-API-Version', x.version);
  const client = await clients.authenticate(x.headers.authorization);
  void reply.header('X-Experience-API-Version', clients.responseVersion(client, x.version));
  if (x.versionProblem !== undefined || x.version === undefined)
    throw new LrsError('lrs.bad_request', x.versionProblem ?? 'version missing');
  return { ...x, version: x.version, client };
}
