import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhooks,
} from '../../api/queries/webhooks';
import { asProblem, errorMessage, fieldErrors } from '../../api/problem';
import { ALL_EVENTS, EVENT_TYPES, type Webhook, type WebhookCreate, type WebhookUpdate } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { TextField } from '../../components/Field';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Badge } from '../../components/Badge';
import { formatDateTime, useNow, When } from '../../components/time';
import { eventTypeLabel, eventTypesSummary } from '../../components/webhook';
import { EditorForm } from '../../components/EditorForm';

/** A secret to show once: after create or "Rotate secret". */
interface ShownSecret {
  webhook: Pick<Webhook, 'id' | 'url'>;
  secret: string;
  rotated: boolean;
  /** After a rotation with a grace period: until when the replaced secret still signs deliveries. */
  previousUntil?: string | null;
}

/** How long the replaced secret keeps signing deliveries after a rotation (the API's `grace_minutes`). */
const GRACE_OPTIONS = [
  { minutes: 0, label: 'Stops at once' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '24 hours (default)' },
  { minutes: 7 * 24 * 60, label: '7 days' },
] as const;
const DEFAULT_GRACE_MINUTES = 24 * 60;

/** The previous secret's expiry while it lies ahead (the server also stops showing it after). */
function previousSecretUntil(hook: Webhook, now: number): string | null {
  const until = hook.previous_secret_expires_at;
  return until && new Date(until).getTime() > now ? until : null;
}

/** Admin → Webhooks: Standard Webhooks endpoints, their one-time secrets and their deliveries. */
export function WebhooksPage() {
  const { orgId, org } = useOrg();
  const webhooks = useWebhooks(orgId);
  const update = useUpdateWebhook(orgId);
  const remove = useDeleteWebhook(orgId);
  const rotate = useRotateWebhookSecret(orgId);
  const now = useNow();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const items = webhooks.data ?? [];

  const fail = (what: string, error: unknown) => {
    setStatus(`Could not ${what}: ${errorMessage(error)}`);
    setRowError(error);
  };
  // 409 webhook-in-use: the escalation policy still names the endpoint.
  const inUse = Boolean(asProblem(rowError)?.type?.endsWith('/webhook-in-use'));

  const label = (hook: Webhook) => hook.description || hook.url;

  return (
    <section aria-labelledby="webhooks-heading">
      <div className="section-head">
        <h2 id="webhooks-heading">Webhooks</h2>
        {editing !== 'new' ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            New webhook
          </button>
        ) : null}
      </div>
      <p className="muted">
        Each event is POSTed as <code>{'{type, timestamp, data}'}</code> and signed the Standard Webhooks way
        (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>): verify it with the
        endpoint’s secret. Failed deliveries are retried for about three days.
      </p>
      {shown ? <SecretNotice shown={shown} onDone={() => setShown(null)} /> : null}
      {editing ? (
        <WebhookForm
          key={editing === 'new' ? 'new' : editing.id}
          webhook={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setRowError(null);
            setShown({ webhook: created, secret: created.secret, rotated: false });
            setStatus(`Webhook for ${created.url} created.`);
          }}
          onSaved={(saved) => {
            setEditing(null);
            setRowError(null);
            setStatus(`Webhook for ${saved.url} saved.`);
          }}
        />
      ) : null}
      <LiveStatus message={status} />
      {rowError ? (
        <>
          <ProblemMessage error={rowError} />
          {inUse ? (
            <p className="notice">
              An endpoint that the escalation policy names as a recipient cannot be deleted. Remove it from the{' '}
              <Link to="../escalation-policy">escalation policy</Link> first (and save the policy), then delete it.
            </p>
          ) : null}
        </>
      ) : null}
      {webhooks.data ? null : <LoadState query={webhooks} label="Loading webhooks…" />}
      {webhooks.data && webhooks.error ? <ProblemMessage error={webhooks.error} /> : null}
      {webhooks.data && items.length === 0 ? (
        <EmptyState title="No webhooks yet">
          <p>Add an endpoint to send escalation events to your helpdesk or chat tools.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Webhook endpoints of {org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((hook) => (
                <tr key={hook.id}>
                  <th scope="row">
                    <span className="member-name webhook-url">{hook.url}</span>
                    {hook.description ? <span className="member-email">{hook.description}</span> : null}
                  </th>
                  <td className="small-text">{eventTypesSummary(hook.event_types)}</td>
                  <td>
                    <span className="status-cell">
                      {hook.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge tone="danger">Disabled</Badge>}
                    </span>
                    {!hook.enabled ? (
                      <span className="member-email disabled-reason">
                        {hook.disabled_reason ? `Reason: ${hook.disabled_reason}` : 'Disabled by an admin.'}
                      </span>
                    ) : null}
                    <PreviousSecret until={previousSecretUntil(hook, now)} />
                  </td>
                  <td className="hide-narrow small-text">
                    <When iso={hook.created_at} />
                  </td>
                  <td className="actions-cell">
                    <div className="row-actions">
                      <Link className="button secondary small" to={hook.id}>
                        Deliveries<span className="visually-hidden"> to {label(hook)}</span>
                      </Link>
                      <button type="button" className="button secondary small" onClick={() => setEditing(hook)}>
                        Edit<span className="visually-hidden"> {label(hook)}</span>
                      </button>
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={update.isPending && update.variables?.webhookId === hook.id}
                        onClick={() =>
                          update.mutate(
                            { webhookId: hook.id, version: hook.updated_at, body: { enabled: !hook.enabled } },
                            {
                              onSuccess: (saved) => {
                                setRowError(null);
                                setStatus(saved.enabled ? `Webhook for ${saved.url} enabled.` : `Webhook for ${saved.url} disabled.`);
                              },
                              onError: (error) => fail(hook.enabled ? 'disable it' : 'enable it', error),
                            },
                          )
                        }
                      >
                        {hook.enabled ? 'Disable' : 'Enable'}
                        <span className="visually-hidden"> {label(hook)}</span>
                      </button>
                      <RotateSecretButton
                        name={label(hook)}
                        busy={rotate.isPending && rotate.variables?.webhookId === hook.id}
                        onRotate={(graceMinutes) =>
                          rotate.mutate(
                            { webhookId: hook.id, graceMinutes },
                            {
                              onSuccess: ({ secret, previous_secret_expires_at: previousUntil }) => {
                                setRowError(null);
                                setShown({ webhook: hook, secret, rotated: true, previousUntil });
                                setStatus(
                                  previousUntil
                                    ? `New secret for ${hook.url}; the old one keeps working until ${formatDateTime(previousUntil)}.`
                                    : `New secret for ${hook.url}; the old one no longer works.`,
                                );
                              },
                              onError: (error) => fail('rotate the secret', error),
                            },
                          )
                        }
                      />
                      <ConfirmButton
                        label="Delete"
                        question={`Delete the webhook ${label(hook)} and its delivery history?`}
                        confirmLabel="Delete webhook"
                        busy={remove.isPending && remove.variables?.webhookId === hook.id}
                        onConfirm={() =>
                          remove.mutate({ webhookId: hook.id, version: hook.updated_at }, {
                            onSuccess: () => {
                              setRowError(null);
                              if (shown?.webhook.id === hook.id) setShown(null);
                              setStatus(`Webhook for ${hook.url} deleted.`);
                            },
                            onError: (error) => fail(`delete ${label(hook)}`, error),
                          })
                        }
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The signing secret, this once: a read-only field (select it or press Copy) and a clear word that
 * it will not be shown again. It is kept only in this component's state until "Done".
 */
function SecretNotice({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inputId = useId();
  const [copied, setCopied] = useState('');

  useEffect(() => {
    ref.current?.focus();
  }, [shown.secret]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied('Secret copied to the clipboard.');
    } catch {
      inputRef.current?.select();
      setCopied('Could not copy automatically: the secret is selected, press Ctrl+C (⌘C) to copy it.');
    }
  };

  return (
    <div ref={ref} tabIndex={-1} className="panel secret-notice" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>{shown.rotated ? 'New signing secret' : 'Signing secret'} for {shown.webhook.url}</h3>
      <p className="secret-warning">
        <strong>Copy it now and store it safely: you won’t see it again.</strong> If you lose it, rotate the secret.
        {shown.rotated && shown.previousUntil ? (
          <>
            {' '}
            The previous secret keeps working until{' '}
            <time dateTime={shown.previousUntil}>{formatDateTime(shown.previousUntil)}</time>: deliveries carry both
            signatures until then, so update your receiver before that.
          </>
        ) : null}
        {shown.rotated && !shown.previousUntil ? ' The previous secret has already stopped working.' : null}
      </p>
      <div className="secret-row">
        <label htmlFor={inputId} className="visually-hidden">
          Signing secret
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="secret-value"
          readOnly
          value={shown.secret}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy<span className="visually-hidden"> the secret</span>
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Done, I have stored it
        </button>
      </div>
      <LiveStatus message={copied} />
    </div>
  );
}

/** "Previous secret valid until …" under an endpoint while a rotation's grace period lasts. */
function PreviousSecret({ until }: { until: string | null }) {
  if (!until) return null;
  return (
    <span className="member-email previous-secret">
      Previous secret valid until <time dateTime={until}>{formatDateTime(until)}</time>
    </span>
  );
}

/**
 * "Rotate secret", asked in place like ConfirmButton, with the choice of how long the old secret
 * keeps working (24 hours unless changed), so receivers can switch without rejecting deliveries.
 * Focus moves to that choice and back to the button afterwards; Escape cancels.
 */
function RotateSecretButton({
  name,
  busy,
  onRotate,
}: {
  name: string;
  busy: boolean;
  onRotate: (graceMinutes: number) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [grace, setGrace] = useState<number>(DEFAULT_GRACE_MINUTES);
  const selectRef = useRef<HTMLSelectElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const selectId = useId();
  const question = `Rotate the secret of ${name}?`;

  useEffect(() => {
    if (asking) selectRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className="button secondary small"
        disabled={busy}
        onClick={() => {
          setGrace(DEFAULT_GRACE_MINUTES);
          setAsking(true);
        }}
      >
        {busy ? 'Working…' : 'Rotate secret'}
      </button>
    );
  }
  return (
    <span
      className="confirm rotate-confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <span className="confirm-question">{question}</span>
      <label htmlFor={selectId} className="small-text">
        Old secret keeps working
      </label>
      <select ref={selectRef} id={selectId} value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
        {GRACE_OPTIONS.map((option) => (
          <option key={option.minutes} value={option.minutes}>
            {option.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button small"
        onClick={() => {
          setAsking(false);
          onRotate(grace);
        }}
      >
        Rotate
      </button>
      <button type="button" className="button secondary small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

function WebhookForm({
  webhook,
  onCancel,
  onCreated,
  onSaved,
}: {
  webhook: Webhook | undefined;
  onCancel: () => void;
  onCreated: (created: Webhook & { secret: string }) => void;
  onSaved: (saved: Webhook) => void;
}) {
  const { orgId } = useOrg();
  const create = useCreateWebhook(orgId);
  const update = useUpdateWebhook(orgId);
  const mutation = webhook ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [all, setAll] = useState(webhook ? webhook.event_types.includes(ALL_EVENTS) : false);
  const [types, setTypes] = useState<string[]>(
    webhook && !webhook.event_types.includes(ALL_EVENTS) ? webhook.event_types : ['escalation.created', 'escalation.sla_breached'],
  );
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const server = fieldErrors(mutation.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];
  const eventErrors = errorsFor('event_types') ?? Object.entries(server).find(([k]) => k.startsWith('event_types.'))?.[1];

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    let validUrl = false;
    try {
      const parsed = new URL(url.trim());
      validUrl = (parsed.protocol === 'https:' || parsed.protocol === 'http:') && Boolean(parsed.hostname);
    } catch {
      validUrl = false;
    }
    if (!validUrl) errors.url = ['An http or https URL, like https://helpdesk.example.com/hooks/escalations.'];
    if (!all && types.length === 0) errors.event_types = ['Choose at least one event type, or All events.'];
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      mutation.reset();
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const event_types = all ? [ALL_EVENTS] : EVENT_TYPES.filter((t) => types.includes(t));
    if (webhook) {
      const body: WebhookUpdate = {};
      if (url.trim() !== webhook.url) body.url = url.trim();
      if ((description.trim() || null) !== webhook.description) body.description = description.trim() || null;
      if (JSON.stringify(event_types) !== JSON.stringify(webhook.event_types)) body.event_types = event_types;
      if (enabled !== webhook.enabled) body.enabled = enabled;
      update.mutate({ webhookId: webhook.id, version: webhook.updated_at, body }, { onSuccess: onSaved });
    } else {
      const body: WebhookCreate = { url: url.trim(), description: description.trim() || null, event_types, enabled };
      create.mutate(body, { onSuccess: onCreated });
    }
  };

  const toggle = (type: string, on: boolean) => setTypes((all) => (on ? [...all, type] : all.filter((t) => t !== type)));

  return (
    <EditorForm
      ref={formRef}
      headingId={headingId}
      heading={webhook ? `Edit webhook ${webhook.description || webhook.url}` : 'New webhook'}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {webhook && !webhook.enabled ? (
        <p className="notice">
          Disabled{webhook.disabled_reason ? `: ${webhook.disabled_reason}` : ' by an admin'}. Tick “Enabled” and save to
          turn it back on (the URL is checked again).
        </p>
      ) : null}
      <div className="form-grid">
        <TextField
          label="URL"
          name="url"
          type="url"
          required
          maxLength={2000}
          value={url}
          placeholder="https://helpdesk.example.com/hooks/escalations"
          onChange={(e) => setUrl(e.target.value)}
          errors={errorsFor('url')}
          hint="Addresses in private networks are refused unless the server allows them."
        />
        <TextField
          label="Description (optional)"
          name="description"
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          errors={errorsFor('description')}
        />
      </div>
      <fieldset className={eventErrors ? 'checkbox-group has-error' : 'checkbox-group'} aria-describedby={eventErrors ? `${headingId}-events-error` : undefined}>
        <legend>Event types</legend>
        <label className="all-events">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          <span>
            <strong>All events</strong> <span className="muted small-text">(including types added later)</span>
          </span>
        </label>
        <ul className="checkbox-list event-types">
          {EVENT_TYPES.map((type) => (
            <li key={type}>
              <label>
                <input
                  type="checkbox"
                  disabled={all}
                  checked={all || types.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                <span className="checkbox-text">
                  {eventTypeLabel(type)} <code className="muted small-text">{type}</code>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {eventErrors ? (
          <p className="field-error" id={`${headingId}-events-error`}>
            {eventErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <div className="field checkbox-field">
        <label>
          <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
      </div>
      {Object.keys(localErrors).length ? (
        <p className="problem" role="alert">
          Please correct the highlighted fields.
        </p>
      ) : null}
      <ProblemMessage
        error={mutation.error}
        fields={['url', 'description', 'enabled', ...Object.keys(server).filter((k) => k === 'event_types' || k.startsWith('event_types.'))]}
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : webhook ? 'Save webhook' : 'Create webhook'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </EditorForm>
  );
}
