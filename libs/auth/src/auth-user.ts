export const ROLES = ['national-admin', 'national-viewer', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the access token says. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  /** The provinces (admin_unit ids) a coordinator works in; empty for national roles. */
  provinceIds: string[];
  /** The login session the access token belongs to (empty outside a request). */
  sessionId: string;
}
