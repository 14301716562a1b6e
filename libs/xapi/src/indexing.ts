import { agentKey } from './agents';
import type { JsonObject } from './types';
import { VOIDED_VERB } from './validate';

/**
 * What the statement queries filter on, pulled out of a valid statement. `direct` marks the places
 * the plain `agent` / `activity` filters look (actor and object); the others count only for
 * `related_agents` / `related_activities`.
 */
export interface StatementFacts {
  verbId: string;
  registration: string | null;
  /** The statement a voiding statement voids. */
  voids: string | null;
  /** The statement a StatementRef object points to (voiding statements included). */
  refTarget: string | null;
  agents: Map<string, boolean>;
  activities: Map<string, boolean>;
}

export function statementFacts(statement: JsonObject): StatementFacts {
  const facts: StatementFacts = {
    verbId: (statement.verb as JsonObject).id as string,
    registration: ((statement.context as JsonObject | undefined)?.registration as string | undefined) ?? null,
    voids: null,
    refTarget: null,
    agents: new Map(),
    activities: new Map(),
  };
  const object = statement.object as JsonObject;
  if (object.objectType === 'StatementRef') {
    facts.refTarget = object.id as string;
    if (facts.verbId === VOIDED_VERB) facts.voids = object.id as string;
  }
  collect(statement, true, facts);
  if (statement.authority) addActor(statement.authority as JsonObject, false, facts);
  return facts;
}

function addAgent(agent: JsonObject, direct: boolean, facts: StatementFacts): void {
  const key = agentKey(agent);
  if (key !== undefined && !facts.agents.get(key)) facts.agents.set(key, direct);
}

/** An Agent or Group; a Group's members count as related, never direct. */
function addActor(actor: JsonObject, direct: boolean, facts: StatementFacts): void {
  addAgent(actor, direct, facts);
  if (Array.isArray(actor.member)) for (const m of actor.member as JsonObject[]) addAgent(m, false, facts);
}

function addActivity(activity: JsonObject, direct: boolean, facts: StatementFacts): void {
  const id = activity.id as string;
  if (!facts.activities.get(id)) facts.activities.set(id, direct);
}

function collect(s: JsonObject, top: boolean, facts: StatementFacts): void {
  addActor(s.actor as JsonObject, top, facts);
  const object = s.object as JsonObject;
  switch (object.objectType ?? 'Activity') {
    case 'Activity':
      addActivity(object, top, facts);
      break;
    case 'Agent':
    case 'Group':
      addActor(object, top, facts);
      break;
    case 'SubStatement':
      collect(object, false, facts);
      break;
  }
  const context = s.context as JsonObject | undefined;
  if (!context) return;
  if (context.instructor) addActor(context.instructor as JsonObject, false, facts);
  if (context.team) addActor(context.team as JsonObject, false, facts);
  for (const entry of (context.contextAgents as JsonObject[] | undefined) ?? [])
    addActor(entry.agent as JsonObject, false, facts);
  for (const entry of (context.contextGroups as JsonObject[] | undefined) ?? [])
    addActor(entry.group as JsonObject, false, facts);
  const lists = context.contextActivities as JsonObject | undefined;
  if (lists) {
    for (const key of ['parent', 'grouping', 'category', 'other']) {
      const list = lists[key];
      if (list === undefined) continue;
      for (const a of Array.isArray(list) ? (list as JsonObject[]) : [list as JsonObject])
        addActivity(a, false, facts);
    }
  }
}
