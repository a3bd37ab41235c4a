import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { useMe, useOrgs } from '../api/queries/account';
import { MonitoringNotice } from '../components/MonitoringNotice';
import { NotificationBell } from '../components/NotificationBell';
import { LiveIndicator } from '../components/LiveIndicator';
import { StatusSwitcher } from '../components/StatusSwitcher';
import { TwoFactorGate } from '../auth/twoFactorGate';

/** Signed-in frame: top bar (brand, organisation switcher, account), then the page. */
export function AppShell() {
  const { signOut } = useAuth();
  const me = useMe();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page's heading (or main) for screen readers.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      (heading ?? mainRef.current)?.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(frame);
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-text">Escalation Inbox</span>
        </Link>
        <OrgSwitcher />
        <CurrentOrgBell />
        <div className="account">
          {me.data ? (
            <span className="account-email" title={me.data.email}>
              {me.data.display_name || me.data.email}
            </span>
          ) : null}
          <Link to="/security" className="button secondary small">
            Security
          </Link>
          <button type="button" className="button secondary small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <TwoFactorGate />
        <MonitoringNotice />
        <Outlet />
      </main>
    </div>
  );
}

/** The status switcher and notification bell of the organisation in the URL (only one the caller is a member of). */
function CurrentOrgBell() {
  const orgs = useOrgs();
  const match = useMatch('/orgs/:orgId/*');
  const orgId = match?.params.orgId;
  if (!orgId || !orgs.data?.items.some((org) => org.id === orgId)) return null;
  return (
    <>
      <LiveIndicator />
      <StatusSwitcher key={`status-${orgId}`} orgId={orgId} />
      <NotificationBell key={orgId} orgId={orgId} />
    </>
  );
}

function OrgSwitcher() {
  const orgs = useOrgs();
  const match = useMatch('/orgs/:orgId/*');
  const navigate = useNavigate();
  const current = match?.params.orgId ?? '';
  if (!orgs.data || orgs.data.items.length === 0) return <div className="org-switcher" />;
  return (
    <div className="org-switcher">
      <label htmlFor="org-switcher">Organisation</label>
      <select
        id="org-switcher"
        value={current}
        onChange={(event) => {
          const value = event.target.value;
          navigate(value === '__all' ? '/orgs' : `/orgs/${value}/queue`);
        }}
      >
        {current ? null : <option value="">Choose…</option>}
        {orgs.data.items.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
        <option value="__all">All organisations / new…</option>
      </select>
    </div>
  );
}
