import { useEffect, useId, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { useMe, useOrgs } from '../api/queries/account';
import { useInboxes } from '../api/queries/inboxes';
import { useLiveEvents } from '../api/live';
import { OrgContext } from '../org/OrgContext';
import { navItems, rememberOrg } from '../org/navigation';
import { ROLE_LABELS } from '../org/roles';
import { LoadState } from '../components/LoadState';
import { EmptyState } from '../components/EmptyState';
import { Badge } from '../components/Badge';

/** /orgs/:orgId/… — resolves the organisation and the caller's role, and shows role-aware navigation. */
export function OrgLayout() {
  const { orgId = '' } = useParams();
  const orgs = useOrgs();
  const org = orgs.data?.items.find((candidate) => candidate.id === orgId);
  const me = useMe();
  // Inbox owners of any role get "Escalations"; the inbox list says who owns what.
  const inboxes = useInboxes(orgId, { live: false });
  const ownsInbox = Boolean(me.data && inboxes.data?.some((inbox) => inbox.owner_ids.includes(me.data.id)));
  const location = useLocation();
  // One event stream for the organisation's screens (the owner view, escalations, queue, bell).
  useLiveEvents(org ? org.id : '');
  // A conversation opened from the queue (or the owner view) belongs to it in the navigation.
  const from = (location.state as { from?: string } | null)?.from;
  const conversationOwner =
    /\/conversations\/[^/]+$/.test(location.pathname) && (from === 'queue' || from === 'escalations') ? from : null;

  useEffect(() => {
    if (org) rememberOrg(org.id);
  }, [org]);

  // On a phone the navigation is a menu behind a button (styles.css shows the list elsewhere); it
  // closes when a screen is chosen.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  if (!orgs.data) return <LoadState query={orgs} label="Loading organisation…" />;
  if (!org) {
    return (
      <EmptyState title="Organisation not found">
        <p>It does not exist or you are not a member of it.</p>
        <p>
          <Link to="/orgs">Choose an organisation</Link>
        </p>
      </EmptyState>
    );
  }

  return (
    <OrgContext.Provider value={{ org, orgId: org.id, role: org.role }}>
      <div className="org-layout">
        <nav className="sidenav" aria-label={`${org.name} navigation`}>
          <div className="sidenav-head">
            <p className="sidenav-org">
              <span className="sidenav-org-name">{org.name}</span>
              <Badge>{ROLE_LABELS[org.role]}</Badge>
            </p>
            <button
              type="button"
              className="button secondary small nav-toggle"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => setMenuOpen((open) => !open)}
            >
              Menu
            </button>
          </div>
          <ul id={menuId} className={menuOpen ? 'open' : undefined}>
            {navItems(org.role, { ownsInbox }).map((item) => (
              <li key={item.to}>
                {conversationOwner && ['queue', 'conversations', 'escalations'].includes(item.to) ? (
                  <Link
                    to={item.to}
                    className={item.to === conversationOwner ? 'active' : undefined}
                    aria-current={item.to === conversationOwner ? 'true' : undefined}
                  >
                    {item.label}
                  </Link>
                ) : (
                  <NavLink to={item.to}>{item.label}</NavLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <div className="org-content">
          <Outlet />
        </div>
      </div>
    </OrgContext.Provider>
  );
}
