import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/problem';

export const SECURITY_PATH = '/security';

/** The API's answer to an owner, admin or supervisor of an organisation that requires two factors
 * they have not enabled: nothing else works for them there until they enrol. */
export function isEnrolmentRequired(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    !!error.problem.type?.endsWith('/two-factor-enrolment-required')
  );
}

/**
 * Watches every query and mutation; the first `two-factor-enrolment-required` answer takes the
 * member to the Security page to enrol, before anything else (and back to where they were once done).
 */
export function TwoFactorGate() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const onSecurityPage = location.pathname === SECURITY_PATH;
  const from = location.pathname + location.search;

  useEffect(() => {
    if (onSecurityPage) return;
    const lead = (error: unknown) => {
      if (isEnrolmentRequired(error)) {
        navigate(SECURITY_PATH, { replace: true, state: { enrolmentRequired: true, from } });
      }
    };
    const stopQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') lead(event.action.error);
    });
    const stopMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') lead(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [client, navigate, onSecurityPage, from]);

  return null;
}
