import { XapiValidationError } from './errors';
import {
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isMbox,
  isSha1Hex,
  isSha2Hex,
  isUuid,
  parseTimestamp,
} from './formats';
import type { XapiVersion } from './versions';

/**
 * Validates a statement against every rule of xAPI 1.0.3 and 2.0.0 in one pass, throwing on the
 * first broken rule with the path of the offending field. Pure: no I/O, no Nest.
 */
export function validateStatement(value: unknown, version: XapiVersion, path = 'statement'): void {
  new StatementValidator(version).statement(value, path);
}

/** An Agent or Group by the rules of a statement's actor (the `agent` parameter of the resources). */
export function validateActor(value: unknown, version: XapiVersion, path = 'agent'): void {
  new StatementValidator(version).actor(value, path);
}

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const INTERACTION_TYPES: Record<string, readonly string[]> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

type Json = Record<string, unknown>;

function fail(path: string, rule: string): never {
  throw new XapiValidationError(path, rule);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

class StatementValidator {
  constructor(private readonly version: XapiVersion) {}

  private object(v: unknown, path: string, allowed: readonly string[]): Json {
    if (!isObject(v)) fail(path, `must be an object, not ${describe(v)}`);
    for (const key in v) {
      if (!allowed.includes(key)) fail(`${path}.${key}`, 'is not a property xAPI allows here');
      if (v[key] === null) fail(`${path}.${key}`, 'must not be null');
    }
    return v;
  }

  private string(v: unknown, path: string): string {
    if (typeof v !== 'string') fail(path, `must be a string, not ${describe(v)}`);
    return v;
  }

  private iri(v: unknown, path: string): void {
    if (!isIri(v)) fail(path, 'must be an absolute IRI (a scheme such as http: followed by the rest)');
  }

  private irl(v: unknown, path: string): void {
    if (!isIrl(v)) fail(path, 'must be an absolute URL (IRL)');
  }

  private uuid(v: unknown, path: string): void {
    if (!isUuid(v)) fail(path, 'must be a UUID (8-4-4-4-12 hexadecimal digits)');
  }

  private timestamp(v: unknown, path: string): void {
    if (parseTimestamp(v) === undefined) {
      fail(path, 'must be an ISO 8601 date and time with a time zone (for example 2024-05-28T09:30:00Z)');
    }
  }

  private languageMap(v: unknown, path: string): void {
    if (!isObject(v)) fail(path, `must be a language map (an object), not ${describe(v)}`);
    for (const tag in v) {
      if (!isLanguageTag(tag)) fail(`${path}.${tag}`, 'is not an RFC 5646 language tag');
      if (typeof v[tag] !== 'string') fail(`${path}.${tag}`, 'must be a string');
    }
  }

  private extensions(v: unknown, path: string): void {
    if (!isObject(v)) fail(path, `must be an object whose keys are IRIs, not ${describe(v)}`);
    for (const key in v) {
      if (!isIri(key)) fail(`${path}["${String(key).slice(0, 80)}"]`, 'extension keys must be absolute IRIs');
    }
  }

  statement(v: unknown, path: string): void {
    const s = this.object(v, path, [
      'id',
      'actor',
      'verb',
      'object',
      'result',
      'context',
      'timestamp',
      'stored',
      'authority',
      'version',
      'attachments',
    ]);
    if (s.id !== undefined) this.uuid(s.id, `${path}.id`);
    this.statementCore(s, path);
    if (s.stored !== undefined) this.timestamp(s.stored, `${path}.stored`);
    if (s.authority !== undefined) this.authority(s.authority, `${path}.authority`);
    if (s.version !== undefined) {
      const version = this.string(s.version, `${path}.version`);
      if (!/^1\.0(\.\d+)?$/.test(version) && !/^2\.0(\.\d+)?$/.test(version)) {
        fail(`${path}.version`, 'must be 1.0.x or 2.0.x');
      }
    }
    if (s.object !== undefined && isObject(s.object) && s.object.objectType === 'SubStatement') {
      this.subStatement(s.object, `${path}.object`);
    }
  }

  /** What statements and sub-statements share: actor, verb, object, result, context, timestamp, attachments. */
  private statementCore(s: Json, path: string): void {
    if (s.actor === undefined) fail(`${path}.actor`, 'is required');
    this.actor(s.actor, `${path}.actor`);
    if (s.verb === undefined) fail(`${path}.verb`, 'is required');
    this.verb(s.verb, `${path}.verb`);
    if (s.object === undefined) fail(`${path}.object`, 'is required');
    const objectType = this.statementObject(s.object, `${path}.object`);
    if ((s.verb as Json).id === VOIDED_VERB && objectType !== 'StatementRef') {
      fail(`${path}.object`, 'must be a StatementRef when the verb is voided');
    }
    if (s.result !== undefined) this.result(s.result, `${path}.result`);
    if (s.context !== undefined) this.context(s.context, `${path}.context`, objectType);
    if (s.timestamp !== undefined) this.timestamp(s.timestamp, `${path}.timestamp`);
    if (s.attachments !== undefined) this.attachments(s.attachments, `${path}.attachments`);
  }

  private subStatement(v: Json, path: string): void {
    const s = this.object(v, path, [
      'objectType',
      'actor',
      'verb',
      'object',
      'result',
      'context',
      'timestamp',
      'attachments',
    ]);
    if (isObject(s.object) && s.object.objectType === 'SubStatement') {
      fail(`${path}.object`, 'must not be a SubStatement (sub-statements do not nest)');
    }
    this.statementCore(s, path);
  }

  actor(v: unknown, path: string): void {
    if (!isObject(v)) fail(path, `must be an Agent or a Group (an object), not ${describe(v)}`);
    if (v.objectType === 'Group') this.group(v, path);
    else this.agent(v, path);
  }

  agent(v: unknown, path: string): void {
    const a = this.object(v, path, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
    if (a.objectType !== undefined && a.objectType !== 'Agent') fail(`${path}.objectType`, 'must be "Agent"');
    if (a.name !== undefined) this.string(a.name, `${path}.name`);
    if (this.ifis(a, path) !== 1) fail(path, 'must have exactly one of mbox, mbox_sha1sum, openid, account');
  }

  private group(v: unknown, path: string): void {
    const g = this.object(v, path, [
      'objectType',
      'name',
      'mbox',
      'mbox_sha1sum',
      'openid',
      'account',
      'member',
    ]);
    if (g.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
    if (g.name !== undefined) this.string(g.name, `${path}.name`);
    const ifis = this.ifis(g, path);
    if (ifis > 1) fail(path, 'must have at most one of mbox, mbox_sha1sum, openid, account');
    if (ifis === 0 && g.member === undefined) fail(`${path}.member`, 'is required for an anonymous Group');
    if (g.member !== undefined) {
      if (!Array.isArray(g.member)) fail(`${path}.member`, 'must be an array of Agents');
      if (ifis === 0 && g.member.length === 0)
        fail(`${path}.member`, 'must list at least one Agent in an anonymous Group');
      g.member.forEach((m, i) => {
        if (isObject(m) && m.objectType === 'Group')
          fail(`${path}.member[${i}]`, 'must be an Agent, not a Group');
        this.agent(m, `${path}.member[${i}]`);
      });
    }
  }

  /** Checks each inverse functional identifier present and returns how many there are. */
  private ifis(a: Json, path: string): number {
    let count = 0;
    if (a.mbox !== undefined) {
      count++;
      if (!isMbox(a.mbox)) fail(`${path}.mbox`, 'must be "mailto:" followed by an e-mail address');
    }
    if (a.mbox_sha1sum !== undefined) {
      count++;
      if (!isSha1Hex(a.mbox_sha1sum)) fail(`${path}.mbox_sha1sum`, 'must be 40 hexadecimal digits (SHA-1)');
    }
    if (a.openid !== undefined) {
      count++;
      if (!isIri(a.openid)) fail(`${path}.openid`, 'must be an absolute URI');
    }
    if (a.account !== undefined) {
      count++;
      const account = this.object(a.account, `${path}.account`, ['homePage', 'name']);
      if (account.homePage === undefined) fail(`${path}.account.homePage`, 'is required');
      this.irl(account.homePage, `${path}.account.homePage`);
      if (account.name === undefined) fail(`${path}.account.name`, 'is required');
      this.string(account.name, `${path}.account.name`);
    }
    return count;
  }

  private verb(v: unknown, path: string): void {
    const verb = this.object(v, path, ['id', 'display']);
    if (verb.id === undefined) fail(`${path}.id`, 'is required');
    this.iri(verb.id, `${path}.id`);
    if (verb.display !== undefined) this.languageMap(verb.display, `${path}.display`);
  }

  /** Validates a statement's object and returns its objectType. */
  private statementObject(v: unknown, path: string): string {
    if (!isObject(v)) fail(path, `must be an object, not ${describe(v)}`);
    const type = v.objectType ?? 'Activity';
    if (typeof type !== 'string') fail(`${path}.objectType`, 'must be a string');
    switch (type) {
      case 'Activity':
        this.activity(v, path);
        return type;
      case 'Agent':
        this.agent(v, path);
        return type;
      case 'Group':
        this.group(v, path);
        return type;
      case 'StatementRef':
        this.statementRef(v, path);
        return type;
      case 'SubStatement':
        // Checked by the caller, which knows whether nesting is allowed.
        return type;
      default:
        return fail(
          `${path}.objectType`,
          'must be one of Activity, Agent, Group, StatementRef, SubStatement',
        );
    }
  }

  private statementRef(v: unknown, path: string): void {
    const ref = this.object(v, path, ['objectType', 'id']);
    if (ref.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be "StatementRef"');
    if (ref.id === undefined) fail(`${path}.id`, 'is required');
    this.uuid(ref.id, `${path}.id`);
  }

  activity(v: unknown, path: string): void {
    const a = this.object(v, path, ['objectType', 'id', 'definition']);
    if (a.objectType !== undefined && a.objectType !== 'Activity')
      fail(`${path}.objectType`, 'must be "Activity"');
    if (a.id === undefined) fail(`${path}.id`, 'is required');
    this.iri(a.id, `${path}.id`);
    if (a.definition !== undefined) this.definition(a.definition, `${path}.definition`);
  }

  private definition(v: unknown, path: string): void {
    const d = this.object(v, path, [
      'name',
      'description',
      'type',
      'moreInfo',
      'extensions',
      'interactionType',
      'correctResponsesPattern',
      ...COMPONENT_LISTS,
    ]);
    if (d.name !== undefined) this.languageMap(d.name, `${path}.name`);
    if (d.description !== undefined) this.languageMap(d.description, `${path}.description`);
    if (d.type !== undefined) this.iri(d.type, `${path}.type`);
    if (d.moreInfo !== undefined) this.irl(d.moreInfo, `${path}.moreInfo`);
    if (d.extensions !== undefined) this.extensions(d.extensions, `${path}.extensions`);
    const interaction = d.interactionType;
    if (interaction !== undefined && !(typeof interaction === 'string' && interaction in INTERACTION_TYPES)) {
      fail(`${path}.interactionType`, `must be one of ${Object.keys(INTERACTION_TYPES).join(', ')}`);
    }
    if (d.correctResponsesPattern !== undefined) {
      if (interaction === undefined) fail(`${path}.correctResponsesPattern`, 'requires interactionType');
      if (!Array.isArray(d.correctResponsesPattern))
        fail(`${path}.correctResponsesPattern`, 'must be an array of strings');
      d.correctResponsesPattern.forEach((p, i) => this.string(p, `${path}.correctResponsesPattern[${i}]`));
    }
    for (const list of COMPONENT_LISTS) {
      if (d[list] === undefined) continue;
      if (interaction === undefined) fail(`${path}.${list}`, 'requires interactionType');
      if (!INTERACTION_TYPES[interaction].includes(list)) {
        fail(`${path}.${list}`, `is not allowed for interactionType "${String(interaction)}"`);
      }
      this.interactionComponents(d[list], `${path}.${list}`);
    }
  }

  private interactionComponents(v: unknown, path: string): void {
    if (!Array.isArray(v)) fail(path, 'must be an array of interaction components');
    const ids = new Set<string>();
    v.forEach((c, i) => {
      const component = this.object(c, `${path}[${i}]`, ['id', 'description']);
      const id = this.string(component.id, `${path}[${i}].id`);
      if (ids.has(id))
        fail(`${path}[${i}].id`, `"${id.slice(0, 40)}" repeats an id of this list; ids must be unique`);
      ids.add(id);
      if (component.description !== undefined)
        this.languageMap(component.description, `${path}[${i}].description`);
    });
  }

  private result(v: unknown, path: string): void {
    const r = this.object(v, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
    if (r.score !== undefined) this.score(r.score, `${path}.score`);
    if (r.success !== undefined && typeof r.success !== 'boolean')
      fail(`${path}.success`, 'must be true or false');
    if (r.completion !== undefined && typeof r.completion !== 'boolean')
      fail(`${path}.completion`, 'must be true or false');
    if (r.response !== undefined) this.string(r.response, `${path}.response`);
    if (r.duration !== undefined && !isDuration(r.duration)) {
      fail(`${path}.duration`, 'must be an ISO 8601 duration (for example PT1H30M)');
    }
    if (r.extensions !== undefined) this.extensions(r.extensions, `${path}.extensions`);
  }

  private score(v: unknown, path: string): void {
    const s = this.object(v, path, ['scaled', 'raw', 'min', 'max']);
    for (const key of ['scaled', 'raw', 'min', 'max']) {
      if (s[key] !== undefined && (typeof s[key] !== 'number' || !Number.isFinite(s[key]))) {
        fail(`${path}.${key}`, 'must be a number');
      }
    }
    const { scaled, raw, min, max } = s as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1))
      fail(`${path}.scaled`, 'must be between -1 and 1');
    if (min !== undefined && max !== undefined && min >= max)
      fail(`${path}.min`, 'must be less than score.max');
    if (raw !== undefined && min !== undefined && raw < min)
      fail(`${path}.raw`, 'must not be less than score.min');
    if (raw !== undefined && max !== undefined && raw > max)
      fail(`${path}.raw`, 'must not be more than score.max');
  }

  private context(v: unknown, path: string, objectType: string): void {
    const allowed = [
      'registration',
      'instructor',
      'team',
      'contextActivities',
      'revision',
      'platform',
      'language',
      'statement',
      'extensions',
    ];
    if (this.version === '2.0.0') allowed.push('contextAgents', 'contextGroups');
    const c = this.object(v, path, allowed);
    if (c.registration !== undefined) this.uuid(c.registration, `${path}.registration`);
    if (c.instructor !== undefined) this.actor(c.instructor, `${path}.instructor`);
    if (c.team !== undefined) {
      if (!isObject(c.team) || c.team.objectType !== 'Group') fail(`${path}.team`, 'must be a Group');
      this.group(c.team, `${path}.team`);
    }
    if (c.contextActivities !== undefined)
      this.contextActivities(c.contextActivities, `${path}.contextActivities`);
    for (const key of ['revision', 'platform']) {
      if (c[key] === undefined) continue;
      this.string(c[key], `${path}.${key}`);
      if (objectType !== 'Activity')
        fail(`${path}.${key}`, 'may only be used when the object is an Activity');
    }
    if (c.language !== undefined && !isLanguageTag(c.language))
      fail(`${path}.language`, 'must be an RFC 5646 language tag');
    if (c.statement !== undefined) this.statementRef(c.statement, `${path}.statement`);
    if (c.extensions !== undefined) this.extensions(c.extensions, `${path}.extensions`);
    if (c.contextAgents !== undefined)
      this.contextActors(c.contextAgents, `${path}.contextAgents`, 'contextAgent', 'agent');
    if (c.contextGroups !== undefined)
      this.contextActors(c.contextGroups, `${path}.contextGroups`, 'contextGroup', 'group');
  }

  private contextActivities(v: unknown, path: string): void {
    const ca = this.object(v, path, ['parent', 'grouping', 'category', 'other']);
    for (const key of ['parent', 'grouping', 'category', 'other']) {
      const list = ca[key];
      if (list === undefined) continue;
      // 1.0.x allowed a single Activity object here; both versions accept it, and it is stored as sent.
      if (Array.isArray(list)) list.forEach((a, i) => this.activity(a, `${path}.${key}[${i}]`));
      else this.activity(list, `${path}.${key}`);
    }
  }

  private contextActors(v: unknown, path: string, objectType: string, member: 'agent' | 'group'): void {
    if (!Array.isArray(v)) fail(path, `must be an array of ${objectType} objects`);
    v.forEach((entry, i) => {
      const p = `${path}[${i}]`;
      const e = this.object(entry, p, ['objectType', member, 'relevantTypes']);
      if (e.objectType !== objectType) fail(`${p}.objectType`, `must be "${objectType}"`);
      if (e[member] === undefined) fail(`${p}.${member}`, 'is required');
      if (member === 'agent') this.agent(e.agent, `${p}.agent`);
      else {
        if (!isObject(e.group) || e.group.objectType !== 'Group') fail(`${p}.group`, 'must be a Group');
        this.group(e.group, `${p}.group`);
      }
      if (e.relevantTypes !== undefined) {
        if (!Array.isArray(e.relevantTypes) || e.relevantTypes.length === 0) {
          fail(`${p}.relevantTypes`, 'must be a non-empty array of IRIs');
        }
        e.relevantTypes.forEach((t, j) => this.iri(t, `${p}.relevantTypes[${j}]`));
      }
    });
  }

  private authority(v: unknown, path: string): void {
    this.actor(v, path);
    const a = v as Json;
    if (a.objectType === 'Group') {
      // A Group authority is the OAuth pair: an anonymous Group of exactly two Agents (application and user).
      if (this.ifis(a, path) !== 0)
        fail(path, 'must be an anonymous Group (the OAuth application and user), not an identified one');
      if (!Array.isArray(a.member) || a.member.length !== 2)
        fail(`${path}.member`, 'must list exactly two Agents');
    }
  }

  private attachments(v: unknown, path: string): void {
    if (!Array.isArray(v)) fail(path, 'must be an array of attachments');
    v.forEach((item, i) => {
      const p = `${path}[${i}]`;
      const a = this.object(item, p, [
        'usageType',
        'display',
        'description',
        'contentType',
        'length',
        'sha2',
        'fileUrl',
      ]);
      for (const key of ['usageType', 'display', 'contentType', 'length', 'sha2']) {
        if (a[key] === undefined) fail(`${p}.${key}`, 'is required');
      }
      this.iri(a.usageType, `${p}.usageType`);
      this.languageMap(a.display, `${p}.display`);
      if (a.description !== undefined) this.languageMap(a.description, `${p}.description`);
      const contentType = this.string(a.contentType, `${p}.contentType`);
      if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType))
        fail(`${p}.contentType`, 'must be an Internet media type');
      if (!Number.isInteger(a.length) || (a.length as number) < 0)
        fail(`${p}.length`, 'must be a non-negative integer');
      if (!isSha2Hex(a.sha2)) fail(`${p}.sha2`, 'must be a SHA-2 hash in hexadecimal');
      if (a.fileUrl !== undefined) this.irl(a.fileUrl, `${p}.fileUrl`);
    });
  }
}
