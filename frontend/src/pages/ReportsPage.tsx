import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fetchExport, saveFile, useBreaches, useSlaReport, type ExportKind, type ReportScope } from '../api/queries/reports';
import { useInboxes } from '../api/queries/inboxes';
import { useCampaignOptions } from '../api/queries/admin';
import { useEscalationPolicy } from '../api/queries/escalationPolicy';
import { errorMessage } from '../api/problem';
import {
  BREACH_TARGETS,
  CATEGORIES,
  PRIORITIES,
  REPORT_BUCKETS,
  REPORT_GROUP_BYS,
  type BreachTarget,
  type ExportFormat,
  type Priority,
  type ReportBucketSize,
  type ReportGroupBy,
} from '../api/types';
import { useOrg } from '../org/OrgContext';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { ProblemMessage } from '../components/ProblemMessage';
import { SelectField, TextField } from '../components/Field';
import { LiveStatus } from '../components/LiveStatus';
import { categoryLabel, PRIORITY_LABELS } from '../components/escalation';
import { AttainmentChart, BreachHistogram, GroupTable, ReportTiles, TrendChart, type Labeller } from './reports/ReportCharts';
import { BreachList, TARGET_LABELS } from './reports/BreachList';
import { defaultBucket, formatPeriod, isDay, periodDays, QUICK_PERIODS, todayIn } from './reports/format';

export const GROUP_BY_LABELS: Record<ReportGroupBy, string> = {
  inbox: 'Inbox',
  // Who held the escalation when it first breached, else who claimed it last.
  owner: 'Owner',
  priority: 'Priority',
  category: 'Category',
  campaign: 'Campaign',
};

export const BUCKET_LABELS: Record<ReportBucketSize, string> = { day: 'Day', week: 'Week', month: 'Month' };

/** Everything the report shows, read from the URL so that a report can be linked. */
function useReportParams(today: string) {
  const [params, setParams] = useSearchParams();
  const rawFrom = params.get('from');
  const rawTo = params.get('to');
  const hasPeriod = isDay(rawFrom) && isDay(rawTo);
  const from = hasPeriod ? rawFrom : QUICK_PERIODS[1].range(today).from;
  const to = hasPeriod ? rawTo : today;
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = params.get(name);
    return allowed.includes(value as T) ? (value as T) : undefined;
  };
  const groupBy = pick('group_by', REPORT_GROUP_BYS) ?? 'inbox';
  const bucket = pick('bucket', REPORT_BUCKETS) ?? (from <= to ? defaultBucket(from, to) : 'week');
  const scope: ReportScope = {
    from,
    to,
    inboxId: params.get('inbox') || undefined,
    priority: pick('priority', PRIORITIES),
    category: params.get('category') || undefined,
    campaignId: params.get('campaign') || undefined,
  };
  const target = pick('target', BREACH_TARGETS);
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        // The period always travels in full, so a copied link shows the same days.
        if (!next.get('from') || !next.get('to')) {
          next.set('from', from);
          next.set('to', to);
        }
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  return { scope, groupBy, bucket, target, bucketChosen: Boolean(pick('bucket', REPORT_BUCKETS)), update };
}

/** Reports (supervisors and above): SLA attainment by group against the previous period, the trend, breaches, exports. */
export function ReportsPage() {
  const { orgId, org } = useOrg();
  const timeZone = org.time_zone || 'UTC';
  const today = todayIn(timeZone);
  const { scope, groupBy, bucket, target, bucketChosen, update } = useReportParams(today);
  const valid = scope.from <= scope.to;
  const report = useSlaReport(orgId, scope, { groupBy, bucket, enabled: valid });
  const breaches = useBreaches(orgId, scope, { target, enabled: valid });
  const inboxes = useInboxes(orgId, { live: false });
  const campaigns = useCampaignOptions(orgId);
  const policy = useEscalationPolicy(orgId);

  const categoryOptions: [string, string][] =
    policy.data?.policy.categories.map((c) => [c.key, c.name]) ?? CATEGORIES.map((c) => [c, categoryLabel(c)]);
  const categoryName = (key: string) => categoryOptions.find(([k]) => k === key)?.[1] ?? categoryLabel(key);
  const labeller: Labeller = (group) => {
    if (groupBy === 'priority') return PRIORITY_LABELS[group.key as Priority] ?? group.label;
    if (groupBy === 'category') return categoryName(group.key);
    return group.label;
  };

  const data = report.data;
  const stale = report.isPlaceholderData;
  const groupWord = GROUP_BY_LABELS[groupBy].toLowerCase();

  return (
    <div className="page reports">
      <PageHeader
        title="Reports"
        subtitle={`SLA attainment, times and breaches in ${org.name} for any period, against the period before. Days are counted in ${timeZone}.`}
      />
      <ReportFilters
        scope={scope}
        groupBy={groupBy}
        bucket={bucket}
        bucketChosen={bucketChosen}
        today={today}
        inboxes={(inboxes.data ?? []).map((i) => [i.id, i.name])}
        campaigns={(campaigns.data ?? []).map((c) => [c.id, c.name])}
        categories={categoryOptions}
        onChange={update}
      />
      <Exports orgId={orgId} scope={scope} target={target} disabled={!valid} />

      {valid ? (
        <>
          {data ? (
            <p className="report-period">
              <strong>{formatPeriod(data.from, data.to)}</strong> ({periodDays(data.from, data.to)} days) against{' '}
              {formatPeriod(data.previous_from, data.previous_to)}, by {groupWord} and {data.bucket}.
            </p>
          ) : (
            <LoadState query={report} label="Loading the report…" />
          )}
          {data && report.error ? <ProblemMessage error={report.error} onRetry={() => void report.refetch()} /> : null}
          {data ? (
            <div aria-busy={stale || report.isFetching} className={stale ? 'report-body stale' : 'report-body'}>
              <ReportTiles report={data} />
              <div className="chart-grid">
                <AttainmentChart report={data} labeller={labeller} groupWord={groupWord} />
                <TrendChart report={data} />
                <BreachHistogram report={data} />
              </div>
              <GroupTable report={data} labeller={labeller} groupTitle={GROUP_BY_LABELS[groupBy]} />
            </div>
          ) : null}
          <BreachList
            orgId={orgId}
            query={breaches}
            target={target}
            onTarget={(value) => update({ target: value })}
          />
        </>
      ) : null}
    </div>
  );
}

interface FiltersProps {
  scope: ReportScope;
  groupBy: ReportGroupBy;
  bucket: ReportBucketSize;
  bucketChosen: boolean;
  today: string;
  inboxes: [string, string][];
  campaigns: [string, string][];
  categories: [string, string][];
  onChange: (changes: Record<string, string | undefined>) => void;
}

function ReportFilters({ scope, groupBy, bucket, bucketChosen, today, inboxes, campaigns, categories, onChange }: FiltersProps) {
  // The date inputs keep what is typed until it makes a period; the URL holds the last good one.
  const [draft, setDraft] = useState({ from: scope.from, to: scope.to });
  useEffect(() => setDraft({ from: scope.from, to: scope.to }), [scope.from, scope.to]);
  const reversed = isDay(draft.from) && isDay(draft.to) && draft.from > draft.to;
  const setDay = (name: 'from' | 'to', value: string) => {
    const next = { ...draft, [name]: value };
    setDraft(next);
    if (isDay(next.from) && isDay(next.to)) onChange({ from: next.from, to: next.to });
  };
  const quickId = useId();
  const active = QUICK_PERIODS.find((q) => {
    const range = q.range(today);
    return range.from === scope.from && range.to === scope.to;
  });

  return (
    <section className="filters report-filters" aria-labelledby={`${quickId}-heading`}>
      <h2 id={`${quickId}-heading`} className="visually-hidden">
        Period and filters
      </h2>
      <div className="quick-periods" role="group" aria-labelledby={quickId}>
        <span id={quickId} className="field-label">
          Period
        </span>
        <div className="quick-period-buttons">
          {QUICK_PERIODS.map((q) => (
            <button
              key={q.id}
              type="button"
              className={q === active ? 'button small quick-period selected' : 'button secondary small quick-period'}
              aria-pressed={q === active}
              onClick={() => {
                const range = q.range(today);
                onChange({ from: range.from, to: range.to, ...(bucketChosen ? {} : { bucket: undefined }) });
              }}
            >
              {q.label}
            </button>
          ))}
        </div>
      </div>
      <TextField
        label="From"
        type="date"
        name="from"
        value={draft.from}
        max={today}
        required
        onChange={(event) => setDay('from', event.target.value)}
      />
      <TextField
        label="To (included)"
        type="date"
        name="to"
        value={draft.to}
        required
        errors={reversed ? ['The period ends before it starts: pick a later end or an earlier start.'] : undefined}
        onChange={(event) => setDay('to', event.target.value)}
      />
      <SelectField label="Group by" name="group_by" value={groupBy} onChange={(e) => onChange({ group_by: e.target.value })}>
        {REPORT_GROUP_BYS.map((g) => (
          <option key={g} value={g}>
            {GROUP_BY_LABELS[g]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Bucket" name="bucket" value={bucket} onChange={(e) => onChange({ bucket: e.target.value })}>
        {REPORT_BUCKETS.map((b) => (
          <option key={b} value={b}>
            {BUCKET_LABELS[b]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Inbox"
        name="inbox_id"
        value={scope.inboxId ?? ''}
        onChange={(e) => onChange({ inbox: e.target.value || undefined })}
      >
        <option value="">All inboxes</option>
        {withCurrent(inboxes, scope.inboxId).map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Priority"
        name="priority"
        value={scope.priority ?? ''}
        onChange={(e) => onChange({ priority: e.target.value || undefined })}
      >
        <option value="">All priorities</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABELS[p]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Category"
        name="category"
        value={scope.category ?? ''}
        onChange={(e) => onChange({ category: e.target.value || undefined })}
      >
        <option value="">All categories</option>
        {withCurrent(categories, scope.category).map(([key, name]) => (
          <option key={key} value={key}>
            {name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Campaign"
        name="campaign_id"
        value={scope.campaignId ?? ''}
        onChange={(e) => onChange({ campaign: e.target.value || undefined })}
      >
        <option value="">All campaigns</option>
        {withCurrent(campaigns, scope.campaignId).map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </SelectField>
    </section>
  );
}

/** The options, plus the one in the URL when it is not (or not yet) among them, so the select shows it. */
function withCurrent(options: [string, string][], current: string | undefined): [string, string][] {
  return current && !options.some(([key]) => key === current) ? [...options, [current, current]] : options;
}

const EXPORTS: { kind: ExportKind; format: ExportFormat; label: string; what: string }[] = [
  { kind: 'escalations', format: 'csv', label: 'Escalations CSV', what: 'escalations as CSV' },
  { kind: 'escalations', format: 'jsonl', label: 'Escalations JSON Lines', what: 'escalations as JSON Lines' },
  { kind: 'breaches', format: 'csv', label: 'Breaches CSV', what: 'breaches as CSV' },
];

/** The downloads: fetched through the API client (problems come back as problems, not as a file) and saved as a file. */
function Exports({ orgId, scope, target, disabled }: { orgId: string; scope: ReportScope; target?: BreachTarget; disabled: boolean }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();

  const run = async (item: (typeof EXPORTS)[number]) => {
    setBusy(item.label);
    setError(null);
    setMessage(`Preparing ${item.what}…`);
    try {
      const { blob, filename } = await fetchExport(orgId, item.kind, scope, { format: item.format, target });
      saveFile(blob, filename);
      setMessage(`Downloaded ${filename}.`);
    } catch (caught) {
      setError(caught);
      setMessage(`The export of ${item.what} failed: ${errorMessage(caught)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="report-exports" aria-labelledby={headingId}>
      <h2 id={headingId}>Export</h2>
      <p className="small-text muted">
        Every row of the period and filters above
        {target ? ` (breaches: ${TARGET_LABELS[target].toLowerCase()} only)` : ''}, for a spreadsheet or a BI tool.
      </p>
      <div className="export-buttons">
        {EXPORTS.map((item) => (
          <button
            key={item.label}
            type="button"
            className="button secondary small"
            disabled={disabled || busy !== null}
            aria-busy={busy === item.label}
            onClick={() => void run(item)}
          >
            {busy === item.label ? 'Preparing…' : item.label}
          </button>
        ))}
      </div>
      {error ? <ProblemMessage error={error} /> : null}
      <LiveStatus message={error ? '' : message} />
    </section>
  );
}
