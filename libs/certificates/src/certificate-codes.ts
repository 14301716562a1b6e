import { randomBytes } from 'node:crypto';

/** Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A verification code: 16 characters, 80 bits from the system's secure random source. */
export function verificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < 16; i++) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

/** A code as people type it: upper case, without spaces or dashes, O read as 0 and I/L as 1. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/**
 * A name shown to anyone holding a code: the family name and initials ("Nguyễn Thị Minh Khai" →
 * "Nguyễn T. M. K."), enough to match the person in front of you, not to find them.
 */
export function maskName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ? `${[...words[0]][0]}.` : '';
  return [words[0], ...words.slice(1).map((w) => `${[...w][0].toUpperCase()}.`)].join(' ');
}
