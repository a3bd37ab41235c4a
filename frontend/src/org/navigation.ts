import type { Role } from '../api/types';
import { atLeast } from './roles';

export interface NavItem {
  /** Path relative to /orgs/:orgId */
  to: string;
  label: string;
  minRole: Role;
}

/**
 * The organisation's navigation, filtered by role. "Escalations" (the owner view) is for everyone
 * who owns an inbox, and for supervisors and above. New screens add an entry here and a route in
 * routes.tsx.
 */
export function navItems(role: Role, { ownsInbox = false }: { ownsInbox?: boolean } = {}): NavItem[] {
  const items: NavItem[] = [
    { to: 'queue', label: 'Queue', minRole: 'agent' },
    ...(ownsInbox || atLeast(role, 'supervisor')
      ? [{ to: 'escalations', label: 'Escalations', minRole: 'agent' as Role }]
      : []),
    // Agents see the conversations assigned to them; supervisors and above see every thread.
    atLeast(role, 'supervisor')
      ? { to: 'conversations', label: 'All threads', minRole: 'supervisor' }
      : { to: 'conversations', label: 'Conversations', minRole: 'agent' },
    { to: 'dashboard', label: 'Dashboard', minRole: 'supervisor' },
    // SLA reports of any period, the breach list and the exports.
    { to: 'reports', label: 'Reports', minRole: 'supervisor' },
    // Escalations into restricted inboxes waiting for a decision.
    { to: 'approvals', label: 'Approvals', minRole: 'supervisor' },
    { to: 'notifications', label: 'Notifications', minRole: 'agent' },
    { to: 'admin', label: 'Admin', minRole: 'admin' },
  ];
  return items.filter((item) => atLeast(role, item.minRole));
}

const LAST_ORG_KEY = 'escalation-inbox.last-org';

export function rememberOrg(orgId: string): void {
  try {
    localStorage.setItem(LAST_ORG_KEY, orgId);
  } catch {
    /* not essential */
  }
}

export function lastOrg(): string | null {
  try {
    return localStorage.getItem(LAST_ORG_KEY);
  } catch {
    return null;
  }
}
