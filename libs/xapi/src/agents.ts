import type { JsonObject } from './types';

/**
 * The lookup key of an Agent or identified Group: its one inverse functional identifier, written so
 * that equal identifiers give equal keys. Returns undefined for an anonymous Group.
 */
export function agentKey(agent: JsonObject): string | undefined {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as JsonObject | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return `account:${account.homePage}|${account.name}`;
  }
  return undefined;
}

/** The identifying part of an Agent or Group: objectType and its IFI (members of anonymous Groups). */
export function agentIdsForm(agent: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (agent.objectType !== undefined) out.objectType = agent.objectType;
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account']) {
    if (agent[ifi] !== undefined) out[ifi] = agent[ifi];
  }
  if (agent.objectType === 'Group' && Array.isArray(agent.member) && agentKey(agent) === undefined) {
    out.member = (agent.member as JsonObject[]).map(agentIdsForm);
  }
  return out;
}
