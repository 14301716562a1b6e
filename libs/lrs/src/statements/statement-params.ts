import { isUuid, type StatementFormat, type XapiVersion } from '@hocba/xapi';
import { agent as agentParam, bool, iri, onlyParams, single, timestamp, uuid } from '../http/query-params';
import { LrsError } from '../lrs.errors';

/** The query parameters GET /statements accepts; anything else is a 400. */
const GET_PARAMS = new Set([
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'more',
]);
/** With statementId or voidedStatementId, only these may accompany it. */
const SINGLE_PARAMS = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);

export const MAX_LIMIT = 500;

export type StatementsRequest =
  | { kind: 'one'; id: string; voided: boolean; format: StatementFormat; attachments: boolean }
  | {
      kind: 'many';
      format: StatementFormat;
      attachments: boolean;
      filters: {
        agentKey?: string;
        relatedAgents: boolean;
        verbId?: string;
        activityId?: string;
        relatedActivities: boolean;
        registration?: string;
        since?: string;
        until?: string;
        ascending: boolean;
        limit: number;
      };
      more?: string;
    };

/** Parses and checks the parameters of GET /statements. */
export function parseStatementsRequest(
  params: Record<string, unknown>,
  version: XapiVersion,
): StatementsRequest {
  onlyParams(params, GET_PARAMS, 'GET /statements');
  const formatValue = single(params, 'format') ?? 'exact';
  if (formatValue !== 'exact' && formatValue !== 'ids' && formatValue !== 'canonical') {
    throw new LrsError('lrs.bad_request', 'Query parameter format must be ids, exact or canonical');
  }
  const format = formatValue;
  const attachments = bool(params, 'attachments');

  const statementId = single(params, 'statementId');
  const voidedStatementId = single(params, 'voidedStatementId');
  if (statementId !== undefined || voidedStatementId !== undefined) {
    if (statementId !== undefined && voidedStatementId !== undefined) {
      throw new LrsError('lrs.bad_request', 'Use statementId or voidedStatementId, not both');
    }
    for (const name of Object.keys(params)) {
      if (!SINGLE_PARAMS.has(name))
        throw new LrsError(
          'lrs.bad_request',
          `Query parameter ${name} cannot be combined with statementId or voidedStatementId`,
        );
    }
    const id = (statementId ?? voidedStatementId) as string;
    const name = statementId !== undefined ? 'statementId' : 'voidedStatementId';
    if (!isUuid(id)) throw new LrsError('lrs.bad_request', `Query parameter ${name} must be a UUID`);
    return {
      kind: 'one',
      id: id.toLowerCase(),
      voided: voidedStatementId !== undefined,
      format,
      attachments,
    };
  }

  const more = single(params, 'more');
  const agent = agentParam(params, 'agent', version)?.key;
  const verb = iri(params, 'verb');
  const activity = iri(params, 'activity');
  const registration = uuid(params, 'registration');
  const limitValue = single(params, 'limit');
  let limit = MAX_LIMIT;
  if (limitValue !== undefined) {
    if (!/^\d+$/.test(limitValue))
      throw new LrsError('lrs.bad_request', 'Query parameter limit must be a non-negative integer');
    const n = Number(limitValue);
    limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  return {
    kind: 'many',
    format,
    attachments,
    more,
    filters: {
      agentKey: agent,
      relatedAgents: bool(params, 'related_agents'),
      verbId: verb,
      activityId: activity,
      relatedActivities: bool(params, 'related_activities'),
      registration,
      since: timestamp(params, 'since'),
      until: timestamp(params, 'until'),
      ascending: bool(params, 'ascending'),
      limit,
    },
  };
}
