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
  return ms;
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
