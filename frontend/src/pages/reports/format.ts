/** Words and dates of the Reports screen: periods in the organisation's days, business minutes, percentages. */
import type { ReportBucketSize, ReportFigures, ReportGroup, SlaReport } from '../../api/types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD. */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today in a time zone (the organisation's: where its days begin), as YYYY-MM-DD. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface QuickPeriod {
  id: string;
  label: string;
  range: (today: string) => { from: string; to: string };
}

/** The periods a manager asks for most: the last n days (today included), this month and last month. */
export const QUICK_PERIODS: QuickPeriod[] = [
  ...[7, 30, 90].map((n) => ({
    id: `last-${n}`,
    label: `Last ${n} days`,
    range: (today: string) => ({ from: addDays(today, -(n - 1)), to: today }),
  })),
  { id: 'this-month', label: 'This month', range: (today) => ({ from: `${today.slice(0, 8)}01`, to: today }) },
  {
    id: 'last-month',
    label: 'Last month',
    range: (today) => {
      const firstOfThis = `${today.slice(0, 8)}01`;
      const lastOfPrevious = addDays(firstOfThis, -1);
      return { from: `${lastOfPrevious.slice(0, 8)}01`, to: lastOfPrevious };
    },
  },
];

/** A bucket size that draws well for the period when none is chosen. */
export function defaultBucket(from: string, to: string): ReportBucketSize {
  const days = periodDays(from, to);
  if (days <= 31) return 'day';
  if (days <= 190) return 'week';
  return 'month';
}

const fullDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-11-03" → "3 Nov 2026" (a day is a day: no time zone shift). */
export function formatDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : fullDate.format(date);
}

/** "3 Nov 2026 – 30 Nov 2026". */
export function formatPeriod(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`;
}

/** A bucket's start in words: "3 Nov", "week of 2 Nov", "Nov 2026". */
export function formatBucket(start: string, bucket: ReportBucketSize, long = false): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return start;
  if (bucket === 'month') return monthYear.format(date);
  if (bucket === 'week') return long ? `Week of ${fullDate.format(date)}` : `w/c ${shortDate.format(date)}`;
  return long ? fullDate.format(date) : shortDate.format(date);
}

/** Business minutes in hours and minutes: 45 → "45 min", 125 → "2 h 5 min", null → "—". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return '—';
  const total = Math.round(Math.max(0, minutes));
  if (total < 60) return `${total} min`;
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return rest ? `${hours.toLocaleString('en-GB')} h ${rest} min` : `${hours.toLocaleString('en-GB')} h`;
}

/** 92.31 → "92.3%"; null stays null (nothing decided: never 0%). */
export function formatPercent(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return `${(Math.round(value * 10) / 10).toLocaleString('en-GB')}%`;
}

/** The change between two percentages in points: "+7 pts", "−2.5 pts", "no change"; null when either is missing. */
export function formatPointChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const diff = Math.round((current - previous) * 10) / 10;
  if (diff === 0) return 'no change';
  return `${diff > 0 ? '+' : '−'}${Math.abs(diff).toLocaleString('en-GB')} pts`;
}

/** The change between two counts: "+20", "−3", "no change". */
export function formatCountChange(current: number, previous: number): string {
  const diff = current - previous;
  if (diff === 0) return 'no change';
  return `${diff > 0 ? '+' : '−'}${Math.abs(diff).toLocaleString('en-GB')}`;
}

function percent(met: number, breached: number): number | null {
  return met + breached ? Math.round((10_000 * met) / (met + breached)) / 100 : null;
}

export interface BucketTotals {
  start: string;
  escalations: number;
  firstResponseMet: number;
  firstResponseBreached: number;
  firstResponseAttainment: number | null;
  resolutionMet: number;
  resolutionBreached: number;
  resolutionAttainment: number | null;
  breaches: number;
}

function totalsOf(start: string, f: ReportFigures): BucketTotals {
  return {
    start,
    escalations: f.escalations,
    firstResponseMet: f.first_response_met,
    firstResponseBreached: f.first_response_breached,
    firstResponseAttainment: f.first_response_attainment,
    resolutionMet: f.resolution_met,
    resolutionBreached: f.resolution_breached,
    resolutionAttainment: f.resolution_attainment,
    breaches: f.breaches,
  };
}

/**
 * The whole period bucket by bucket: the total's series when the API sends one, else the groups'
 * series added up (groups split the escalations, so counts add; attainment is recomputed from them).
 */
export function seriesTotals(report: SlaReport): BucketTotals[] {
  if (report.total.series.length) return report.total.series.map((b) => totalsOf(b.start, b.figures));
  const byStart = new Map<string, BucketTotals>();
  for (const group of report.groups as ReportGroup[]) {
    for (const b of group.series) {
      const row = byStart.get(b.start) ?? totalsOf(b.start, EMPTY_FIGURES);
      row.escalations += b.figures.escalations;
      row.firstResponseMet += b.figures.first_response_met;
      row.firstResponseBreached += b.figures.first_response_breached;
      row.resolutionMet += b.figures.resolution_met;
      row.resolutionBreached += b.figures.resolution_breached;
      row.breaches += b.figures.breaches;
      byStart.set(b.start, row);
    }
  }
  return [...byStart.values()]
    .map((row) => ({
      ...row,
      firstResponseAttainment: percent(row.firstResponseMet, row.firstResponseBreached),
      resolutionAttainment: percent(row.resolutionMet, row.resolutionBreached),
    }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

export const EMPTY_FIGURES: ReportFigures = {
  escalations: 0,
  first_response_met: 0,
  first_response_breached: 0,
  first_response_attainment: null,
  resolution_met: 0,
  resolution_breached: 0,
  resolution_attainment: null,
  first_response_median_minutes: null,
  first_response_p90_minutes: null,
  resolution_median_minutes: null,
  resolution_p90_minutes: null,
  breaches: 0,
  level_raises: 0,
  de_escalations: 0,
  moves: 0,
};
