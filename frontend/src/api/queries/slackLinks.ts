import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { components } from '../schema';

export type SlackLink = components['schemas']['SlackLinkRead'];

const key = (token: string) => ['slack-link', token] as const;

/** Which Slack user a one-time link from Slack would link to me (reading changes nothing). */
export function useSlackLink(token: string) {
  return useQuery({
    queryKey: key(token),
    queryFn: () => unwrap(api.GET('/api/v1/slack/links/{token}', { params: { path: { token } } })),
  });
}

/** Confirm that this Slack user is me; the answer is the link, now `linked`. */
export function useConfirmSlackLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/slack/links/{token}', { params: { path: { token } } })),
    onSuccess: (link) => client.setQueryData(key(token), link),
  });
}
