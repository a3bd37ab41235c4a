import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotificationPreferences,
  useNotifications,
  useSaveNotificationPreferences,
} from '../api/queries/notifications';
import { flatten } from '../api/queries/keys';
import { errorMessage } from '../api/problem';
import type { MutableChannel, Notification } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { ProblemMessage } from '../components/ProblemMessage';
import { SegmentedControl } from '../components/SegmentedControl';
import { EmptyState } from '../components/EmptyState';
import { LiveStatus } from '../components/LiveStatus';
import { Pager } from '../components/Pager';
import { Badge } from '../components/Badge';
import { formatDateTime, formatWhen } from '../components/time';
import { bodyLines, notificationLink, ruleWords } from '../components/notification';

/**
 * My in-app notifications in this organisation, newest first (all or unread only, in the URL as
 * ?unread=yes), with "Mark read" per notification and "Mark all read"; then my channel preferences.
 * Polls every 5 s.
 */
export function NotificationsPage() {
  const { orgId } = useOrg();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'yes';
  const list = useNotifications(orgId, { unreadOnly });
  const markOne = useMarkNotificationRead(orgId);
  const markAll = useMarkAllNotificationsRead(orgId);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const items = flatten(list.data);
  const unreadCount = list.data?.pages[0]?.unread_count ?? 0;

  const setFilter = (value: 'all' | 'yes') =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === 'yes') next.set('unread', 'yes');
        else next.delete('unread');
        return next;
      },
      { replace: true },
    );

  const markRead = (notification: Notification) =>
    markOne.mutate(notification.id, {
      onSuccess: () => {
        setActionError(null);
        setStatus(`Marked “${notification.title}” read.`);
      },
      onError: (error) => {
        setActionError(error);
        setStatus(`Could not mark it read: ${errorMessage(error)}`);
      },
    });

  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle="What happened to escalations that concern you. Updates automatically.">
        <button
          type="button"
          className="button secondary"
          disabled={unreadCount === 0 || markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (result) => {
                setActionError(null);
                setStatus(result.marked ? `Marked ${result.marked} notification${result.marked === 1 ? '' : 's'} read.` : 'Nothing was unread.');
              },
              onError: (error) => {
                setActionError(error);
                setStatus(`Could not mark them read: ${errorMessage(error)}`);
              },
            })
          }
        >
          {markAll.isPending ? 'Marking…' : 'Mark all read'}
        </button>
      </PageHeader>

      <div className="notifications-layout">
        <section aria-labelledby="notifications-heading">
          <h2 id="notifications-heading" className="visually-hidden">
            Your notifications
          </h2>
          <div className="filters">
            <SegmentedControl
              legend="Show"
              name="unread"
              options={['all', 'yes'] as const}
              value={unreadOnly ? 'yes' : 'all'}
              onChange={setFilter}
              label={(value) =>
                value === 'all' ? (
                  'All'
                ) : (
                  <>
                    Unread
                    {list.data ? <span className="segment-count">({unreadCount})</span> : null}
                  </>
                )
              }
            />
            <p className="filter-counts" aria-live="polite">
              {list.data ? `${unreadCount} unread` : ''}
            </p>
          </div>
          <LiveStatus message={status} />
          {actionError ? <ProblemMessage error={actionError} /> : null}
          {list.data ? null : <LoadState query={list} label="Loading notifications…" />}
          {list.data && list.error ? <ProblemMessage error={list.error} /> : null}
          {list.data && items.length === 0 ? (
            unreadOnly ? (
              <EmptyState title="No unread notifications">
                <p>You are up to date.</p>
              </EmptyState>
            ) : (
              <EmptyState title="No notifications yet">
                <p>You will hear here of escalations that concern you: in your inboxes, categories or SLA levels.</p>
              </EmptyState>
            )
          ) : null}
          {items.length > 0 ? (
            <ul className="notification-list" aria-label={unreadOnly ? 'Unread notifications, newest first' : 'Notifications, newest first'}>
              {items.map((n) => (
                <NotificationItem
                  key={n.id}
                  notification={n}
                  orgId={orgId}
                  busy={markOne.isPending && markOne.variables === n.id}
                  onMarkRead={() => markRead(n)}
                />
              ))}
            </ul>
          ) : null}
          <Pager query={list} label="Older notifications" />
        </section>
        <NotificationPreferences />
      </div>
    </div>
  );
}

function NotificationItem({
  notification: n,
  orgId,
  busy,
  onMarkRead,
}: {
  notification: Notification;
  orgId: string;
  busy: boolean;
  onMarkRead: () => void;
}) {
  const to = notificationLink(orgId, n);
  const unread = !n.read_at;
  return (
    <li className={unread ? 'notification unread' : 'notification'} aria-label={n.title}>
      <div className="notification-head">
        <h3 className="notification-title">
          {to ? <Link to={to}>{n.title}</Link> : n.title}
        </h3>
        {unread ? <Badge tone="info">Unread</Badge> : null}
      </div>
      <p className="notification-meta">
        <time dateTime={n.created_at} title={formatDateTime(n.created_at)}>
          {formatWhen(n.created_at)}
        </time>{' '}
        · <span className="notification-rule">Why you: {ruleWords(n.rule)}</span>
      </p>
      <div className="notification-body">
        {bodyLines(n.body).map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      <div className="notification-actions">
        {to ? (
          <Link className="button secondary small" to={to}>
            Open escalation<span className="visually-hidden"> ({n.title})</span>
          </Link>
        ) : null}
        {unread ? (
          <button type="button" className="button secondary small" disabled={busy} onClick={onMarkRead}>
            {busy ? 'Marking…' : 'Mark read'}
            <span className="visually-hidden"> ({n.title})</span>
          </button>
        ) : (
          <span className="muted small-text">
            Read{' '}
            <time dateTime={n.read_at!} title={formatDateTime(n.read_at!)}>
              {formatWhen(n.read_at!)}
            </time>
          </span>
        )}
      </div>
    </li>
  );
}

const CHANNELS: { channel: MutableChannel; label: string; hint: string }[] = [
  { channel: 'in_app', label: 'Mute in-app notifications', hint: 'Nothing new appears here or on the bell.' },
  { channel: 'email', label: 'Mute email', hint: 'No notification emails to your address.' },
];

/** GET/PUT /me/notification-preferences: mute in-app and/or email for myself in this organisation. */
function NotificationPreferences() {
  const { orgId, org } = useOrg();
  const prefs = useNotificationPreferences(orgId);
  const save = useSaveNotificationPreferences(orgId);
  const [muted, setMuted] = useState<MutableChannel[] | null>(null);
  const [status, setStatus] = useState('');
  const saved = prefs.data?.muted_channels ?? [];
  const current = muted ?? saved;
  const dirty = muted !== null && [...muted].sort().join() !== [...saved].sort().join();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(current, {
      onSuccess: (result) => {
        setMuted(null); // follow the server again
        const list = result.muted_channels ?? [];
        setStatus(
          list.length === 0
            ? 'Saved: you get in-app notifications and email.'
            : `Saved: ${list.map((c) => (c === 'in_app' ? 'in-app' : 'email')).join(' and ')} muted.`,
        );
      },
    });
  };

  return (
    <section className="panel preferences-panel" aria-labelledby="preferences-heading" id="preferences">
      <h2 id="preferences-heading">My notification preferences</h2>
      <p className="muted small-text">For you in {org.name} only.</p>
      {prefs.data ? null : <LoadState query={prefs} label="Loading preferences…" />}
      {prefs.data ? (
        <form onSubmit={onSubmit} aria-labelledby="preferences-heading">
          <div className="field checkbox-field">
            {CHANNELS.map(({ channel, label, hint }) => (
              <label key={channel} className="preference-option">
                <input
                  type="checkbox"
                  name={channel}
                  checked={current.includes(channel)}
                  onChange={(e) =>
                    setMuted(e.target.checked ? [...current.filter((c) => c !== channel), channel] : current.filter((c) => c !== channel))
                  }
                />
                <span>
                  {label}
                  <span className="field-hint">{hint}</span>
                </span>
              </label>
            ))}
          </div>
          <p className="notice small-text" id="fallback-note">
            The fallback is never muted: when nobody else would hear of an escalation, the organisation’s admins and owners
            are told on every channel, whatever they muted.
          </p>
          <ProblemMessage error={save.error} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={save.isPending || !dirty} aria-describedby="fallback-note">
              {save.isPending ? 'Saving…' : 'Save preferences'}
            </button>
          </div>
          <LiveStatus message={status} />
        </form>
      ) : null}
    </section>
  );
}
