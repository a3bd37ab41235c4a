import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs` so "waiting 5 min" keeps counting. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "just now", "4 min", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** Time only for today, date and time otherwise. */
export function formatWhen(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  return new Date(now).toDateString() === date.toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

/** How long something has been waiting, with the exact time on hover and for assistive tech. */
export function Waiting({ since, now }: { since: string | null | undefined; now: number }) {
  if (!since) return <span className="muted">—</span>;
  const ms = now - new Date(since).getTime();
  const text = formatDuration(ms);
  return (
    <time dateTime={since} title={formatDateTime(since)} className={ms > 60 * 60_000 ? 'waiting long' : 'waiting'}>
      {text === 'just now' ? text : `${text}`}
    </time>
  );
}

/** "4:05" (minutes:seconds) or "1:04:05" (hours:minutes:seconds). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Words for assistive tech: "4 minutes 5 seconds". */
function clockWords(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}

/**
 * A live countdown to `until`, ticking every second; "expired" at zero. A timer role (not a live
 * region), so screen readers read it when asked rather than every second.
 */
export function Countdown({ until, prefix = 'expires in' }: { until: string; prefix?: string }) {
  const now = useNow(1000);
  const ms = new Date(until).getTime() - now;
  if (ms <= 0) {
    return (
      <span className="countdown expired" role="timer" title={formatDateTime(until)}>
        expired
      </span>
    );
  }
  return (
    <span
      className={ms < 60_000 ? 'countdown ending' : 'countdown'}
      role="timer"
      title={`Until ${formatDateTime(until)}`}
      aria-label={`${prefix} ${clockWords(ms)}`}
    >
      {prefix} <time dateTime={until}>{formatClock(ms)}</time>
    </span>
  );
}

/** Date and time, or a dash. */
export function When({ iso, now = Date.now() }: { iso: string | null | undefined; now?: number }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatWhen(iso, now)}
    </time>
  );
}
