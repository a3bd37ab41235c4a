import { PageHeader } from '../../components/PageHeader';
import { SessionsPanel } from './SessionsPanel';

/** The member's own account security: where they are signed in (and two-factor sign-in). */
export function SecurityPage() {
  return (
    <>
      <PageHeader title="Security" subtitle="Your account" />
      <SessionsPanel />
    </>
  );
}
