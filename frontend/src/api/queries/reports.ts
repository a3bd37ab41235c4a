import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ApiError, toProblem } from '../problem';
import { keys, nextCursor, PAGE_SIZE } from './keys';
import type { BreachTarget, ExportFormat, ReportBucketSize, ReportGroupBy, Priority } from '../types';

/** What every report call shares: the period (days in the organisation's time zone) and the filters. */
export interface ReportScope {
  from: string;
  to: string;
  inboxId?: string;
  priority?: Priority;
  category?: string;
  campaignId?: string;
}

function scopeQuery(scope: ReportScope) {
  return {
    from: scope.from,
    to: scope.to,
    ...(scope.inboxId ? { inbox_id: scope.inboxId } : {}),
    ...(scope.priority ? { priority: scope.priority } : {}),
    ...(scope.category ? { category: scope.category } : {}),
    ...(scope.campaignId ? { campaign_id: scope.campaignId } : {}),
  };
}

/** GET /reports/sla: the period's figures by group and bucket, against the period before (supervisor+). */
export function useSlaReport(
  orgId: string,
  scope: ReportScope,
  { groupBy, bucket, enabled = true }: { groupBy: ReportGroupBy; bucket: ReportBucketSize; enabled?: boolean },
) {
  return useQuery({
    queryKey: keys.slaReport(orgId, { ...scope, groupBy, bucket }),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/reports/sla', {
          params: { path: { org_id: orgId }, query: { ...scopeQuery(scope), group_by: groupBy, bucket } },
        }),
      ),
    enabled,
    // Another filter keeps the last figures on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
    // A report is history: no polling; it is read again when the page is opened again.
    staleTime: 60_000,
  });
}

/** GET /reports/breaches: every breach of the period, newest first, paged by cursor. */
export function useBreaches(
  orgId: string,
  scope: ReportScope,
  { target, enabled = true }: { target?: BreachTarget; enabled?: boolean },
) {
  return useInfiniteQuery({
    queryKey: keys.breaches(orgId, { ...scope, target }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/reports/breaches', {
          params: {
            path: { org_id: orgId },
            query: { ...scopeQuery(scope), ...(target ? { target } : {}), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: nextCursor,
    enabled,
    staleTime: 60_000,
  });
}

export type ExportKind = 'escalations' | 'breaches';

const EXPORT_PATHS = {
  escalations: '/api/v1/orgs/{org_id}/reports/escalations/export',
  breaches: '/api/v1/orgs/{org_id}/reports/breaches/export',
} as const;

/** The file name of a Content-Disposition header (`attachment; filename="x.csv"`), if any. */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  return plain ? (plain[2] ?? plain[1]).trim() : null;
}

/**
 * Fetch an export with the bearer token (a plain link would go unauthenticated) and return the
 * file. Throws ApiError with the problem for a non-2xx answer.
 */
export async function fetchExport(
  orgId: string,
  kind: ExportKind,
  scope: ReportScope,
  { format, target }: { format: ExportFormat; target?: BreachTarget },
): Promise<{ blob: Blob; filename: string }> {
  const query = { ...scopeQuery(scope), format, ...(kind === 'breaches' && target ? { target } : {}) };
  const { data, error, response } = await api.GET(EXPORT_PATHS[kind], {
    params: { path: { org_id: orgId }, query },
    parseAs: 'blob',
  });
  if (!response.ok || !data) {
    throw new ApiError(response.status, toProblem(error, response.status, response.statusText));
  }
  const filename =
    dispositionFilename(response.headers.get('Content-Disposition')) ?? `${kind}-${scope.from}-${scope.to}.${format}`;
  return { blob: data as Blob, filename };
}

/** Hand a file to the browser's downloads (an object URL on a temporary link, released after). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Some browsers read the URL after click() returns: release it a moment later.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
