import { createContext, useContext } from 'react';
import type { Organisation, Role } from '../api/types';

export interface OrgContextValue {
  org: Organisation;
  orgId: string;
  role: Role;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

/** The organisation in the URL and the caller's role in it (from GET /orgs). */
export function useOrg(): OrgContextValue {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error('useOrg outside an organisation route');
  return ctx;
}
