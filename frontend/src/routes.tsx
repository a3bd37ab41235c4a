import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { SignedInLanding } from './auth/SignedInLanding';
import { AppShell } from './layout/AppShell';
import { OrgLayout } from './layout/OrgLayout';
import { RequireRole } from './layout/RequireRole';
import { SignInPage } from './pages/SignInPage';
import { RegisterPage } from './pages/RegisterPage';
import { HomeRedirect, OrgsPage } from './pages/OrgsPage';
import { QueuePage } from './pages/QueuePage';
import { ConversationPage } from './pages/ConversationPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { AdminLayout } from './pages/admin/AdminLayout';
import { MembersPage } from './pages/admin/MembersPage';
import { CampaignsPage } from './pages/admin/CampaignsPage';
import { InboxesPage } from './pages/admin/InboxesPage';
import { CalendarsPage } from './pages/admin/CalendarsPage';
import { SlaPoliciesPage } from './pages/admin/SlaPoliciesPage';
import { EscalationsPage } from './pages/EscalationsPage';
import { EscalationPage } from './pages/EscalationPage';
import { Spinner } from './components/Spinner';
import { NotificationsPage } from './pages/NotificationsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { RulesPage } from './pages/admin/rules/RulesPage';
import { SecurityPage } from './pages/SecurityPage';
import { SecurityAdminPage } from './pages/admin/SecurityAdminPage';
import { HandoffTemplatesPage } from './pages/admin/HandoffTemplatesPage';
import { EmailActionPage } from './pages/EmailActionPage';
import { SlackLinkPage } from './pages/SlackLinkPage';

// Loaded when first opened, not with the app: the dashboard and the reports bring the charting library, and the
// notification admin screens are for admins only.
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const EscalationPolicyPage = lazy(() =>
  import('./pages/admin/EscalationPolicyPage').then((m) => ({ default: m.EscalationPolicyPage })),
);
const WebhooksPage = lazy(() => import('./pages/admin/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));
const WebhookDeliveriesPage = lazy(() =>
  import('./pages/admin/WebhookDeliveriesPage').then((m) => ({ default: m.WebhookDeliveriesPage })),
);
const DeliveriesPage = lazy(() => import('./pages/admin/DeliveriesPage').then((m) => ({ default: m.DeliveriesPage })));

function Lazy({ children, label }: { children: ReactNode; label: string }) {
  return <Suspense fallback={<Spinner label={label} />}>{children}</Suspense>;
}

/**
 * Every screen. The organisation is part of the URL (/orgs/:orgId/…); OrgLayout resolves it and
 * the caller's role. New screens go under `orgs/:orgId` with a RequireRole where needed, plus an
 * entry in org/navigation.ts.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/register', element: <RegisterPage /> },
  // Single sign-on ends here (app/routers/sso.py).
  { path: '/signed-in', element: <SignedInLanding /> },
  // An email's Claim link: signed out, sign in first and come straight back (keepNext).
  {
    path: '/actions/:token',
    element: (
      <RequireAuth keepNext>
        <AppShell />
      </RequireAuth>
    ),
    children: [{ index: true, element: <EmailActionPage /> }],
  },
  // Slack's one-time link: the member confirms that the Slack user who pressed a button is them.
  {
    path: '/slack/link/:token',
    element: (
      <RequireAuth keepNext>
        <AppShell />
      </RequireAuth>
    ),
    children: [{ index: true, element: <SlackLinkPage /> }],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'orgs', element: <OrgsPage /> },
      // The member's own two-factor sign-in (the top bar's Security link; where TwoFactorGate sends them).
      { path: 'security', element: <SecurityPage /> },
      {
        path: 'orgs/:orgId',
        element: <OrgLayout />,
        children: [
          { index: true, element: <Navigate to="queue" replace /> },
          { path: 'queue', element: <QueuePage /> },
          { path: 'conversations', element: <ConversationsPage /> },
          { path: 'conversations/:conversationId', element: <ConversationPage /> },
          // The owner view; the API shows each caller only their inboxes (staff see every inbox).
          { path: 'escalations', element: <EscalationsPage /> },
          { path: 'escalations/:escalationId', element: <EscalationPage /> },
          {
            path: 'dashboard',
            element: (
              <RequireRole min="supervisor">
                <Lazy label="Loading the dashboard…">
                  <DashboardPage />
                </Lazy>
              </RequireRole>
            ),
          },
          {
            path: 'reports',
            element: (
              <RequireRole min="supervisor">
                <Lazy label="Loading the reports…">
                  <ReportsPage />
                </Lazy>
              </RequireRole>
            ),
          },
          {
            path: 'approvals',
            element: (
              <RequireRole min="supervisor">
                <ApprovalsPage />
              </RequireRole>
            ),
          },
          // Everyone's own notifications and preferences (the bell in the top bar links here).
          { path: 'notifications', element: <NotificationsPage /> },
          {
            path: 'admin',
            element: (
              <RequireRole min="admin">
                <AdminLayout />
              </RequireRole>
            ),
            children: [
              { index: true, element: <Navigate to="members" replace /> },
              { path: 'members', element: <MembersPage /> },
              { path: 'campaigns', element: <CampaignsPage /> },
              { path: 'inboxes', element: <InboxesPage /> },
              { path: 'calendars', element: <CalendarsPage /> },
              { path: 'sla-policies', element: <SlaPoliciesPage /> },
              { path: 'rules', element: <RulesPage /> },
              { path: 'handoff-templates', element: <HandoffTemplatesPage /> },
              { path: 'security', element: <SecurityAdminPage /> },
              {
                path: 'escalation-policy',
                element: (
                  <Lazy label="Loading…">
                    <EscalationPolicyPage />
                  </Lazy>
                ),
              },
              {
                path: 'webhooks',
                element: (
                  <Lazy label="Loading…">
                    <WebhooksPage />
                  </Lazy>
                ),
              },
              {
                path: 'webhooks/:webhookId',
                element: (
                  <Lazy label="Loading…">
                    <WebhookDeliveriesPage />
                  </Lazy>
                ),
              },
              {
                path: 'deliveries',
                element: (
                  <Lazy label="Loading…">
                    <DeliveriesPage />
                  </Lazy>
                ),
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

