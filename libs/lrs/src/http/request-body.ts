import {
  findUnstorableText,
  jsonNestingDeeperThan,
  multipartBoundary,
  parseMultipart,
  type MultipartPart,
} from '@hocba/xapi';
import { LrsError } from '../lrs.errors';

/** Deepest JSON nesting accepted; real statements stay under 15. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(body: Buffer, what: string): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new LrsError('lrs.bad_request', `${what} is not valid UTF-8`);
  }
}

export function parseJson(body: Buffer | string, what: string): unknown {
  const text = typeof body === 'string' ? body : decodeUtf8(body, what);
  if (text.trim() === '')
    throw new LrsError('lrs.bad_request', `${what} is empty; a JSON document is required`);
  if (jsonNestingDeeperThan(text, MAX_JSON_DEPTH))
    throw new LrsError('lrs.bad_request', `${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new LrsError('lrs.bad_request', `${what} is not valid JSON (${(e as Error).message})`);
  }
}

/**
 * JSON whose strings are kept as text and jsonb (statements, agents): one that holds a NUL or a
 * lone surrogate is refused here, naming where, instead of failing in PostgreSQL.
 */
export function parseStorableJson(body: Buffer | string, what: string): unknown {
  const value = parseJson(body, what);
  const found = findUnstorableText(value);
  if (found) throw new LrsError('lrs.bad_request', `${what}: ${found.path || 'the value'} ${found.problem}`);
  return value;
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/**
 * The statements and attachment parts of a statement request body: application/json, or
 * multipart/mixed with the statements first and each attachment after, named by its SHA-2.
 */
export function parseStatementBody(
  contentType: string | undefined,
  body: Buffer,
): { json: unknown; attachments: AttachmentPart[] } {
  const type = mediaType(contentType);
  if (type === 'application/json')
    return { json: parseStorableJson(body, 'The request body'), attachments: [] };
  if (type !== 'multipart/mixed') {
    throw new LrsError(
      'lrs.bad_request',
      `Content-Type "${type || '(none)'}" is not accepted here; use application/json or multipart/mixed`,
    );
  }
  const boundary = multipartBoundary(contentType ?? '');
  if (!boundary)
    throw new LrsError('lrs.bad_request', 'Content-Type multipart/mixed must carry a boundary parameter');
  const parts: MultipartPart[] = parseMultipart(body, boundary);
  if (parts.length === 0) throw new LrsError('lrs.bad_request', 'The multipart body has no parts');
  const [first, ...rest] = parts;
  if (mediaType(first.headers['content-type']) !== 'application/json') {
    throw new LrsError(
      'lrs.bad_request',
      'The first part of a multipart/mixed body must be the statements, with Content-Type application/json',
    );
  }
  const attachments = rest.map((part, i) => {
    const sha2 = part.headers['x-experience-api-hash'];
    if (!sha2)
      throw new LrsError(
        'lrs.bad_request',
        `Multipart part ${i + 2} must have an X-Experience-API-Hash header`,
      );
    const encoding = part.headers['content-transfer-encoding'];
    if (!encoding || encoding.toLowerCase() !== 'binary') {
      throw new LrsError(
        'lrs.bad_request',
        `Multipart part ${i + 2} must have Content-Transfer-Encoding: binary`,
      );
    }
    return {
      sha2: sha2.toLowerCase(),
      contentType: part.headers['content-type'] ?? 'application/octet-stream',
      content: part.body,
    };
  });
  return { json: parseStorableJson(first.body, 'The statements part'), attachments };
}
