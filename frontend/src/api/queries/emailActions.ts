import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { components } from '../schema';

export type EmailAction = components['schemas']['EmailActionRead'];
export type EmailActionResult = components['schemas']['EmailActionResult'];

const key = (token: string) => ['email-action', token] as const;

/** What an emailed link would do (reading it changes nothing on the server). */
export function useEmailAction(token: string) {
  return useQuery({
    queryKey: key(token),
    queryFn: () => unwrap(api.GET('/api/v1/actions/{token}', { params: { path: { token } } })),
  });
}

/** Perform the link, once. Afterwards the link reads as used. */
export function usePerformEmailAction(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/actions/{token}', { params: { path: { token } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: key(token) }),
  });
}
