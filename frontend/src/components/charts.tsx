import { useId, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { EmptyState } from './EmptyState';

/** Shared by the dashboard and the reports: colours, sizes and the card every chart sits in. */
export const MET = '#146c43';
export const BREACHED = '#b42318';
export const CHART_HEIGHT = 240;
export const AXIS_TICK = { fontSize: 12, fill: '#5b6474' };

/** A chart with its heading, a sentence saying what it shows, and the numbers behind it. */
export function ChartCard({
  title,
  summary,
  empty,
  controls,
  chart,
  numbers,
  numbersOpen,
}: {
  title: string;
  summary: ReactNode;
  /** Set when there is nothing to draw: the words shown instead of the chart. */
  empty?: { title: string; body: string };
  /** Choices that change what the chart draws (above it). */
  controls?: ReactNode;
  chart: ReactNode;
  numbers: ReactNode;
  /** Show the numbers table from the start. */
  numbersOpen?: boolean;
}) {
  const headingId = useId();
  const summaryId = useId();
  return (
    <section className="chart-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p id={summaryId} className="chart-summary">
        {summary}
      </p>
      {empty ? (
        <EmptyState title={empty.title}>
          <p>{empty.body}</p>
        </EmptyState>
      ) : (
        <>
          {controls}
          <figure className="chart" aria-describedby={summaryId}>
            {chart}
          </figure>
          <details className="chart-numbers" open={numbersOpen}>
            <summary>
              Show numbers<span className="visually-hidden"> for {title.toLowerCase()}</span>
            </summary>
            {/* Scrolls when long: focusable, so that a keyboard can scroll it too. */}
            <div className="numbers-scroll" tabIndex={0} role="group" aria-label={`${title}: numbers`}>
              {numbers}
            </div>
          </details>
        </>
      )}
    </section>
  );
}

/** A chart as wide as its card. */
export function Chart({ children, height = CHART_HEIGHT }: { children: ReactNode; height?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
      {children as never}
    </ResponsiveContainer>
  );
}
