import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { atLeast, ROLE_LABELS } from '../org/roles';
import { EmptyState } from '../components/EmptyState';

/** Hides a screen from roles below `min` (the API refuses them anyway; this says so in words). */
export function RequireRole({ min, children }: { min: Role; children: ReactNode }) {
  const { role } = useOrg();
  if (!atLeast(role, min)) {
    return (
      <EmptyState title="Not available to your role">
        <p>
          This page needs the {ROLE_LABELS[min].toLowerCase()} role or above; you are {withArticle(ROLE_LABELS[role])}{' '}
          here.
        </p>
      </EmptyState>
    );
  }
  return <>{children}</>;
}

function withArticle(label: string): string {
  const word = label.toLowerCase();
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
