import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCreateInbox, useDeleteInbox, useInboxes, useUpdateInbox } from '../../api/queries/inboxes';
import { useMemberDirectory } from '../../api/queries/admin';
import { useSlaPolicies } from '../../api/queries/sla';
import { errorMessage, fieldErrors } from '../../api/problem';
import {
  ASSIGNMENT_MODES,
  PRIORITIES,
  type AssignmentMode,
  type Inbox,
  type InboxCreate,
  type Member,
  type Priority,
} from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { ROLE_LABELS } from '../../org/roles';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PRIORITY_LABELS } from '../../components/escalation';
import { EditorForm } from '../../components/EditorForm';

type Editing = { mode: 'new' } | { mode: 'edit'; inbox: Inbox } | null;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The question asked before deleting: how many conversations go back to their campaigns. */
export function deleteQuestion(inbox: Inbox): string {
  const n = inbox.counts?.total;
  if (n === undefined) return `Delete “${inbox.name}”? Its open escalations will be de-escalated back to their campaigns.`;
  if (n === 0) return `Delete “${inbox.name}”? No conversation is escalated there, so none will be de-escalated.`;
  return `Delete “${inbox.name}”? ${plural(n, 'conversation')} will be de-escalated back to ${n === 1 ? 'its campaign' : 'their campaigns'}.`;
}

/** Admin → Inboxes: the escalation inboxes with live counts; create, edit and delete. */
export function InboxesPage() {
  const { orgId, org } = useOrg();
  const inboxes = useInboxes(orgId);
  const members = useMemberDirectory(orgId);
  const policies = useSlaPolicies(orgId, { live: false });
  const remove = useDeleteInbox(orgId);
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const items = inboxes.data ?? [];
  const policyName = new Map((policies.data ?? []).map((p) => [p.id, p.name]));
  const defaultPolicy = policies.data?.find((p) => p.is_default);

  const memberName = (id: string) => {
    const member = members.data?.get(id);
    return member ? member.display_name || member.email : 'a former member';
  };

  return (
    <section aria-labelledby="inboxes-heading">
      <div className="section-head">
        <h2 id="inboxes-heading">Escalation inboxes</h2>
        {editing?.mode !== 'new' ? (
          <button type="button" className="button" onClick={() => setEditing({ mode: 'new' })}>
            New inbox
          </button>
        ) : null}
      </div>
      <p className="muted">
        Agents escalate conversations into an inbox; its owners claim them in batches. Deleting an inbox de-escalates
        what is in it back to the campaigns.
      </p>
      {editing ? (
        <InboxForm
          key={editing.mode === 'edit' ? editing.inbox.id : 'new'}
          inbox={editing.mode === 'edit' ? editing.inbox : undefined}
          members={members.data}
          onCancel={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setRowError(null);
            setStatus(created ? `Inbox “${saved.name}” created.` : `Inbox “${saved.name}” saved.`);
          }}
        />
      ) : null}
      <LiveStatus message={status} />
      {rowError ? <ProblemMessage error={rowError} /> : null}
      {inboxes.data ? null : <LoadState query={inboxes} label="Loading inboxes…" />}
      {inboxes.data && inboxes.error ? <ProblemMessage error={inboxes.error} /> : null}
      {inboxes.data && items.length === 0 ? (
        <EmptyState title="No escalation inboxes yet">
          <p>Create the first one: agents need an inbox to escalate to.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Escalation inboxes of {org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Inbox</th>
                <th scope="col">Owners</th>
                <th scope="col" className="hide-narrow">
                  Claims
                </th>
                <th scope="col" className="hide-narrow">
                  Defaults
                </th>
                <th scope="col">Escalations</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((inbox) => (
                <tr key={inbox.id}>
                  <th scope="row">
                    <span className="member-name">{inbox.name}</span>
                    {inbox.description ? <span className="member-email">{inbox.description}</span> : null}
                  </th>
                  <td data-label="Owners">{inbox.owner_ids.map(memberName).join(', ') || <span className="muted">None</span>}</td>
                  <td className="hide-narrow">
                    {MODE_LABELS[inbox.assignment_mode]}
                    {inbox.capacity ? `, up to ${inbox.capacity} open per owner` : ''}
                    <br />
                    <span className="muted">
                      {inbox.batch_size} at a time, held {inbox.assignment_duration_minutes} min
                      {inbox.reply_within_minutes ? `, back unless answered within ${inbox.reply_within_minutes} business min` : ''}
                    </span>
                    {inbox.unstaffed_since ? (
                      <>
                        <br />
                        <span className="badge badge-warn">Nobody on shift</span>
                      </>
                    ) : null}
                  </td>
                  <td className="hide-narrow">
                    {PRIORITY_LABELS[inbox.default_priority ?? 'normal']} priority
                    {inbox.restricted ? ' · restricted' : ''}
                    <br />
                    <span className="muted">
                      {inbox.sla_policy_id
                        ? (policyName.get(inbox.sla_policy_id) ?? 'SLA policy')
                        : defaultPolicy
                          ? `Default SLA (${defaultPolicy.name})`
                          : 'No SLA policy'}
                    </span>
                  </td>
                  <td>
                    {inbox.counts ? (
                      <span className="counts-cell">
                        <span>
                          <strong>{inbox.counts.total}</strong> total
                        </span>
                        <span>{inbox.counts.needs_response} need a response</span>
                        <span>
                          {inbox.counts.unclaimed} unclaimed · {inbox.counts.claimed} claimed
                        </span>
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="actions-cell">
                    <div className="row-actions">
                      <Link to={`../../conversations?inbox=${inbox.id}`} className="button secondary small">
                        Threads{' '}<span className="visually-hidden">in {inbox.name}</span>
                      </Link>
                      <button type="button" className="button secondary small" onClick={() => setEditing({ mode: 'edit', inbox })}>
                        Edit{' '}<span className="visually-hidden">{inbox.name}</span>
                      </button>
                      <ConfirmButton
                        label="Delete"
                        question={deleteQuestion(inbox)}
                        confirmLabel="Delete inbox"
                        busy={remove.isPending && remove.variables?.inboxId === inbox.id}
                        onConfirm={() =>
                          remove.mutate({ inboxId: inbox.id, version: inbox.updated_at }, {
                            onSuccess: (count) => {
                              setRowError(null);
                              if (editing?.mode === 'edit' && editing.inbox.id === inbox.id) setEditing(null);
                              setStatus(
                                `Inbox “${inbox.name}” deleted.${
                                  count === null
                                    ? ''
                                    : ` ${plural(count, 'conversation')} went back to ${count === 1 ? 'its campaign' : 'their campaigns'}.`
                                }`,
                              );
                            },
                            onError: (error) => {
                              setStatus(`Could not delete “${inbox.name}”: ${errorMessage(error)}`);
                              setRowError(error);
                            },
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

/** How an inbox hands out its escalations, in words. */
export const MODE_LABELS: Record<AssignmentMode, string> = {
  pull: 'Owners claim',
  auto: 'Assigned automatically',
  'auto+pull': 'Assigned automatically, owners may claim too',
};

interface FormState {
  name: string;
  description: string;
  owner_ids: string[];
  batch_size: string;
  assignment_duration_minutes: string;
  reply_within_minutes: string;
  default_priority: Priority | '';
  sla_policy_id: string;
  assignment_mode: AssignmentMode;
  capacity: string;
  restricted: boolean;
}

function initialState(inbox: Inbox | undefined): FormState {
  return {
    name: inbox?.name ?? '',
    description: inbox?.description ?? '',
    owner_ids: inbox?.owner_ids ?? [],
    batch_size: String(inbox?.batch_size ?? 10),
    assignment_duration_minutes: String(inbox?.assignment_duration_minutes ?? 60),
    reply_within_minutes: inbox?.reply_within_minutes ? String(inbox.reply_within_minutes) : '',
    default_priority: inbox?.default_priority ?? '',
    sla_policy_id: inbox?.sla_policy_id ?? '',
    assignment_mode: inbox?.assignment_mode ?? 'pull',
    capacity: inbox?.capacity ? String(inbox.capacity) : '',
    restricted: inbox?.restricted ?? false,
  };
}

function wholeNumberIn(value: string, min: number, max: number): boolean {
  return /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;
}

function InboxForm({
  inbox,
  members,
  onCancel,
  onSaved,
}: {
  inbox: Inbox | undefined;
  members: Map<string, Member> | undefined;
  onCancel: () => void;
  onSaved: (inbox: Inbox, created: boolean) => void;
}) {
  const { orgId } = useOrg();
  const create = useCreateInbox(orgId);
  const update = useUpdateInbox(orgId);
  const policies = useSlaPolicies(orgId, { live: false });
  const mutation = inbox ? update : create;
  const [form, setForm] = useState<FormState>(() => initialState(inbox));
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const server = fieldErrors(mutation.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];
  const headingId = inbox ? `edit-inbox-${inbox.id}` : 'new-inbox-heading';

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((old) => ({ ...old, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!form.name.trim()) errors.name = ['Give the inbox a name.'];
    if (form.owner_ids.length === 0) errors.owner_ids = ['Choose at least one owner.'];
    if (!wholeNumberIn(form.batch_size, 1, 100)) errors.batch_size = ['A whole number from 1 to 100.'];
    if (!wholeNumberIn(form.assignment_duration_minutes, 1, 1440)) {
      errors.assignment_duration_minutes = ['A whole number of minutes from 1 to 1440 (24 hours).'];
    }
    if (form.reply_within_minutes.trim()) {
      if (!wholeNumberIn(form.reply_within_minutes, 1, 1439)) {
        errors.reply_within_minutes = ['A whole number of minutes from 1 to 1439, or empty for off.'];
      } else if (Number(form.reply_within_minutes) >= Number(form.assignment_duration_minutes)) {
        errors.reply_within_minutes = ['Shorter than the claim, or the claim would always run out first.'];
      }
    }
    if (form.capacity.trim() && !wholeNumberIn(form.capacity, 1, 1000)) {
      errors.capacity = ['A whole number from 1 to 1000, or empty for no limit.'];
    } else if (form.assignment_mode !== 'pull' && !form.capacity.trim()) {
      errors.capacity = ['Automatic assignment needs a capacity: how many open claims one owner may hold.'];
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      mutation.reset();
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .has-error input')?.focus(),
      );
      return;
    }
    const body: InboxCreate = {
      name: form.name.trim(),
      description: form.description.trim() || null,
      owner_ids: form.owner_ids,
      batch_size: Number(form.batch_size),
      assignment_duration_minutes: Number(form.assignment_duration_minutes),
      reply_within_minutes: form.reply_within_minutes.trim() ? Number(form.reply_within_minutes) : null,
      default_priority: form.default_priority || null,
      sla_policy_id: form.sla_policy_id || null,
      assignment_mode: form.assignment_mode,
      capacity: form.capacity.trim() ? Number(form.capacity) : null,
      restricted: form.restricted,
    };
    if (inbox) {
      update.mutate({ inboxId: inbox.id, version: inbox.updated_at, body }, { onSuccess: (saved) => onSaved(saved, false) });
    } else {
      create.mutate(body, { onSuccess: (saved) => onSaved(saved, true) });
    }
  };

  const memberList = [...(members?.values() ?? [])].sort((a, b) =>
    (a.display_name || a.email).localeCompare(b.display_name || b.email),
  );
  const ownerErrors = errorsFor('owner_ids');

  return (
    <EditorForm
      ref={formRef}
      headingId={headingId}
      heading={inbox ? `Edit “${inbox.name}”` : 'New inbox'}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={200}
          value={form.name}
          onChange={(event) => set('name', event.target.value)}
          errors={errorsFor('name')}
        />
        <TextAreaField
          label="Description (optional)"
          name="description"
          rows={2}
          maxLength={2000}
          value={form.description}
          onChange={(event) => set('description', event.target.value)}
          errors={errorsFor('description')}
        />
      </div>
      <fieldset className={ownerErrors ? 'checkbox-group has-error' : 'checkbox-group'} aria-describedby={ownerErrors ? 'owners-hint owners-error' : 'owners-hint'}>
        <legend>Owners</legend>
        <p id="owners-hint" className="field-hint">
          Owners see the inbox under Escalations and claim from it. Any member can be an owner.
        </p>
        {members ? (
          <ul className="checkbox-list">
            {memberList.map((member) => (
              <li key={member.user_id}>
                <label>
                  <input
                    type="checkbox"
                    name="owner_ids"
                    value={member.user_id}
                    checked={form.owner_ids.includes(member.user_id)}
                    aria-invalid={ownerErrors ? true : undefined}
                    onChange={(event) =>
                      set(
                        'owner_ids',
                        event.target.checked
                          ? [...form.owner_ids, member.user_id]
                          : form.owner_ids.filter((id) => id !== member.user_id),
                      )
                    }
                  />
                  <span className="checkbox-text">
                    {member.display_name || member.email}{' '}
                    <span className="muted small-text">
                      ({ROLE_LABELS[member.role].toLowerCase()}
                      {member.display_name ? `, ${member.email}` : ''})
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Loading members…</p>
        )}
        {ownerErrors ? (
          <p id="owners-error" className="field-error">
            {ownerErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <div className="form-grid four">
        <TextField
          label="Batch size"
          name="batch_size"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          required
          value={form.batch_size}
          onChange={(event) => set('batch_size', event.target.value)}
          hint="Escalations per claim, 1–100."
          errors={errorsFor('batch_size')}
        />
        <TextField
          label="Claim holds for (minutes)"
          name="assignment_duration_minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          required
          value={form.assignment_duration_minutes}
          onChange={(event) => set('assignment_duration_minutes', event.target.value)}
          hint="1–1440; then it goes back to the pool."
          errors={errorsFor('assignment_duration_minutes')}
        />
        <TextField
          label="Reply within (business minutes)"
          name="reply_within_minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={1439}
          value={form.reply_within_minutes}
          onChange={(event) => set('reply_within_minutes', event.target.value)}
          hint="A claim with no reply to the contact by then goes back to the inbox (automatic: to another owner). On the SLA calendar; empty: off."
          errors={errorsFor('reply_within_minutes')}
        />
        <SelectField
          label="Default priority"
          name="default_priority"
          value={form.default_priority}
          onChange={(event) => set('default_priority', event.target.value as Priority | '')}
          hint="Preselected when escalating here."
          errors={errorsFor('default_priority')}
        >
          <option value="">None (normal)</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="SLA policy"
          name="sla_policy_id"
          value={form.sla_policy_id}
          onChange={(event) => set('sla_policy_id', event.target.value)}
          hint={policies.error ? 'Policies could not be loaded.' : 'Deadlines for escalations here.'}
          errors={errorsFor('sla_policy_id')}
        >
          <option value="">The organisation’s default</option>
          {(policies.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.is_default ? ' (default)' : ''}
            </option>
          ))}
        </SelectField>
        <label className="checkbox">
          <input
            type="checkbox"
            name="restricted"
            checked={form.restricted}
            onChange={(event) => set('restricted', event.target.checked)}
          />{' '}
          Restricted: escalations into it wait for a supervisor’s or admin’s approval
        </label>
      </div>
      <div className="form-grid">
        <SelectField
          label="Assignment"
          name="assignment_mode"
          value={form.assignment_mode}
          onChange={(event) => set('assignment_mode', event.target.value as AssignmentMode)}
          hint="Automatic: the owner on shift with the fewest open claims gets the next one due."
          errors={errorsFor('assignment_mode')}
        >
          {ASSIGNMENT_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Capacity per owner"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          required={form.assignment_mode !== 'pull'}
          value={form.capacity}
          onChange={(event) => set('capacity', event.target.value)}
          hint="Open claims one owner may hold here at once (empty: no limit)."
          errors={errorsFor('capacity')}
        />
      </div>
      {Object.keys(localErrors).length ? (
        <p className="problem" role="alert">
          Please correct the highlighted fields.
        </p>
      ) : null}
      <ProblemMessage
        error={mutation.error}
        fields={[
          'name',
          'description',
          'owner_ids',
          'batch_size',
          'assignment_duration_minutes',
          'reply_within_minutes',
          'default_priority',
          'sla_policy_id',
          'assignment_mode',
          'capacity',
        ]}
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : inbox ? 'Save inbox' : 'Create inbox'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </EditorForm>
  );
}
