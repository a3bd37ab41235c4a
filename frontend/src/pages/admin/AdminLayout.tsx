import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Badge } from '../../components/Badge';
import { useDeadDeliveryCount } from '../../api/queries/deliveries';
import { useOrg } from '../../org/OrgContext';

/**
 * Admin area (admins and owners). Sections are tabs; a new section adds a tab here and a child
 * route in routes.tsx.
 */
export const ADMIN_SECTIONS = [
  { to: 'members', label: 'Members' },
  { to: 'campaigns', label: 'Campaigns' },
  { to: 'inboxes', label: 'Inboxes' },
  { to: 'calendars', label: 'Calendars' },
  { to: 'sla-policies', label: 'SLA policies' },
  { to: 'rules', label: 'Rules' },
  { to: 'handoff-templates', label: 'Hand-off templates' },
  { to: 'escalation-policy', label: 'Escalation policy' },
  { to: 'webhooks', label: 'Webhooks' },
  { to: 'deliveries', label: 'Deliveries' },
  { to: 'security', label: 'Security' },
];

/** Deliveries that died in the last 7 days, on the Deliveries tab: notices that never arrived. */
function DeadDeliveries() {
  const { orgId } = useOrg();
  const dead = useDeadDeliveryCount(orgId);
  if (!dead.data) return null;
  return (
    <>
      {' '}
      <Badge tone="danger">
        {dead.data}
        <span className="visually-hidden"> dead in the last 7 days</span>
      </Badge>
    </>
  );
}

export function AdminLayout() {
  return (
    <div className="page">
      <PageHeader title="Admin" subtitle="Members, campaigns, escalation inboxes, service levels and notifications of this organisation." />
      <nav className="tabs" aria-label="Admin sections">
        <ul>
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>
                {section.label}
                {section.to === 'deliveries' ? <DeadDeliveries /> : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
