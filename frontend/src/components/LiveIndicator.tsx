import { useLiveStatus, type LiveStatus } from '../api/liveState';

const LABELS: Record<Exclude<LiveStatus, 'off'>, { text: string; title: string }> = {
  connecting: { text: 'Connecting…', title: 'Opening live updates; the screens refresh every few seconds meanwhile.' },
  live: { text: 'Live', title: 'Live updates: screens change as soon as anything happens.' },
  reconnecting: {
    text: 'Reconnecting…',
    title: 'Live updates are interrupted; the screens refresh every few seconds until they are back.',
  },
};

/** Whether the screens are live, so that nobody trusts a stale screen without knowing it. */
export function LiveIndicator() {
  const status = useLiveStatus();
  if (status === 'off') return null;
  const { text, title } = LABELS[status];
  return (
    <span className={`live-indicator live-${status}`} role="status" title={title}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">{text}</span>
    </span>
  );
}
