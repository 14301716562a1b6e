import {
  agentKey,
  isIri,
  isUuid,
  parseTimestamp,
  validateStatement,
  XapiValidationError,
  type JsonObject,
  type StatementFormat,
  type XapiVersion,
} from '../../../xapi/src';
import { parseJson } from '../http/request-body';
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

function single(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new LrsError(400, `Query parameter ${name} must be given once`);
  return String(value);
}

function bool(params: Record<string, unknown>, name: string): boolean {
  const value = single(params, name);
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw new LrsError(400, `Query parameter ${name} must be true or false`);
  return value === 'true';
}

function timestamp(params: Record<string, unknown>, name: string): string | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined) throw new LrsError(400, `Query parameter ${name} must be an ISO 8601 timestamp with a time zone`);
  return new Date(ms).toISOString();
}

/** Parses and checks the parameters of GET /statements. */
export function parseStatementsRequest(params: Record<string, unknown>, version: XapiVersion): StatementsRequest {
  for (const name of Object.keys(params)) {
    if (!GET_PARAMS.has(name)) throw new LrsError(400, `Query parameter ${name} is not one GET /statements accepts`);
  }
  const formatValue = single(params, 'format') ?? 'exact';
  if (formatValue !== 'exact' && formatValue !== 'ids' && formatValue !== 'canonical') {
    throw new LrsError(400, 'Query parameter format must be ids, exact or canonical');
  }
  const format = formatValue;
  const attachments = bool(params, 'attachments');

  const statementId = single(params, 'statementId');
  const voidedStatementId = single(params, 'voidedStatementId');
  if (statementId !== undefined || voidedStatementId !== undefined) {
    if (statementId !== undefined && voidedStatementId !== undefined) {
      throw new LrsError(400, 'Use statementId or voidedStatementId, not both');
    }
    for (const name of Object.keys(params)) {
      if (!SINGLE_PARAMS.has(name)) throw new LrsError(400, `Query parameter ${name} cannot be combined with statementId or voidedStatementId`);
    }
    const id = (statementId ?? voidedStatementId) as string;
    const name = statementId !== undefined ? 'statementId' : 'voidedStatementId';
    if (!isUuid(id)) throw new LrsError(400, `Query parameter ${name} must be a UUID`);
    return { kind: 'one', id: id.toLowerCase(), voided: voidedStatementId !== undefined, format, attachments };
  }

  const more = single(params, 'more');
  let agent: string | undefined;
  const agentParam = single(params, 'agent');
  if (agentParam !== undefined) {
    const parsed = parseJson(agentParam, 'Query parameter agent');
    try {
      // The same rules as a statement's actor: an Agent or an identified Group.
      validateStatement(
        { actor: parsed, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://example.com/a' } },
        version,
        'agent',
      );
    } catch (e) {
      if (e instanceof XapiValidationError) throw new LrsError(400, `Query parameter ${e.message.replace(/^agent\.actor/, 'agent')}`);
      throw e;
    }
    agent = agentKey(parsed as JsonObject);
    if (agent === undefined) throw new LrsError(400, 'Query parameter agent must identify an Agent or an identified Group');
  }
  const verb = single(params, 'verb');
  if (verb !== undefined && !isIri(verb)) throw new LrsError(400, 'Query parameter verb must be an IRI');
  const activity = single(params, 'activity');
  if (activity !== undefined && !isIri(activity)) throw new LrsError(400, 'Query parameter activity must be an IRI');
  const registration = single(params, 'registration');
  if (registration !== undefined && !isUuid(registration)) throw new LrsError(400, 'Query parameter registration must be a UUID');
  const limitValue = single(params, 'limit');
  let limit = MAX_LIMIT;
  if (limitValue !== undefined) {
    if (!/^\d+$/.test(limitValue)) throw new LrsError(400, 'Query parameter limit must be a non-negative integer');
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
      registration: registration?.toLowerCase(),
      since: timestamp(params, 'since'),
      until: timestamp(params, 'until'),
      ascending: bool(params, 'ascending'),
      limit,
    },
  };
}
