/** Lexical rules shared by the validator and the query-parameter parser. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An absolute IRI: a scheme, a colon, and no whitespace or characters IRIs forbid. */
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
const IRL = /^[a-z][a-z0-9+.-]*:\/\/[^\s<>"{}|\\^`]+$/i;
const MBOX = /^mailto:[^@\s]+@[^@\s]+$/i;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
const SHA2_HEX = /^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/i;
/** RFC 5646 language tag, simplified to its syntax: primary subtag, then 1-8 character subtags. */
const LANGUAGE_TAG =
  /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8}|x(?:-[a-z0-9]{1,8})+|i-[a-z]{2,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$/i;
/**
 * ISO 8601 combined date and time with a time zone, as RFC 3339 profiles it (xAPI requires the
 * zone; "-00:00" means "unknown offset" in RFC 3339 and xAPI forbids it).
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
/** ISO 8601 duration; the week form stands alone. */
const DURATION =
  /^P(?:(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?|\d+(?:[.,]\d+)?W)$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isIri = (v: unknown): v is string => typeof v === 'string' && v.length <= 4096 && IRI.test(v);
export const isIrl = (v: unknown): v is string => typeof v === 'string' && v.length <= 4096 && IRL.test(v);
export const isMbox = (v: unknown): v is string => typeof v === 'string' && MBOX.test(v);
export const isSha1Hex = (v: unknown): v is string => typeof v === 'string' && SHA1_HEX.test(v);
export const isSha2Hex = (v: unknown): v is string => typeof v === 'string' && SHA2_HEX.test(v);
export const isLanguageTag = (v: unknown): v is string => typeof v === 'string' && LANGUAGE_TAG.test(v);

export function isDuration(v: unknown): v is string {
  return typeof v === 'string' && v !== 'P' && !v.endsWith('T') && DURATION.test(v);
}

/** Parses an xAPI timestamp to epoch milliseconds, or returns undefined when it is not one. */
export function parseTimestamp(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = TIMESTAMP.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , zone] = m;
  if (zone === '-00' || zone === '-00:00' || zone === '-0000') return undefined;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || (s !== undefined && +s > 60)) {
    return undefined;
  }
  const normalised = v
    .replace(',', '.')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/([+-]\d{2})$/, '$1:00');
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 31 February over to March; a real calendar date round-trips.
  const day = new Date(Date.UTC(+y, +mo - 1, +d));
  if (day.getUTCMonth() !== +mo - 1) return undefined;
  // A zone offset can push a written year 0000 or 9999 out of the years a database (and ISO
  // strings of four digits) can hold: such an instant is not a timestamp we can store or compare.
  if (ms < EARLIEST_INSTANT || ms > LATEST_INSTANT) return undefined;
  return ms;
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants a timestamp may name. */
const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** In Unicode mode a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored as text, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  return undefined;
}

/**
 * The first string of a parsed JSON value (keys included) that cannot be stored as text, with its
 * path ("learners[0].fullName"), or undefined. PostgreSQL refuses NUL in text and jsonb, and a lone
 * surrogate has no UTF-8 form: both are refused where input enters, naming the field, rather than
 * failing deep in a query.
 */
export function findUnstorableText(value: unknown, path = ''): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem === undefined ? undefined : { path, problem };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      const at = path === '' ? key : `${path}.${key}`;
      if (keyProblem) return { path: at, problem: `has a name that ${keyProblem}` };
      const found = findUnstorableText(item, at);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * True when the JSON text opens more than `max` objects or arrays inside one another (strings
 * skipped): a cheap scan, no recursion, run before parsing so a hostile body never reaches code
 * that walks the value recursively.
 */
export function jsonNestingDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
