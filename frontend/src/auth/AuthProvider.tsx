import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isSignedIn, setSignedIn, subscribeSession } from './session';
import { completeTwoFactor, login, logout } from '../api/queries/account';

interface AuthState {
  signedIn: boolean;
  /** Rejects with TwoFactorRequired when the account asks for a code next. */
  signIn: (email: string, password: string) => Promise<void>;
  completeSignIn: (challenge: string, code: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedInState] = useState<boolean>(() => isSignedIn());
  const queryClient = useQueryClient();

  useEffect(() => {
    const unsubscribe = subscribeSession((next) => {
      setSignedInState(next);
      // Whoever signs in next must not see the previous user's cached data.
      if (!next) queryClient.clear();
    });
    // A child's effect runs before this one: a change it made on mount (the single sign-on
    // landing) was heard by nobody, so read the state once now.
    setSignedInState(isSignedIn());
    return unsubscribe;
  }, [queryClient]);

  const started = useCallback(() => {
    queryClient.clear();
    setSignedIn(true);
  }, [queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await login(email, password);
      started();
    },
    [started],
  );

  const completeSignIn = useCallback(
    async (challenge: string, code: string) => {
      await completeTwoFactor(challenge, code);
      started();
    },
    [started],
  );

  const signOut = useCallback(async () => {
    // Signed out here first: the screens unmount and their polls stop, so nothing asks the API
    // with a session that is about to end (a 401 after sign-out would look like an expiry).
    setSignedIn(false);
    try {
      await logout();
    } catch {
      // A session the server could not end now ends with the cookie's lifetime, and one it no
      // longer knows is over anyway.
    }
  }, []);

  const value = useMemo(
    () => ({ signedIn, signIn, completeSignIn, signOut }),
    [signedIn, signIn, completeSignIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}
