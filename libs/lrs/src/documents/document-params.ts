import type { XapiVersion } from '@hocba/xapi';
import {
  agent,
  iri,
  onlyParams,
  required,
  single,
  timestamp,
  uuid,
  type QueryParams,
} from '../http/query-params';
import { LrsError } from '../lrs.errors';

export type DocumentResource = 'state' | 'activity-profile' | 'agent-profile';

/** Where a document lives; '' for the parts a resource does not use. */
export interface DocumentAddress {
  resource: DocumentResource;
  activityId: string;
  agentKey: string;
  registration: string;
}

export interface DocumentRequest {
  address: DocumentAddress;
  /** The stateId or profileId; undefined asks for the list (GET) or every state (DELETE). */
  documentId?: string;
  since?: string;
}

const PATHS: Record<DocumentResource, string> = {
  state: '/activities/state',
  'activity-profile': '/activities/profile',
  'agent-profile': '/agents/profile',
};
const ID_PARAM: Record<DocumentResource, string> = {
  state: 'stateId',
  'activity-profile': 'profileId',
  'agent-profile': 'profileId',
};

/** Parses the query of a document request, naming the parameter and rule it breaks. */
export function parseDocumentRequest(
  resource: DocumentResource,
  method: string,
  params: QueryParams,
  version: XapiVersion,
): DocumentRequest {
  const where = `${method} ${PATHS[resource]}`;
  const idName = ID_PARAM[resource];
  const usesActivity = resource !== 'agent-profile';
  const usesAgent = resource !== 'activity-profile';
  const allowed = new Set([idName, 'since']);
  if (usesActivity) allowed.add('activityId');
  if (usesAgent) allowed.add('agent');
  if (resource === 'state') allowed.add('registration');
  onlyParams(params, allowed, where);

  const activityId = usesActivity ? required(params, 'activityId', where) : '';
  if (usesActivity) iri(params, 'activityId');
  let agentKey = '';
  if (usesAgent) {
    required(params, 'agent', where);
    agentKey = (agent(params, 'agent', version) as { key: string }).key;
  }
  const registration = resource === 'state' ? (uuid(params, 'registration') ?? '') : '';
  const documentId = single(params, idName);
  if (documentId === '') throw new LrsError('lrs.bad_request', `Query parameter ${idName} must not be empty`);
  const since = timestamp(params, 'since');

  const listing = method === 'GET' || method === 'HEAD';
  if (since !== undefined && !(listing && documentId === undefined)) {
    throw new LrsError(
      'lrs.bad_request',
      `Query parameter since is only for listing ids (GET ${PATHS[resource]} without ${idName})`,
    );
  }
  const multiDelete = method === 'DELETE' && resource === 'state';
  if (documentId === undefined && !listing && !multiDelete)
    throw new LrsError('lrs.bad_request', `Query parameter ${idName} is required for ${where}`);
  return { address: { resource, activityId, agentKey, registration }, documentId, since };
}
