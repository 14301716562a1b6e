import { createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { sameStatement } from './equivalence';
import { XapiValidationError } from './errors';
import type { JsonObject } from './types';

const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

function base64UrlJson(part: string, path: string): JsonObject {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // fall through to the error below
  }
  throw new XapiValidationError(path, 'must be base64url-encoded JSON');
}

/**
 * Checks a signed statement's signature attachment (a JWS in compact serialization): an RS256,
 * RS384 or RS512 algorithm, a payload that is the statement itself, and, when the header carries
 * an x5c certificate chain, a signature that verifies with its first certificate.
 * node:crypto, not jose: jose 6 is ESM-only (Jest 29 cannot load it) and refuses RSA keys under 2048 bits.
 */
export function verifySignedStatement(statement: JsonObject, jws: Buffer, path: string): void {
  const parts = jws.toString('utf8').trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw new XapiValidationError(path, 'must be a JWS in compact serialization (header.payload.signature)');
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = base64UrlJson(headerPart, `${path} header`);
  const algorithm = ALGORITHMS[String(header.alg)];
  if (!algorithm) throw new XapiValidationError(`${path} header.alg`, 'must be RS256, RS384 or RS512');
  const payload = base64UrlJson(payloadPart, `${path} payload`);
  if (!sameStatement(payload, statement, ['attachments', 'id'])) {
    throw new XapiValidationError(`${path} payload`, 'must be the statement that carries the signature');
  }
  if (Array.isArray(header.x5c) && typeof header.x5c[0] === 'string') {
    let verified = false;
    try {
      const cert = new X509Certificate(Buffer.from(header.x5c[0], 'base64'));
      const key = createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' }));
      verified = createVerify(algorithm)
        .update(`${headerPart}.${payloadPart}`)
        .verify(key, Buffer.from(signaturePart, 'base64url'));
    } catch {
      verified = false;
    }
    if (!verified)
      throw new XapiValidationError(path, 'does not verify with the certificate in its x5c header');
  }
}
