import { useId, useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BreachTarget, ReportFigures, ReportGroup, SlaReport } from '../../api/types';
import { AXIS_TICK, BREACHED, Chart, ChartCard, CHART_HEIGHT } from '../../components/charts';
import { SegmentedControl } from '../../components/SegmentedControl';
import {
  formatBucket,
  formatCountChange,
  formatMinutes,
  formatPercent,
  formatPointChange,
  seriesTotals,
  type BucketTotals,
} from './format';

/** A group's name in words (priorities and categories arrive as keys). */
export type Labeller = (group: ReportGroup) => string;

const CURRENT = '#2b59c3';
const PREVIOUS = '#9aa9c7';
const RESOLUTION = '#146c43';
const RESOLUTION_BREACHED = '#d98c00';

const TARGET_WORDS: Record<BreachTarget, string> = { first_response: 'First response', resolution: 'Resolution' };

/** The sentence under every "—": attainment is null when no target was met or breached. */
export const NOTHING_DECIDED = 'nothing decided yet: no deadline in it was met or breached';

/** An attainment for a table cell or tile: "92.3%", or "—" that says why to assistive technology. */
export function Attainment({ value }: { value: number | null }) {
  const text = formatPercent(value);
  if (text !== null) return <>{text}</>;
  return (
    <span className="no-figure" title="Nothing decided yet">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">nothing decided yet</span>
    </span>
  );
}

function attainmentOf(f: ReportFigures, target: BreachTarget): number | null {
  return target === 'first_response' ? f.first_response_attainment : f.resolution_attainment;
}

function decided(f: ReportFigures, target: BreachTarget): [met: number, all: number] {
  return target === 'first_response'
    ? [f.first_response_met, f.first_response_met + f.first_response_breached]
    : [f.resolution_met, f.resolution_met + f.resolution_breached];
}

function attainmentSentence(label: string, f: ReportFigures, target: BreachTarget): string {
  const value = formatPercent(attainmentOf(f, target));
  const [met, all] = decided(f, target);
  return value === null ? `${label}: nothing decided yet` : `${label}: ${value} met (${met} of ${all})`;
}

/** The period's headline figures, each with the previous period's and the change. */
export function ReportTiles({ report }: { report: SlaReport }) {
  const { current, previous } = report.total;
  const tiles: { label: string; value: ReactNode; note: ReactNode }[] = [
    {
      label: 'Escalations',
      value: current.escalations.toLocaleString('en-GB'),
      note: `previous period: ${previous.escalations.toLocaleString('en-GB')} (${formatCountChange(current.escalations, previous.escalations)})`,
    },
    ...(['first_response', 'resolution'] as const).map((target) => {
      const now = attainmentOf(current, target);
      const before = attainmentOf(previous, target);
      const change = formatPointChange(now, before);
      return {
        label: `${TARGET_WORDS[target]} attainment`,
        value: <Attainment value={now} />,
        note: (
          <>
            {now === null ? 'nothing decided yet; ' : ''}previous period: {formatPercent(before) ?? '— (nothing decided)'}
            {change ? ` (${change})` : ''}
          </>
        ),
      };
    }),
    {
      label: 'Median to first response',
      value: formatMinutes(current.first_response_median_minutes),
      note: `business time; previous period: ${formatMinutes(previous.first_response_median_minutes)}`,
    },
    {
      label: 'Breaches',
      value: current.breaches.toLocaleString('en-GB'),
      note: `previous period: ${previous.breaches.toLocaleString('en-GB')} (${formatCountChange(current.breaches, previous.breaches)})`,
    },
  ];
  return (
    <dl className="stat-tiles report-tiles">
      {tiles.map((tile) => (
        <div key={tile.label} className="stat-tile">
          <dt>{tile.label}</dt>
          <dd>
            <span className="stat-value">{tile.value}</span> <span className="stat-note">{tile.note}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Attainment per group, this period against the previous one, for one target at a time (both in the table). */
export function AttainmentChart({ report, labeller, groupWord }: { report: SlaReport; labeller: Labeller; groupWord: string }) {
  const [target, setTarget] = useState<BreachTarget>('first_response');
  const name = useId();
  const groups = report.groups;
  const rows = groups.map((g) => {
    const current = attainmentOf(g.current, target);
    const previous = attainmentOf(g.previous, target);
    return {
      label: labeller(g),
      current,
      previous,
      currentText: formatPercent(current) ?? '— nothing decided',
      previousText: formatPercent(previous) ?? '—',
    };
  });
  const anyDecided = groups.some((g) => decided(g.current, 'first_response')[1] + decided(g.current, 'resolution')[1] > 0);
  const anyPrevious = groups.some((g) => decided(g.previous, 'first_response')[1] + decided(g.previous, 'resolution')[1] > 0);
  const height = Math.max(CHART_HEIGHT, rows.length * 56 + 70);
  return (
    <ChartCard
      title={`SLA attainment by ${groupWord}`}
      summary={
        groups.length
          ? `${attainmentSentence('First response', report.total.current, 'first_response')}; ${attainmentSentence(
              'resolution',
              report.total.current,
              'resolution',
            )}. The previous period: ${attainmentSentence('first response', report.total.previous, 'first_response')}; ${attainmentSentence(
              'resolution',
              report.total.previous,
              'resolution',
            )}.`
          : 'No escalations in this period or the one before.'
      }
      empty={
        groups.length === 0
          ? { title: 'No escalations', body: 'Nothing was escalated in this period or the one before, with these filters.' }
          : !anyDecided && !anyPrevious
            ? { title: 'Nothing to measure yet', body: 'Attainment counts deadlines once they are met or breached; none has been yet.' }
            : undefined
      }
      controls={
        <SegmentedControl
          className="chart-control"
          legend="Target shown"
          name={name}
          options={['first_response', 'resolution'] as BreachTarget[]}
          value={target}
          label={(t) => TARGET_WORDS[t]}
          onChange={setTarget}
        />
      }
      chart={
        <Chart height={height}>
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 96, bottom: 4, left: 8 }} title={`${TARGET_WORDS[target]} attainment by ${groupWord}`}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={AXIS_TICK} />
            <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={112} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? formatPercent(value) : '—')} />
            <Legend itemSorter={null} />
            <Bar dataKey="current" name="This period" fill={CURRENT} isAnimationActive={false} maxBarSize={20}>
              <LabelList dataKey="currentText" position="right" style={{ fontSize: 12, fontWeight: 600, fill: '#1d2330' }} />
            </Bar>
            <Bar dataKey="previous" name="Previous period" fill={PREVIOUS} isAnimationActive={false} maxBarSize={20}>
              <LabelList dataKey="previousText" position="right" style={{ fontSize: 12, fill: '#5b6474' }} />
            </Bar>
          </BarChart>
        </Chart>
      }
      numbers={
        <>
          <table className="numbers-table" tabIndex={0}>
            <caption className="visually-hidden">SLA attainment by {groupWord}, this period and the previous one</caption>
            <thead>
              <tr>
                <th scope="col">{groupWord.charAt(0).toUpperCase() + groupWord.slice(1)}</th>
                <th scope="col" className="num">
                  First response
                </th>
                <th scope="col" className="num">
                  Previous
                </th>
                <th scope="col" className="num">
                  Resolution
                </th>
                <th scope="col" className="num">
                  Previous
                </th>
              </tr>
            </thead>
            <tbody>
              {[...groups, report.total].map((g) => (
                <tr key={g === report.total ? '__total' : g.key} className={g === report.total ? 'total-row' : undefined}>
                  <th scope="row">{g === report.total ? 'All' : labeller(g)}</th>
                  <td className="num">
                    <Attainment value={g.current.first_response_attainment} /> <Decided f={g.current} target="first_response" />
                  </td>
                  <td className="num">
                    <Attainment value={g.previous.first_response_attainment} />
                  </td>
                  <td className="num">
                    <Attainment value={g.current.resolution_attainment} /> <Decided f={g.current} target="resolution" />
                  </td>
                  <td className="num">
                    <Attainment value={g.previous.resolution_attainment} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-note">— {NOTHING_DECIDED}.</p>
        </>
      }
    />
  );
}

function Decided({ f, target }: { f: ReportFigures; target: BreachTarget }) {
  const [met, all] = decided(f, target);
  return all ? <span className="muted">({met} of {all})</span> : null;
}

/** The period bucket by bucket: attainment of each target, with the previous period's as a dashed line. */
export function TrendChart({ report }: { report: SlaReport }) {
  const series = seriesTotals(report);
  const rows = series.map((b) => ({ ...b, label: formatBucket(b.start, report.bucket) }));
  const previousFirst = report.total.previous.first_response_attainment;
  const previousResolution = report.total.previous.resolution_attainment;
  const anyDecided = series.some((b) => b.firstResponseAttainment !== null || b.resolutionAttainment !== null);
  const bucketWord = report.bucket;
  return (
    <ChartCard
      title="Attainment trend"
      summary={
        anyDecided
          ? `This period ${bucketWord} by ${bucketWord} (by the ${bucketWord} each escalation came in); the dashed lines are the previous period's attainment: first response ${formatPercent(previousFirst) ?? '— (nothing decided)'}, resolution ${formatPercent(previousResolution) ?? '— (nothing decided)'}.`
          : `No deadline of this period was met or breached yet, in any ${bucketWord}.`
      }
      empty={anyDecided ? undefined : { title: 'Nothing to measure yet', body: 'The trend shows once deadlines are met or breached.' }}
      chart={
        <Chart>
          <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: -8 }} title="Attainment per bucket, this period">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={16} />
            <YAxis domain={[0, 100]} unit="%" tick={AXIS_TICK} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? formatPercent(value) : '—')} />
            <Legend itemSorter={null} />
            <Line
              type="linear"
              dataKey="firstResponseAttainment"
              name="First response"
              stroke={CURRENT}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="resolutionAttainment"
              name="Resolution"
              stroke={RESOLUTION}
              strokeWidth={2}
              strokeDasharray="2 3"
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
            {previousFirst !== null ? <ReferenceLine y={previousFirst} stroke={CURRENT} strokeDasharray="8 4" strokeOpacity={0.6} /> : null}
            {previousResolution !== null ? (
              <ReferenceLine y={previousResolution} stroke={RESOLUTION} strokeDasharray="8 4" strokeOpacity={0.6} />
            ) : null}
          </LineChart>
        </Chart>
      }
      numbers={
        <>
          <BucketTable report={report} series={series} caption="Attainment per bucket, this period">
            {{
              head: (
                <>
                  <th scope="col" className="num">
                    Escalations
                  </th>
                  <th scope="col" className="num">
                    First response
                  </th>
                  <th scope="col" className="num">
                    Resolution
                  </th>
                </>
              ),
              cells: (b) => (
                <>
                  <td className="num">{b.escalations}</td>
                  <td className="num">
                    <Attainment value={b.firstResponseAttainment} />
                  </td>
                  <td className="num">
                    <Attainment value={b.resolutionAttainment} />
                  </td>
                </>
              ),
              foot: (
                <>
                  <td className="num">{report.total.current.escalations}</td>
                  <td className="num">
                    <Attainment value={report.total.current.first_response_attainment} />
                  </td>
                  <td className="num">
                    <Attainment value={report.total.current.resolution_attainment} />
                  </td>
                </>
              ),
              previous: (
                <>
                  <td className="num">{report.total.previous.escalations}</td>
                  <td className="num">
                    <Attainment value={previousFirst} />
                  </td>
                  <td className="num">
                    <Attainment value={previousResolution} />
                  </td>
                </>
              ),
            }}
          </BucketTable>
          <p className="table-note">— {NOTHING_DECIDED}.</p>
        </>
      }
    />
  );
}

/** Breaches per bucket, first response and resolution stacked. */
export function BreachHistogram({ report }: { report: SlaReport }) {
  const series = seriesTotals(report);
  const rows = series.map((b) => ({ ...b, label: formatBucket(b.start, report.bucket) }));
  const total = report.total.current.breaches;
  const worst = series.reduce<BucketTotals | null>((top, b) => (b.breaches > (top?.breaches ?? 0) ? b : top), null);
  const change = formatCountChange(total, report.total.previous.breaches);
  return (
    <ChartCard
      title={`Breaches per ${report.bucket}`}
      summary={
        total
          ? `${total} ${total === 1 ? 'breach' : 'breaches'} (previous period: ${report.total.previous.breaches}, ${change})${
              worst ? `; most in ${formatBucket(worst.start, report.bucket, true)} (${worst.breaches})` : ''
            }. Counted by the ${report.bucket} the escalation came in.`
          : `No breaches in this period (previous period: ${report.total.previous.breaches}).`
      }
      empty={total ? undefined : { title: 'No breaches', body: 'Every first-response and resolution deadline of this period was met or is still running.' }}
      chart={
        <Chart>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: -16 }} title={`Breaches per ${report.bucket}`}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip />
            <Legend itemSorter={null} />
            <Bar dataKey="firstResponseBreached" name="First response" stackId="breaches" fill={BREACHED} isAnimationActive={false} maxBarSize={28} />
            <Bar dataKey="resolutionBreached" name="Resolution" stackId="breaches" fill={RESOLUTION_BREACHED} isAnimationActive={false} maxBarSize={28} />
          </BarChart>
        </Chart>
      }
      numbers={
        <BucketTable report={report} series={series} caption={`Breaches per ${report.bucket}`}>
          {{
            head: (
              <>
                <th scope="col" className="num">
                  First response
                </th>
                <th scope="col" className="num">
                  Resolution
                </th>
                <th scope="col" className="num">
                  Total
                </th>
              </>
            ),
            cells: (b) => (
              <>
                <td className="num">{b.firstResponseBreached}</td>
                <td className="num">{b.resolutionBreached}</td>
                <td className="num">{b.breaches}</td>
              </>
            ),
            foot: (
              <>
                <td className="num">{report.total.current.first_response_breached}</td>
                <td className="num">{report.total.current.resolution_breached}</td>
                <td className="num">{total}</td>
              </>
            ),
            previous: (
              <>
                <td className="num">{report.total.previous.first_response_breached}</td>
                <td className="num">{report.total.previous.resolution_breached}</td>
                <td className="num">{report.total.previous.breaches}</td>
              </>
            ),
          }}
        </BucketTable>
      }
    />
  );
}

function BucketTable({
  report,
  series,
  caption,
  children,
}: {
  report: SlaReport;
  series: BucketTotals[];
  caption: string;
  children: { head: ReactNode; cells: (b: BucketTotals) => ReactNode; foot: ReactNode; previous: ReactNode };
}) {
  const bucketTitle = report.bucket.charAt(0).toUpperCase() + report.bucket.slice(1);
  return (
    <table className="numbers-table" tabIndex={0}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{bucketTitle}</th>
          {children.head}
        </tr>
      </thead>
      <tbody>
        {series.map((b) => (
          <tr key={b.start}>
            <th scope="row">
              <time dateTime={b.start}>{formatBucket(b.start, report.bucket, true)}</time>
            </th>
            {children.cells(b)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">This period</th>
          {children.foot}
        </tr>
        <tr>
          <th scope="row">Previous period</th>
          {children.previous}
        </tr>
      </tfoot>
    </table>
  );
}

interface Column {
  title: string;
  value: (f: ReportFigures) => ReactNode;
}

const GROUP_COLUMNS: Column[] = [
  { title: 'Escalations', value: (f) => f.escalations },
  { title: 'First response attainment', value: (f) => <Attainment value={f.first_response_attainment} /> },
  { title: 'Resolution attainment', value: (f) => <Attainment value={f.resolution_attainment} /> },
  { title: 'Median to first response', value: (f) => formatMinutes(f.first_response_median_minutes) },
  { title: 'p90 to first response', value: (f) => formatMinutes(f.first_response_p90_minutes) },
  { title: 'Median to resolution', value: (f) => formatMinutes(f.resolution_median_minutes) },
  { title: 'p90 to resolution', value: (f) => formatMinutes(f.resolution_p90_minutes) },
  { title: 'Breaches', value: (f) => f.breaches },
  { title: 'Level raises', value: (f) => f.level_raises },
  { title: 'De-escalations', value: (f) => f.de_escalations },
  { title: 'Moves', value: (f) => f.moves },
];

/** Every figure of every group, this period with the previous period's under it. */
export function GroupTable({ report, labeller, groupTitle }: { report: SlaReport; labeller: Labeller; groupTitle: string }) {
  const headingId = useId();
  if (report.groups.length === 0) return null;
  const rows: [string, ReportGroup][] = [...report.groups.map((g) => [labeller(g), g] as [string, ReportGroup]), ['All', report.total]];
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Figures by {groupTitle.toLowerCase()}</h2>
      <p className="small-text muted">
        Times are business minutes on each escalation's calendar. Under each figure, in grey, the previous period's.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={`Figures by ${groupTitle.toLowerCase()} (scrolls sideways)`}>
        <table className="list-table figures-table">
          <caption className="visually-hidden">Figures by {groupTitle.toLowerCase()}, this period and the previous one</caption>
          <thead>
            <tr>
              <th scope="col">{groupTitle}</th>
              {GROUP_COLUMNS.map((c) => (
                <th key={c.title} scope="col" className="num">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, g]) => (
              <tr key={g === report.total ? '__total' : g.key} className={g === report.total ? 'total-row' : undefined}>
                <th scope="row">{label}</th>
                {GROUP_COLUMNS.map((c) => (
                  <td key={c.title} className="num">
                    <span className="figure-current">{c.value(g.current)}</span>
                    <span className="figure-previous">
                      <span className="visually-hidden">previous period: </span>
                      {c.value(g.previous)}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="table-note">— {NOTHING_DECIDED} (attainment), or no escalation to time (medians).</p>
    </section>
  );
}
