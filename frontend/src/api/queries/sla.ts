import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ifMatch, type Version } from '../versions';
import { ApiError, toProblem } from '../problem';
import { keys, LIVE_INTERVAL_MS } from './keys';
import type { CalendarCreate, SlaPolicyCreate } from '../types';

async function noContent(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, toProblem(error, response.status, response.statusText));
}

/** A save: a new one (no id), or a change to the one with this id, read at `version`. */
type Edit<Id extends string> = ({ [K in Id]: string } & { version: Version }) | { [K in Id]?: undefined };

// ---------- Business calendars ----------

export function useCalendars(orgId: string) {
  return useQuery({
    queryKey: keys.calendars(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/calendars', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    select: (page) => page.items,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useSaveCalendar(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ...edit }: { body: CalendarCreate } & Edit<'calendarId'>) =>
      edit.calendarId
        ? unwrap(
            api.PATCH('/api/v1/orgs/{org_id}/calendars/{calendar_id}', {
              params: { path: { org_id: orgId, calendar_id: edit.calendarId }, header: ifMatch(edit.version) },
              body,
            }),
          )
        : unwrap(api.POST('/api/v1/orgs/{org_id}/calendars', { params: { path: { org_id: orgId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.calendars(orgId) }),
  });
}

export function useDeleteCalendar(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ calendarId, version }: { calendarId: string; version: Version }) =>
      noContent(
        api.DELETE('/api/v1/orgs/{org_id}/calendars/{calendar_id}', {
          params: { path: { org_id: orgId, calendar_id: calendarId }, header: ifMatch(version) },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.calendars(orgId) }),
  });
}

/** When `minutes` business minutes will have passed since `start` (an RFC 3339 instant). */
export function useDeadline(orgId: string) {
  return useMutation({
    mutationFn: ({ calendarId, start, minutes }: { calendarId: string; start: string; minutes: number }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/calendars/{calendar_id}/deadline', {
          params: { path: { org_id: orgId, calendar_id: calendarId }, query: { start, minutes } },
        }),
      ),
  });
}

// ---------- SLA policies ----------

export function useSlaPolicies(orgId: string, { live = true }: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.slaPolicies(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/sla-policies', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    select: (page) => page.items,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
}

export function useSaveSlaPolicy(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ...edit }: { body: SlaPolicyCreate } & Edit<'policyId'>) =>
      edit.policyId
        ? unwrap(
            api.PATCH('/api/v1/orgs/{org_id}/sla-policies/{policy_id}', {
              params: { path: { org_id: orgId, policy_id: edit.policyId }, header: ifMatch(edit.version) },
              body,
            }),
          )
        : unwrap(api.POST('/api/v1/orgs/{org_id}/sla-policies', { params: { path: { org_id: orgId } }, body })),
    // Making one the default un-defaults the others: re-read the list.
    onSuccess: () => client.invalidateQueries({ queryKey: keys.slaPolicies(orgId) }),
  });
}

export function useDeleteSlaPolicy(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ policyId, version }: { policyId: string; version: Version }) =>
      noContent(
        api.DELETE('/api/v1/orgs/{org_id}/sla-policies/{policy_id}', {
          params: { path: { org_id: orgId, policy_id: policyId }, header: ifMatch(version) },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.slaPolicies(orgId) }),
  });
}
