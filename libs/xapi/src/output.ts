import { agentIdsForm } from './agents';
import type { JsonObject } from './types';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

/**
 * The `ids` format: Agents, Groups, Activities and Verbs reduced to what identifies them.
 * Returns a new object; the stored statement is never changed.
 */
export function toIdsFormat(statement: JsonObject): JsonObject {
  const out: JsonObject = { ...statement };
  reduceCore(out);
  if (out.authority) out.authority = agentIdsForm(out.authority as JsonObject);
  return out;
}

function reduceCore(s: JsonObject): void {
  s.actor = agentIdsForm(s.actor as JsonObject);
  s.verb = { id: (s.verb as JsonObject).id };
  const object = s.object as JsonObject;
  switch (object.objectType ?? 'Activity') {
    case 'Activity':
      s.object = { id: object.id };
      break;
    case 'Agent':
    case 'Group':
      s.object = agentIdsForm(object);
      break;
    case 'SubStatement': {
      const sub = { ...object };
      reduceCore(sub);
      s.object = sub;
      break;
    }
  }
  const context = s.context as JsonObject | undefined;
  if (context) {
    const c: JsonObject = { ...context };
    if (c.instructor) c.instructor = agentIdsForm(c.instructor as JsonObject);
    if (c.team) c.team = agentIdsForm(c.team as JsonObject);
    if (c.contextActivities) {
      const lists: JsonObject = {};
      for (const [key, list] of Object.entries(c.contextActivities as JsonObject)) {
        lists[key] = Array.isArray(list)
          ? list.map((a: JsonObject) => ({ id: a.id }))
          : { id: (list as JsonObject).id };
      }
      c.contextActivities = lists;
    }
    s.context = c;
  }
}

/**
 * The `canonical` format: every language map reduced to the one language that best fits the
 * Accept-Language preferences (else the first language present).
 */
export function toCanonicalFormat(statement: JsonObject, languages: string[]): JsonObject {
  return canonicalise(statement, languages) as JsonObject;
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

function canonicalise(value: unknown, languages: string[], key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalise(v, languages));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as JsonObject;
  if (
    key !== undefined &&
    LANGUAGE_MAP_KEYS.has(key) &&
    Object.values(obj).every((v) => typeof v === 'string')
  ) {
    return pickLanguage(obj as Record<string, string>, languages);
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    // Extensions are opaque to the LRS: never rewrite inside them.
    out[k] = k === 'extensions' ? v : canonicalise(v, languages, k);
  }
  return out;
}

function pickLanguage(map: Record<string, string>, languages: string[]): Record<string, string> {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  for (const wanted of languages) {
    const w = wanted.toLowerCase();
    const exact = tags.find((t) => t.toLowerCase() === w);
    if (exact) return { [exact]: map[exact] };
    const prefix = tags.find((t) => t.toLowerCase().split('-')[0] === w.split('-')[0]);
    if (prefix) return { [prefix]: map[prefix] };
  }
  return { [tags[0]]: map[tags[0]] };
}

/** Accept-Language, ordered by quality. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}
