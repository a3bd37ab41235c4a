import type { Role } from '../api/types';

const RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2, owner: 3 };

/** True when `role` is `minimum` or above (owner > admin > supervisor > agent). */
export function atLeast(role: Role | undefined, minimum: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[minimum];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
};
