import type { ReactNode } from 'react';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError, isStaleProblem } from './api/problem';
import { AuthProvider } from './auth/AuthProvider';

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // An edit refused as stale (409 stale-if-match): fetch what others changed, so the form the
    // user reloads or reopens shows their version (and its new updated_at for the next If-Match).
    mutationCache: new MutationCache({
      onError: (error) => {
        if (error instanceof ApiError && isStaleProblem(error.problem)) void client.invalidateQueries();
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network hiccups and 5xx get two more tries.
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
        staleTime: 2_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <AuthProvider>{children}</AuthProvider>
    </QueryClientProvider>
  );
}
