import { createHash } from 'node:crypto';
import type { JsonObject } from './types';

/** The ETag of a document: the SHA-1 of its bytes in hexadecimal, quoted (as xAPI 1.0.3 asks). */
export function documentEtag(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

/**
 * Whether an If-Match or If-None-Match header value matches a current ETag (RFC 7232): `*` matches
 * any existing document; otherwise a comma-separated list of entity tags, weak ones compared weakly.
 */
export function etagMatches(header: string, current: string | undefined): boolean {
  if (current === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
  const want = opaque(current);
  return header.split(',').some((tag) => opaque(tag) === want);
}

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A document merge (xAPI Communication 2.2): the incoming object's top-level properties replace the stored ones. */
export function mergeJsonDocuments(stored: JsonObject, incoming: JsonObject): JsonObject {
  return { ...stored, ...incoming };
}

const LANGUAGE_MAPS = ['name', 'description'];

/**
 * The canonical definition of an activity, folding in a later statement's definition: language
 * maps and extensions gain and replace entries; any other property is replaced when given again.
 */
export function mergeActivityDefinition(base: JsonObject | undefined, incoming: JsonObject): JsonObject {
  const out: JsonObject = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(incoming)) {
    if (
      (LANGUAGE_MAPS.includes(key) || key === 'extensions') &&
      isJsonObject(value) &&
      isJsonObject(out[key])
    ) {
      out[key] = { ...out[key], ...value };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Every activity a statement defines (as its object, in its context, inside a SubStatement), in order. */
export function definedActivities(statement: JsonObject): { id: string; definition: JsonObject }[] {
  const found: { id: string; definition: JsonObject }[] = [];
  const visit = (activity: unknown) => {
    if (!isJsonObject(activity) || typeof activity.id !== 'string' || !isJsonObject(activity.definition))
      return;
    if ((activity.objectType ?? 'Activity') === 'Activity')
      found.push({ id: activity.id, definition: activity.definition });
  };
  const walk = (s: JsonObject) => {
    visit(s.object);
    const context = s.context;
    const activities = isJsonObject(context) ? context.contextActivities : undefined;
    if (isJsonObject(activities)) {
      for (const list of Object.values(activities))
        for (const a of Array.isArray(list) ? list : [list]) visit(a);
    }
    if (isJsonObject(s.object) && s.object.objectType === 'SubStatement') walk(s.object);
  };
  walk(statement);
  return found;
}

/** A Person object (xAPI Communication 2.4): everything known of an agent, each property an array. */
export function personOf(agents: JsonObject[]): JsonObject {
  const person: Record<string, unknown[]> = { name: [], mbox: [], mbox_sha1sum: [], openid: [], account: [] };
  const seen = new Set<string>();
  for (const agent of agents) {
    for (const key of Object.keys(person)) {
      const value = agent[key];
      if (value === undefined) continue;
      const mark = `${key}:${JSON.stringify(value)}`;
      if (seen.has(mark)) continue;
      seen.add(mark);
      person[key].push(value);
    }
  }
  const out: JsonObject = { objectType: 'Person' };
  for (const [key, values] of Object.entries(person)) if (values.length > 0) out[key] = values;
  return out;
}
