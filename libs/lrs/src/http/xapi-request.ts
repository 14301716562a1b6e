import type { FastifyRequest } from 'fastify';
import { findUnstorableText, negotiateVersion, XapiValidationError, type XapiVersion } from '@hocba/xapi';
import { LrsError } from '../lrs.errors';
import { decodeUtf8, mediaType } from './request-body';

/** Form fields the alternate request syntax treats as headers (xAPI 1.0.3, Communication 1.3). */
const FORM_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);

/** An xAPI request with the alternate request syntax already unfolded into an ordinary one. */
export interface XapiRequest {
  method: string;
  params: Record<string, unknown>;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The version the request asked for; undefined when the header is missing or unsupported. */
  version?: XapiVersion;
  /** Why there is no version, to be reported as a 400 once the response version is known. */
  versionProblem?: string;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function readXapiRequest(request: FastifyRequest): XapiRequest {
  const query = { ...(request.query as Record<string, unknown>) };
  const headers: Record<string, string | undefined> = {};
  for (const name of [...FORM_HEADERS, 'accept-language']) headers[name] = header(request, name);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

  if (query.method === undefined) {
    refuseUnstorable(query);
    return { method: request.method, params: query, headers, body, ...version(headers) };
  }

  // The alternate request syntax: POST ?method=X with the rest as form fields.
  const declared = negotiateVersionOrNull(headers['x-experience-api-version']);
  if (declared === '2.0.0')
    throw new LrsError(
      'lrs.bad_request',
      'xAPI 2.0.0 has no alternate request syntax (the method query parameter)',
    );
  if (request.method !== 'POST')
    throw new LrsError('lrs.bad_request', 'The alternate request syntax must be sent as a POST');
  const method = String(query.method).toUpperCase();
  if (!METHODS.has(method))
    throw new LrsError(
      'lrs.bad_request',
      `Query parameter method "${String(query.method).slice(0, 20)}" is not an HTTP method`,
    );
  const extra = Object.keys(query).filter((k) => k !== 'method');
  if (extra.length > 0) {
    throw new LrsError(
      'lrs.bad_request',
      `The alternate request syntax takes only the method query parameter; move ${extra.join(', ')} into the form`,
    );
  }
  if (mediaType(headers['content-type']) !== 'application/x-www-form-urlencoded') {
    throw new LrsError(
      'lrs.bad_request',
      'The alternate request syntax must be sent as application/x-www-form-urlencoded',
    );
  }
  const form = new URLSearchParams(decodeUtf8(body, 'The form body'));
  const params: Record<string, unknown> = {};
  let content: Buffer = Buffer.alloc(0);
  const formHeaders: Record<string, string | undefined> = { ...headers, 'content-type': undefined };
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (FORM_HEADERS.includes(lower)) formHeaders[lower] = value;
    else if (name === 'content') content = Buffer.from(value, 'utf8');
    else params[name] = value;
  }
  refuseUnstorable(params);
  if ((method === 'PUT' || method === 'POST') && content.length === 0) {
    throw new LrsError(
      'lrs.bad_request',
      'The alternate request syntax needs a form parameter named content for PUT and POST',
    );
  }
  if (content.length > 0 && formHeaders['content-type'] === undefined)
    formHeaders['content-type'] = 'application/json';
  const v = version(formHeaders);
  if (v.version === '2.0.0')
    throw new LrsError('lrs.bad_request', 'xAPI 2.0.0 has no alternate request syntax');
  return { method, params, headers: formHeaders, body: content, ...v };
}

/** Every parameter is matched against text columns: one PostgreSQL cannot hold is refused by name. */
function refuseUnstorable(params: Record<string, unknown>): void {
  const found = findUnstorableText(params);
  if (found) throw new LrsError('lrs.bad_request', `Query parameter ${found.path} ${found.problem}`);
}

function version(headers: Record<string, string | undefined>): {
  version?: XapiVersion;
  versionProblem?: string;
} {
  try {
    return { version: negotiateVersion(headers['x-experience-api-version']) };
  } catch (e) {
    if (e instanceof XapiValidationError) return { versionProblem: e.message };
    throw e;
  }
}

function negotiateVersionOrNull(value: string | undefined): XapiVersion | null {
  try {
    return negotiateVersion(value);
  } catch {
    return null;
  }
}
