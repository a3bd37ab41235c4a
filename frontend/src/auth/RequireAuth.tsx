import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './AuthProvider';
import { sessionEndReason } from './session';

/**
 * Sends anyone not signed in (or whose session the API just refused) to sign-in, then back.
 * `keepNext`: always come back here afterwards (a link from an email or Slack is the reason the
 * person came at all), not only after an expired session.
 */
export function RequireAuth({ children, keepNext = false }: { children: ReactNode; keepNext?: boolean }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) {
    // After a deliberate sign-out the next person starts afresh; after an expired session
    // (a 401) they come back to where they were.
    const params = new URLSearchParams();
    const expired = sessionEndReason() === 'expired';
    if (expired) params.set('expired', '1');
    if (expired || keepNext) {
      const next = location.pathname + location.search;
      if (next !== '/') params.set('next', next);
    }
    const query = params.toString();
    return <Navigate to={query ? `/sign-in?${query}` : '/sign-in'} replace />;
  }
  return <>{children}</>;
}

/** Only same-site paths, so a crafted ?next= cannot send anyone elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
