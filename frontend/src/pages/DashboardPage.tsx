import { useSearchParams } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { STATS_PERIODS, useEscalationStats, type StatsPeriod } from '../api/queries/stats';
import { useInboxes } from '../api/queries/inboxes';
import { UnstaffedWarning } from './EscalationsPage';
import { PRIORITIES, type Attainment, type DailyFlow, type EscalationStats, type Priority } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { ProblemMessage } from '../components/ProblemMessage';
import { AXIS_TICK, BREACHED, Chart, ChartCard, MET } from '../components/charts';
import { SegmentedControl } from '../components/SegmentedControl';
import { PRIORITY_LABELS } from '../components/escalation';

const PRIORITY_COLOURS: Record<Priority, string> = {
  normal: '#8fa8dc',
  high: '#2b59c3',
  urgent: '#d98c00',
  critical: '#b42318',
};

type FlowKey = 'escalated' | 'claimed' | 'resolved' | 'de_escalated';

/** The daily flow's series: colour and dash pattern, so that colour is not the only difference. */
const FLOW_SERIES: { key: FlowKey; label: string; colour: string; dash?: string }[] = [
  { key: 'escalated', label: 'Escalated', colour: '#2b59c3' },
  { key: 'claimed', label: 'Claimed', colour: '#7a4fc8', dash: '6 3' },
  { key: 'resolved', label: 'Resolved', colour: '#146c43', dash: '2 3' },
  { key: 'de_escalated', label: 'De-escalated', colour: '#6b7280', dash: '10 4 2 4' },
];


const dayLong = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayShort = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-11-03" (a UTC day) → "Tue 3 Nov". */
export function formatDay(day: string, short = false): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : (short ? dayShort : dayLong).format(date);
}

/** Met as a share of met + breached, rounded: 46 of 50 → "92%"; none → null. */
export function attainmentPercent({ met, breached }: Attainment): number | null {
  const total = met + breached;
  return total ? Math.round((met / total) * 100) : null;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

interface InboxRow {
  inbox: string;
  inboxId: string;
  total: number;
  normal: number;
  high: number;
  urgent: number;
  critical: number;
}

/** open_by_inbox (one row per inbox and priority) → one row per inbox with a column per priority. */
export function openByInbox(stats: EscalationStats): InboxRow[] {
  const rows = new Map<string, InboxRow>();
  for (const item of stats.open_by_inbox) {
    const row =
      rows.get(item.inbox_id) ??
      { inbox: item.inbox_name, inboxId: item.inbox_id, total: 0, normal: 0, high: 0, urgent: 0, critical: 0 };
    row[item.priority] += item.count;
    row.total += item.count;
    rows.set(item.inbox_id, row);
  }
  return [...rows.values()];
}

function parsePeriod(value: string | null): StatsPeriod {
  const n = Number(value);
  return (STATS_PERIODS as readonly number[]).includes(n) ? (n as StatsPeriod) : 14;
}

/** Dashboard (supervisors and above): what is open now, the daily flow, SLA breaches and attainment. */
export function DashboardPage() {
  const { orgId, org } = useOrg();
  const [params, setParams] = useSearchParams();
  const days = parsePeriod(params.get('days'));
  const stats = useEscalationStats(orgId, days);
  const inboxes = useInboxes(orgId);
  const data = stats.data;
  // keepPreviousData: figures of the previous period stay while the new ones load.
  const stale = stats.isPlaceholderData;

  return (
    <div className="page dashboard">
      <PageHeader title="Dashboard" subtitle={`Escalations in ${org.name}: what is open now and the last ${days} days.`}>
        <SegmentedControl
          className="period-picker"
          legend="Period"
          name="days"
          options={STATS_PERIODS}
          value={days}
          label={(n) => `${n} days`}
          onChange={(n) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                next.set('days', String(n));
                return next;
              },
              { replace: true },
            )
          }
        />
      </PageHeader>
      <UnstaffedWarning entries={(inboxes.data ?? []).map((inbox) => ({ inbox }))} />

      {data ? null : <LoadState query={stats} label="Loading the figures…" />}
      {data && stats.error ? <ProblemMessage error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {data ? (
        <div aria-busy={stale} className={stale ? 'dashboard-body stale' : 'dashboard-body'}>
          <Totals stats={data} />
          <div className="chart-grid">
            <OpenByInboxChart stats={data} />
            <FlowChart daily={data.daily} days={data.days} />
            <BreachChart daily={data.daily} days={data.days} />
            <AttainmentChart stats={data} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Totals({ stats }: { stats: EscalationStats }) {
  const period = `last ${stats.days} days`;
  const tiles: [string, number, string][] = [
    ['Open now', sum(stats.open_by_inbox.map((o) => o.count)), 'unclaimed or claimed'],
    ['Escalated', sum(stats.daily.map((d) => d.escalated)), period],
    ['Resolved', sum(stats.daily.map((d) => d.resolved)), period],
    ['SLA breaches', sum(stats.daily.map((d) => d.sla_breaches)), period],
  ];
  return (
    <dl className="stat-tiles">
      {tiles.map(([label, value, note]) => (
        <div key={label} className="stat-tile">
          <dt>{label}</dt>
          <dd>
            <span className="stat-value">{value}</span> <span className="stat-note">{note}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function OpenByInboxChart({ stats }: { stats: EscalationStats }) {
  const rows = openByInbox(stats);
  const total = sum(rows.map((r) => r.total));
  const present = PRIORITIES.filter((p) => rows.some((r) => r[p] > 0));
  return (
    <ChartCard
      title="Open escalations by inbox"
      summary={
        total
          ? `${plural(total, 'open escalation')} in ${plural(rows.length, 'inbox', 'inboxes')}, by priority.`
          : 'Nothing is waiting in any inbox.'
      }
      empty={total ? undefined : { title: 'No open escalations', body: 'Every escalation is resolved or back in its campaign.' }}
      chart={
        <Chart>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: -16 }} title="Open escalations by inbox and priority">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="inbox" tick={AXIS_TICK} interval={0} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip />
            <Legend itemSorter={null} />
            {present.map((p) => (
              <Bar key={p} dataKey={p} name={PRIORITY_LABELS[p]} stackId="open" fill={PRIORITY_COLOURS[p]} isAnimationActive={false} maxBarSize={56} />
            ))}
          </BarChart>
        </Chart>
      }
      numbers={
        <table className="numbers-table">
          <caption className="visually-hidden">Open escalations by inbox and priority</caption>
          <thead>
            <tr>
              <th scope="col">Inbox</th>
              {PRIORITIES.map((p) => (
                <th key={p} scope="col" className="num">
                  {PRIORITY_LABELS[p]}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.inboxId}>
                <th scope="row">{row.inbox}</th>
                {PRIORITIES.map((p) => (
                  <td key={p} className="num">
                    {row[p]}
                  </td>
                ))}
                <td className="num">{row.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function flowRows(daily: DailyFlow[]) {
  return daily.map((d) => ({ ...d, label: formatDay(d.day, true) }));
}

function FlowChart({ daily, days }: { daily: DailyFlow[]; days: number }) {
  const totals = Object.fromEntries(FLOW_SERIES.map((s) => [s.key, sum(daily.map((d) => d[s.key]))])) as Record<FlowKey, number>;
  const any = FLOW_SERIES.some((s) => totals[s.key] > 0);
  return (
    <ChartCard
      title="Daily flow"
      summary={
        any
          ? `Over the last ${days} days: ${totals.escalated} escalated, ${totals.claimed} claimed, ${totals.resolved} resolved, ${totals.de_escalated} de-escalated.`
          : `No escalation activity in the last ${days} days.`
      }
      empty={any ? undefined : { title: 'No activity', body: 'Nothing was escalated, claimed, resolved or de-escalated in this period.' }}
      chart={
        <Chart>
          <LineChart data={flowRows(daily)} margin={{ top: 8, right: 12, bottom: 4, left: -16 }} title="Escalated, claimed, resolved and de-escalated per day">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip />
            <Legend itemSorter={null} />
            {FLOW_SERIES.map((s) => (
              <Line
                key={s.key}
                type="linear"
                dataKey={s.key}
                name={s.label}
                stroke={s.colour}
                strokeWidth={2}
                strokeDasharray={s.dash}
                dot={days <= 14 ? { r: 2.5 } : false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </Chart>
      }
      numbers={
        <table className="numbers-table">
          <caption className="visually-hidden">Escalations per day</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              {FLOW_SERIES.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...daily].reverse().map((d) => (
              <tr key={d.day}>
                <th scope="row">
                  <time dateTime={d.day}>{formatDay(d.day)}</time>
                </th>
                {FLOW_SERIES.map((s) => (
                  <td key={s.key} className="num">
                    {d[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {FLOW_SERIES.map((s) => (
                <td key={s.key} className="num">
                  {totals[s.key]}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      }
    />
  );
}

function BreachChart({ daily, days }: { daily: DailyFlow[]; days: number }) {
  const total = sum(daily.map((d) => d.sla_breaches));
  const worst = daily.reduce<DailyFlow | null>((top, d) => (d.sla_breaches > (top?.sla_breaches ?? 0) ? d : top), null);
  return (
    <ChartCard
      title="SLA breaches per day"
      summary={
        total
          ? `${plural(total, 'breach', 'breaches')} in the last ${days} days${worst ? `; most on ${formatDay(worst.day)} (${worst.sla_breaches})` : ''}.`
          : `No SLA breaches in the last ${days} days.`
      }
      empty={total ? undefined : { title: 'No SLA breaches', body: 'Every first response and resolution deadline in this period was met or is still running.' }}
      chart={
        <Chart>
          <BarChart data={flowRows(daily)} margin={{ top: 8, right: 8, bottom: 4, left: -16 }} title="SLA breaches per day">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip />
            <Bar dataKey="sla_breaches" name="SLA breaches" fill={BREACHED} isAnimationActive={false} maxBarSize={28} />
          </BarChart>
        </Chart>
      }
      numbers={
        <table className="numbers-table">
          <caption className="visually-hidden">SLA breaches per day</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" className="num">
                Breaches
              </th>
            </tr>
          </thead>
          <tbody>
            {[...daily].reverse().map((d) => (
              <tr key={d.day}>
                <th scope="row">
                  <time dateTime={d.day}>{formatDay(d.day)}</time>
                </th>
                <td className="num">{d.sla_breaches}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{total}</td>
            </tr>
          </tfoot>
        </table>
      }
    />
  );
}

function attainmentWords(label: string, a: Attainment): string {
  const pct = attainmentPercent(a);
  return pct === null ? `${label}: no deadlines met or breached yet` : `${label}: ${pct}% met (${a.met} of ${a.met + a.breached})`;
}

function AttainmentChart({ stats }: { stats: EscalationStats }) {
  const rows = [
    { target: 'First response', ...stats.first_response, pct: attainmentPercent(stats.first_response) },
    { target: 'Resolution', ...stats.resolution, pct: attainmentPercent(stats.resolution) },
  ];
  const any = rows.some((r) => r.met + r.breached > 0);
  return (
    <ChartCard
      title="SLA attainment"
      summary={
        any
          ? `Escalations of the last ${stats.days} days. ${attainmentWords('First response', stats.first_response)}; ${attainmentWords('resolution', stats.resolution)}.`
          : `No escalation of the last ${stats.days} days has met or breached a deadline yet.`
      }
      empty={
        any
          ? undefined
          : { title: 'Nothing to measure yet', body: 'Attainment counts escalations with an SLA deadline once they are answered, resolved or late.' }
      }
      chart={
        <Chart>
          <BarChart
            data={rows.map((r) => ({ ...r, label: r.pct === null ? '—' : `${r.pct}% met` }))}
            layout="vertical"
            margin={{ top: 8, right: 72, bottom: 4, left: 8 }}
            title="SLA attainment: met and breached"
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
            <YAxis type="category" dataKey="target" tick={AXIS_TICK} width={104} />
            <Tooltip />
            <Legend itemSorter={null} />
            <Bar dataKey="met" name="Met" stackId="sla" fill={MET} isAnimationActive={false} maxBarSize={40} />
            <Bar dataKey="breached" name="Breached" stackId="sla" fill={BREACHED} isAnimationActive={false} maxBarSize={40}>
              <LabelList dataKey="label" position="right" style={{ fontSize: 13, fontWeight: 600, fill: '#1d2330' }} />
            </Bar>
          </BarChart>
        </Chart>
      }
      numbers={
        <table className="numbers-table">
          <caption className="visually-hidden">SLA attainment</caption>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col" className="num">
                Met
              </th>
              <th scope="col" className="num">
                Breached
              </th>
              <th scope="col" className="num">
                Attainment
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.target}>
                <th scope="row">{r.target}</th>
                <td className="num">{r.met}</td>
                <td className="num">{r.breached}</td>
                <td className="num">{r.pct === null ? '—' : `${r.pct}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
