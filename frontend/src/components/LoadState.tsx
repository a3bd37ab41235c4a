import { ProblemMessage } from './ProblemMessage';
import { Spinner } from './Spinner';

interface QueryLike {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The loading and error states of a query. Renders null once data is there, so callers write
 * `<LoadState query={q} label="…" />` and then the content when `q.data` is set. A failed
 * background refresh keeps the last data on screen (with the problem shown above it).
 */
export function LoadState({ query, label }: { query: QueryLike; label?: string }) {
  if (query.isPending && !query.error) return <Spinner label={label} />;
  if (query.error) return <ProblemMessage error={query.error} onRetry={() => void query.refetch()} />;
  return null;
}
