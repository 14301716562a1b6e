import {
  agentKey,
  isIri,
  isUuid,
  parseTimestamp,
  validateActor,
  XapiValidationError,
  type JsonObject,
  type XapiVersion,
} from '@hocba/xapi';
import { LrsError } from '../lrs.errors';
import { parseStorableJson } from './request-body';

/** Readers for xAPI query parameters: each names the parameter and the rule when it refuses one. */
export type QueryParams = Record<string, unknown>;

export function onlyParams(params: QueryParams, allowed: ReadonlySet<string>, where: string): void {
  for (const name of Object.keys(params)) {
    if (!allowed.has(name))
      throw new LrsError('lrs.bad_request', `Query parameter ${name} is not one ${where} accepts`);
  }
}

export function single(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value))
    throw new LrsError('lrs.bad_request', `Query parameter ${name} must be given once`);
  return String(value);
}

export function required(params: QueryParams, name: string, where: string): string {
  const value = single(params, name);
  if (value === undefined || value === '')
    throw new LrsError('lrs.bad_request', `Query parameter ${name} is required for ${where}`);
  return value;
}

export function bool(params: QueryParams, name: string): boolean {
  const value = single(params, name);
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false')
    throw new LrsError('lrs.bad_request', `Query parameter ${name} must be true or false`);
  return value === 'true';
}

/** An ISO 8601 timestamp with a zone, as an ISO string in UTC. */
export function timestamp(params: QueryParams, name: string): string | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined)
    throw new LrsError(
      'lrs.bad_request',
      `Query parameter ${name} must be an ISO 8601 timestamp with a time zone`,
    );
  return new Date(ms).toISOString();
}

export function iri(params: QueryParams, name: string): string | undefined {
  const value = single(params, name);
  if (value !== undefined && !isIri(value))
    throw new LrsError('lrs.bad_request', `Query parameter ${name} must be an IRI`);
  return value;
}

export function uuid(params: QueryParams, name: string): string | undefined {
  const value = single(params, name);
  if (value !== undefined && !isUuid(value))
    throw new LrsError('lrs.bad_request', `Query parameter ${name} must be a UUID`);
  return value?.toLowerCase();
}

/** The `agent` parameter: JSON of an Agent or identified Group. Returns the object and its lookup key. */
export function agent(
  params: QueryParams,
  name: string,
  version: XapiVersion,
): { agent: JsonObject; key: string } | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const parsed = parseStorableJson(value, `Query parameter ${name}`);
  try {
    validateActor(parsed, version, name);
  } catch (e) {
    if (e instanceof XapiValidationError)
      throw new LrsError('lrs.bad_request', `Query parameter ${e.message}`);
    throw e;
  }
  const key = agentKey(parsed as JsonObject);
  if (key === undefined)
    throw new LrsError(
      'lrs.bad_request',
      `Query parameter ${name} must identify an Agent or an identified Group`,
    );
  return { agent: parsed as JsonObject, key };
}
