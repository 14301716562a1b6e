import { parseTimestamp } from './formats';
import type { JsonObject } from './types';

/** Properties the LRS sets or may overwrite; they never decide whether two statements are the same. */
const LRS_PROPERTIES = ['stored', 'authority', 'version'];

/**
 * Whether `incoming` is the same statement as `stored` for the immutability rule (same id, same
 * content: accepted and unchanged; different content: 409). Key order and the properties the LRS
 * sets are ignored; a timestamp the LRS filled in is ignored when the client sent none; timestamps
 * compare as instants.
 */
export function sameStatement(
  incoming: JsonObject,
  stored: JsonObject,
  ignore: readonly string[] = [],
): boolean {
  const skip = new Set([...LRS_PROPERTIES, ...ignore]);
  if (incoming.timestamp === undefined) skip.add('timestamp');
  if (incoming.id === undefined) skip.add('id');
  const keys = new Set([...Object.keys(incoming), ...Object.keys(stored)]);
  for (const key of keys) {
    if (skip.has(key)) continue;
    if (key === 'timestamp') {
      if (parseTimestamp(incoming.timestamp) !== parseTimestamp(stored.timestamp)) return false;
      continue;
    }
    if (key === 'result') {
      if (!deepEqual(comparableResult(incoming.result), comparableResult(stored.result))) return false;
      continue;
    }
    if (!deepEqual(incoming[key], stored[key])) return false;
  }
  return true;
}

/** Durations compare to 0.01 s: the seconds are truncated to hundredths before comparing. */
function comparableResult(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const r = result as JsonObject;
  if (typeof r.duration !== 'string') return r;
  const duration = r.duration.replace(/(\d+(?:[.,]\d+)?)S$/, (_, seconds: string) => {
    const hundredths = Math.floor(Number(seconds.replace(',', '.')) * 100 + 1e-9);
    return `${hundredths}cS`;
  });
  return { ...r, duration };
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ak = Object.keys(a);
  const bo = b as JsonObject;
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every(
    (k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual((a as JsonObject)[k], bo[k]),
  );
}
