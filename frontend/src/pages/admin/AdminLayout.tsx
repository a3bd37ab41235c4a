import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

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
  { to: 'escalation-policy', label: 'Escalation policy' },
  { to: 'webhooks', label: 'Webhooks' },
];

export function AdminLayout() {
  return (
    <div className="page">
      <PageHeader title="Admin" subtitle="Members, campaigns, escalation inboxes, service levels and notifications of this organisation." />
      <nav className="tabs" aria-label="Admin sections">
        <ul>
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
