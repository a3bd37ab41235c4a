import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotificationBell } from '../api/queries/notifications';
import { errorMessage } from '../api/problem';
import type { Notification } from '../api/types';
import { notificationLink, ruleShort, unreadLabel } from './notification';
import { LiveStatus } from './LiveStatus';
import { formatDateTime, formatWhen } from './time';

/**
 * The bell in the top bar: the unread count (polled every 5 s) on a button that opens a panel with
 * the newest notifications, "Mark all read" and a link to all of them. Escape or a click elsewhere
 * closes the panel; focus returns to the bell. A new unread notification is announced politely.
 */
export function NotificationBell({ orgId }: { orgId: string }) {
  const feed = useNotificationBell(orgId);
  const markAll = useMarkAllNotificationsRead(orgId);
  const markOne = useMarkNotificationRead(orgId);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const headingId = useId();
  const unread = feed.data?.unread_count ?? 0;
  const lastUnread = useRef<number | null>(null);

  // Announce a rising count (not the first load, not a fall after marking read).
  useEffect(() => {
    if (!feed.data) return;
    const previous = lastUnread.current;
    lastUnread.current = feed.data.unread_count;
    if (previous !== null && feed.data.unread_count > previous) {
      const newest = feed.data.items.find((n) => !n.read_at);
      const more = feed.data.unread_count - previous;
      setStatus(`${more} new notification${more === 1 ? '' : 's'}${newest ? `: ${newest.title}` : ''}`);
    }
  }, [feed.data]);

  // A click outside the bell and its panel closes it; so does Escape, wherever focus is.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const openItem = (notification: Notification) => {
    if (!notification.read_at) markOne.mutate(notification.id);
    setOpen(false);
  };

  const label = `Notifications, ${unreadLabel(unread)}`;
  const items = feed.data?.items ?? [];

  return (
    <div className="bell" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className={unread ? 'bell-button has-unread' : 'bell-button'}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={feed.error ? `Notifications could not be loaded: ${errorMessage(feed.error)}` : label}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        {unread ? (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <LiveStatus message={status} className="visually-hidden" />
      {open ? (
        <section id={panelId} className="bell-panel" aria-labelledby={headingId}>
          <header className="bell-panel-head">
            <h2 id={headingId}>Notifications</h2>
            <span className="muted small-text">{unreadLabel(unread)}</span>
            <button
              type="button"
              className="button secondary small"
              disabled={unread === 0 || markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, {
                  onSuccess: (result) => {
                    setStatus(result.marked ? `Marked ${result.marked} notification${result.marked === 1 ? '' : 's'} read.` : 'Nothing was unread.');
                    // The button is disabled now: keep focus somewhere useful.
                    buttonRef.current?.focus();
                  },
                  onError: (error) => setStatus(`Could not mark them read: ${errorMessage(error)}`),
                })
              }
            >
              {markAll.isPending ? 'Marking…' : 'Mark all read'}
            </button>
          </header>
          {feed.error && !feed.data ? (
            <p className="bell-empty">Notifications could not be loaded: {errorMessage(feed.error)}</p>
          ) : !feed.data ? (
            <p className="bell-empty">Loading…</p>
          ) : items.length === 0 ? (
            <p className="bell-empty">No notifications yet. You will hear here of escalations that concern you.</p>
          ) : (
            <ul className="bell-list" aria-label="Newest notifications">
              {items.map((n) => {
                const to = notificationLink(orgId, n);
                return (
                  <li key={n.id} className={n.read_at ? 'bell-item' : 'bell-item unread'}>
                    {n.read_at ? null : <span className="visually-hidden">Unread: </span>}
                    {to ? (
                      <Link to={to} className="bell-item-title" onClick={() => openItem(n)}>
                        {n.title}
                      </Link>
                    ) : (
                      <span className="bell-item-title">{n.title}</span>
                    )}
                    <span className="bell-item-meta">
                      <time dateTime={n.created_at} title={formatDateTime(n.created_at)}>
                        {formatWhen(n.created_at)}
                      </time>{' '}
                      · {ruleShort(n.rule)}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <footer className="bell-panel-foot">
            <Link to={`/orgs/${orgId}/notifications`} onClick={() => setOpen(false)}>
              All notifications and preferences
            </Link>
          </footer>
        </section>
      ) : null}
    </div>
  );
}

function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-1.7 1.7a1 1 0 0 0 .7 1.7h16a1 1 0 0 0 .7-1.7L19 16Z"
      />
    </svg>
  );
}
