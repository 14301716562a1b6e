import { randomBytes } from 'node:crypto';
import { parseKeyList } from '@hocba/config';
import { Keyring, newKey } from './keyring';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('Keyring', () => {
  const a = key('a');
  const b = key('b');

  it('opens what it sealed, and never seals the same text the same way twice', () => {
    const ring = new Keyring([a]);
    const one = ring.seal('001203004567');
    const two = ring.seal('001203004567');
    expect(one).not.toEqual(two);
    expect(one).not.toContain('001203004567');
    expect(ring.open(one)).toBe('001203004567');
  });

  it('hashes the same text the same way under one key, differently under another', () => {
    expect(new Keyring([a]).hash('001203004567')).toBe(new Keyring([a]).hash('001203004567'));
    expect(new Keyring([a]).hash('001203004567')).not.toBe(new Keyring([b]).hash('001203004567'));
    expect(new Keyring([a]).hash('001203004567')).not.toBe(new Keyring([a]).hash('001203004568'));
  });

  it('through a rotation: the new key seals, both open, lookups try both hashes', () => {
    const old = new Keyring([a]);
    const rotating = new Keyring([b, a]);
    const sealedBefore = old.seal('079088001234');
    expect(rotating.open(sealedBefore)).toBe('079088001234');
    expect(rotating.isStale(sealedBefore)).toBe(true);
    expect(rotating.isStale(rotating.seal('x'))).toBe(false);
    expect(rotating.hashes('079088001234')).toEqual([
      rotating.hash('079088001234'),
      old.hash('079088001234'),
    ]);
    expect(() => new Keyring([b]).open(sealedBefore)).toThrow('not in the keyring');
  });

  it('refuses a value whose ciphertext or key id was changed', () => {
    const ring = new Keyring([a, { id: 'c', key: a.key }]);
    const sealed = ring.seal('079088001234');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      ring.open([...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.')),
    ).toThrow();
    // The key id is authenticated: the same key under another id does not open it.
    expect(() => ring.open(['v1', 'c', ...parts.slice(2)].join('.'))).toThrow();
  });

  it('parses HOCBA_PII_KEYS and names the rule when an entry is wrong', () => {
    const k = newKey();
    expect(parseKeyList(`k2:${k}, k1:${newKey()}`).map((e) => e.id)).toEqual(['k2', 'k1']);
    expect(() => parseKeyList('k1:c2hvcnQ=')).toThrow('32 bytes in base64');
    expect(() => parseKeyList(k)).toThrow('<id>:');
  });
});
