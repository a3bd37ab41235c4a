import { useEffect } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { safeNext } from './RequireAuth';
import { useAuth } from './AuthProvider';
import { setSignedIn } from './session';

/**
 * Where a sign-in made elsewhere (single sign-on) lands: the session is an HttpOnly cookie the SPA
 * cannot see, so this is how it learns it is signed in, before going on to where the person was
 * headed. If no session came with the redirect, the first API call answers 401 and sign-in follows.
 */
export function SignedInLanding() {
  const [params] = useSearchParams();
  const client = useQueryClient();
  const { signedIn } = useAuth();
  useEffect(() => {
    if (!signedIn) {
      client.clear(); // nothing cached from whoever used this browser before
      setSignedIn(true);
    }
  }, [client, signedIn]);
  return signedIn ? <Navigate to={safeNext(params.get('next'))} replace /> : null;
}
