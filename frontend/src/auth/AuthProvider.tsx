import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { getToken, setToken, subscribeToken } from './token';
import { login } from '../api/queries/account';

interface AuthState {
  token: string | null;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState<string | null>(() => getToken());
  const queryClient = useQueryClient();

  useEffect(
    () =>
      subscribeToken((next) => {
        setTokenState(next);
        // Whoever signs in next must not see the previous user's cached data.
        if (!next) queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const accessToken = await login(email, password);
    queryClient.clear();
    setToken(accessToken);
  }, [queryClient]);

  const signOut = useCallback(() => setToken(null), []);

  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}
