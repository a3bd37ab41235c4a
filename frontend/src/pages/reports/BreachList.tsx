import { useId } from 'react';
import { Link } from 'react-router';
import type { useBreaches } from '../../api/queries/reports';
import { flatten } from '../../api/queries/keys';
import { useMemberDirectory } from '../../api/queries/admin';
import { BREACH_TARGETS, type Breach, type BreachTarget } from '../../api/types';
import { Badge } from '../../components/Badge';
import { SelectField } from '../../components/Field';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { Pager } from '../../components/Pager';
import { categoryLabel, priorityLabel } from '../../components/escalation';
import { formatDateTime } from '../../components/time';
import { formatMinutes } from './format';

export const TARGET_LABELS: Record<BreachTarget, string> = { first_response: 'First response', resolution: 'Resolution' };

/** The breach list of the period: newest first, each a link to its escalation, paged with "Load more". */
export function BreachList({
  orgId,
  query,
  target,
  onTarget,
}: {
  orgId: string;
  query: ReturnType<typeof useBreaches>;
  target?: BreachTarget;
  onTarget: (target: BreachTarget | undefined) => void;
}) {
  const headingId = useId();
  const members = useMemberDirectory(orgId);
  const items = flatten(query.data);
  const holder = (id: string | null) => {
    if (!id) return <span className="muted">Nobody</span>;
    const member = members.data?.get(id);
    return member ? member.display_name || member.email : <span className="muted">A former member</span>;
  };

  return (
    <section className="report-section breach-list" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>Breaches</h2>
        <SelectField
          label="Target"
          name="target"
          value={target ?? ''}
          onChange={(e) => onTarget((e.target.value || undefined) as BreachTarget | undefined)}
        >
          <option value="">Both targets</option>
          {BREACH_TARGETS.map((t) => (
            <option key={t} value={t}>
              {TARGET_LABELS[t]}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="small-text muted">
        Newest first. How late is counted in business time on the escalation's calendar; a breach still running keeps
        counting.
      </p>
      {query.data ? null : <LoadState query={query} label="Loading the breaches…" />}
      {query.data && query.error ? <ProblemMessage error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && items.length === 0 ? (
        <EmptyState title="No breaches">
          <p>No deadline was breached in this period with these filters.</p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Breaches (scrolls sideways)">
            <table className="list-table breach-table">
              <caption className="visually-hidden">Breaches of the period, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Escalation</th>
                  <th scope="col">Target</th>
                  <th scope="col">Breached</th>
                  <th scope="col" className="num">
                    Late by
                  </th>
                  <th scope="col">Held by</th>
                  <th scope="col">Raised</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <BreachRow key={b.id} orgId={orgId} breach={b} holder={holder(b.held_by)} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="count-status" role="status">
            {items.length} {items.length === 1 ? 'breach' : 'breaches'} shown{query.hasNextPage ? '; more below' : ''}.
          </p>
        </>
      ) : null}
      <Pager query={query} label="Load more breaches" />
    </section>
  );
}

function BreachRow({ orgId, breach: b, holder }: { orgId: string; breach: Breach; holder: React.ReactNode }) {
  const raised = [
    b.level_raised_to !== null ? `Level ${b.level ?? '?'} → ${b.level_raised_to}` : null,
    b.priority_to !== null ? `${b.priority_from ? priorityLabel(b.priority_from) : '?'} → ${priorityLabel(b.priority_to)}` : null,
  ].filter(Boolean);
  return (
    <tr>
      <th scope="row">
        <Link className="row-link" to={`/orgs/${orgId}/escalations/${b.escalation_id}`}>
          Escalation {b.escalation_id.slice(0, 8)}
        </Link>
        <span className="breach-sub">
          {b.inbox_name} · {categoryLabel(b.category)}
        </span>
      </th>
      <td>{TARGET_LABELS[b.target as BreachTarget] ?? b.target}</td>
      <td>
        <time dateTime={b.breached_at}>{formatDateTime(b.breached_at)}</time>
        {b.due_at ? (
          <span className="breach-sub">
            due <time dateTime={b.due_at}>{formatDateTime(b.due_at)}</time>
          </span>
        ) : null}
      </td>
      <td className="num">
        <span className="nowrap">{formatMinutes(b.late_minutes)}</span>
        {b.still_open ? (
          <span className="breach-sub">
            <Badge tone="warn">still running</Badge>
          </span>
        ) : null}
      </td>
      <td>{holder}</td>
      <td>{raised.length ? raised.join('; ') : <span className="muted">—</span>}</td>
    </tr>
  );
}
