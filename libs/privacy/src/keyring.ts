import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal identifiers kept at rest (CCCD): sealed with AES-256-GCM for reading back, and hashed with
 * HMAC-SHA256 for exact lookup, both under keys derived (HKDF) from one 32-byte key per key id.
 * The first key of a ring seals and hashes; every key opens and is tried in lookups, so a ring
 * holding a new key first and the old one after works through a rotation.
 */
export class Keyring {
  private readonly keys: { id: string; seal: Buffer; hash: Buffer }[];

  constructor(keys: { id: string; key: Buffer }[]) {
    if (keys.length === 0) throw new Error('A keyring needs at least one key');
    this.keys = keys.map(({ id, key }) => {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
        throw new Error(`Key id "${id}" must be 1-32 of A-Z a-z 0-9 _ -`);
      if (key.length !== 32) throw new Error(`Key "${id}" must be 32 bytes`);
      return {
        id,
        seal: derive(key, 'hocba personal data seal'),
        hash: derive(key, 'hocba personal data hash'),
      };
    });
  }

  get currentId(): string {
    return this.keys[0].id;
  }

  /** `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url; a fresh IV each time. */
  seal(text: string): string {
    const key = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.seal, iv);
    cipher.setAAD(Buffer.from(key.id));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return ['v1', key.id, iv, body, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, id, iv, body, tag] = sealed.split('.');
    const key = this.keys.find((k) => k.id === id);
    if (version !== 'v1' || !key || iv === undefined || body === undefined || tag === undefined) {
      throw new Error(`Cannot open a value sealed with key "${id}": it is not in the keyring`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key.seal, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The lookup hash under the current key: `<key id>.<hex>`. */
  hash(text: string): string {
    return hashWith(this.keys[0], text);
  }

  /** The lookup hash under every key, current first: what a search must try while a rotation runs. */
  hashes(text: string): string[] {
    return this.keys.map((k) => hashWith(k, text));
  }

  /** True when a sealed value or hash was made with an older key than the current one. */
  isStale(sealedOrHash: string): boolean {
    const id = sealedOrHash.startsWith('v1.') ? sealedOrHash.split('.')[1] : sealedOrHash.split('.')[0];
    return id !== this.currentId;
  }
}

function derive(key: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
}

function hashWith(key: { id: string; hash: Buffer }, text: string): string {
  return `${key.id}.${createHmac('sha256', key.hash).update(text, 'utf8').digest('hex')}`;
}

/** A new random key, as an operator would put it in HOCBA_PII_KEYS. */
export function newKey(): string {
  return randomBytes(32).toString('base64');
}
