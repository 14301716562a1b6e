/**
 * Scopes an LRS client may hold (the xAPI 1.0.3 OAuth scope names). `all` and `all/read` include
 * the others as the specification describes.
 */
export const LRS_SCOPES = [
  'all',
  'all/read',
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'define',
  'profile',
] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];

export interface LrsClient {
  id: string;
  name: string;
  key: string;
  scopes: LrsScope[];
  /**
   * Set when the client is scoped to courses: the activity IRIs of those courses (each course's own,
   * its required activities, its exam). Unset: every activity.
   */
  activityScope?: string[];
}

/** Whether an activity IRI lies in the client's courses: one of their IRIs, or under a course's own IRI. */
export function inActivityScope(client: LrsClient, activityId: string): boolean {
  const scope = client.activityScope;
  if (!scope) return true;
  return scope.some(
    (iri) =>
      activityId === iri || (/^[/?#&]/.test(activityId.slice(iri.length)) && activityId.startsWith(iri)),
  );
}

export function canWriteStatements(client: LrsClient): boolean {
  return client.scopes.includes('all') || client.scopes.includes('statements/write');
}

/** 'all' when the client reads every statement, 'mine' when only those it wrote, else 'none'. */
export function statementReadReach(client: LrsClient): 'all' | 'mine' | 'none' {
  const s = client.scopes;
  const any = s.includes('all') || s.includes('all/read') || s.includes('statements/read');
  // A client scoped to courses reads what it wrote (which lies in its courses).
  if (any) return client.activityScope ? 'mine' : 'all';
  if (s.includes('statements/read/mine')) return 'mine';
  return 'none';
}

/**
 * Learner links open a learner's record (name, cohorts, province, milestones, certificates): only a
 * platform, a client that both writes statements and reads them (`all`; `statements/write` with
 * `statements/read`, `statements/read/mine` or `all/read`). Write-only credentials are the ones
 * content packages carry to browsers; they must not open anyone's record.
 */
export function canMakeLearnerLinks(client: LrsClient): boolean {
  return canWriteStatements(client) && statementReadReach(client) !== 'none';
}

/** Documents: state needs `state`, profiles need `profile`; `all` covers both, `all/read` reads both. */
export function canUseDocuments(client: LrsClient, resource: 'state' | 'profile', write: boolean): boolean {
  const s = client.scopes;
  if (s.includes('all') || s.includes(resource)) return true;
  return !write && s.includes('all/read');
}

/** The Agents and Activities resources describe what statements hold: any reading scope sees them. */
export function canReadDescriptions(client: LrsClient): boolean {
  return client.scopes.some((s) => s !== 'statements/write');
}
