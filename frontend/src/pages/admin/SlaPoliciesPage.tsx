import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCalendars, useDeleteSlaPolicy, useSaveSlaPolicy, useSlaPolicies } from '../../api/queries/sla';
import { errorMessage, fieldErrors } from '../../api/problem';
import { AUDIENCES, PRIORITIES, type Audience, type Priority, type SlaLevel, type SlaPolicy, type SlaPolicyCreate } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { SelectField, TextField } from '../../components/Field';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Badge } from '../../components/Badge';
import { PRIORITY_LABELS } from '../../components/escalation';
import { EditorForm } from '../../components/EditorForm';

const AUDIENCE_LABELS: Record<Audience, string> = {
  inbox_owners: 'Inbox owners',
  supervisors: 'Supervisors',
  admins: 'Admins',
  owners: 'Organisation owners',
};

const DEFAULT_LEVELS: SlaLevel[] = [
  { level: 1, notify: ['inbox_owners'] },
  { level: 2, notify: ['supervisors', 'admins'] },
  { level: 3, notify: ['owners'] },
];

/** 90 → "1 h 30 min", 2880 → "2 d" (business time). */
export function minutesText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', mins ? `${mins} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/** Admin → SLA policies: targets per priority, warnings, pause, levels, the default, a calendar. */
export function SlaPoliciesPage() {
  const { orgId, org } = useOrg();
  const policies = useSlaPolicies(orgId);
  const calendars = useCalendars(orgId);
  const save = useSaveSlaPolicy(orgId);
  const remove = useDeleteSlaPolicy(orgId);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const items = policies.data ?? [];
  const calendarName = new Map((calendars.data ?? []).map((c) => [c.id, c.name]));

  const fail = (what: string, error: unknown) => {
    setStatus(`Could not ${what}: ${errorMessage(error)}`);
    setRowError(error);
  };

  return (
    <section aria-labelledby="sla-heading">
      <div className="section-head">
        <h2 id="sla-heading">SLA policies</h2>
        {editing !== 'new' ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            New policy
          </button>
        ) : null}
      </div>
      <p className="muted">
        Deadlines for escalations, in business minutes of the policy’s calendar. Inboxes without their own policy use
        the default one.
      </p>
      {editing ? (
        <PolicyForm
          key={editing === 'new' ? 'new' : editing.id}
          policy={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setRowError(null);
            setStatus(created ? `Policy “${saved.name}” created.` : `Policy “${saved.name}” saved; open escalations on it are recomputed.`);
          }}
        />
      ) : null}
      <LiveStatus message={status} />
      {rowError ? <ProblemMessage error={rowError} /> : null}
      {policies.data ? null : <LoadState query={policies} label="Loading SLA policies…" />}
      {policies.data && policies.error ? <ProblemMessage error={policies.error} /> : null}
      {policies.data && items.length === 0 ? (
        <EmptyState title="No SLA policies yet">
          <p>Escalations have no deadlines until a policy applies to their inbox.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">SLA policies of {org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Targets (first response / resolution)</th>
                <th scope="col" className="hide-narrow">
                  Warnings, pause, levels
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((policy) => (
                <tr key={policy.id}>
                  <th scope="row">
                    <span className="member-name">
                      {policy.name} {policy.is_default ? <Badge tone="info">Default</Badge> : null}
                    </span>
                    <span className="member-email">
                      {policy.calendar_id ? (calendarName.get(policy.calendar_id) ?? 'A calendar') : 'Around the clock'}
                    </span>
                  </th>
                  <td>
                    <ul className="plain-list">
                      {PRIORITIES.map((p) => {
                        const target = policy.targets[p];
                        return (
                          <li key={p}>
                            {PRIORITY_LABELS[p]}: {minutesText(target?.first_response_minutes)} /{' '}
                            {minutesText(target?.resolution_minutes)}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                  <td className="hide-narrow">
                    <ul className="plain-list">
                      <li>
                        Warn{' '}
                        {policy.warnings_minutes.length
                          ? `${policy.warnings_minutes.join(', ')} min before`
                          : 'never'}
                      </li>
                      <li>{policy.pause_while_awaiting_contact ? 'Pauses while waiting for the contact' : 'Never pauses'}</li>
                      <li>
                        {policy.levels.length} level{policy.levels.length === 1 ? '' : 's'}
                      </li>
                    </ul>
                  </td>
                  <td className="actions-cell">
                    <div className="row-actions">
                      {!policy.is_default ? (
                        <button
                          type="button"
                          className="button secondary small"
                          disabled={save.isPending}
                          onClick={() =>
                            save.mutate(
                              { policyId: policy.id, version: policy.updated_at, body: { ...toBody(policy), is_default: true } },
                              {
                                onSuccess: () => {
                                  setRowError(null);
                                  setStatus(`“${policy.name}” is now the default policy.`);
                                },
                                onError: (error) => fail(`make “${policy.name}” the default`, error),
                              },
                            )
                          }
                        >
                          Make default{' '}<span className="visually-hidden">({policy.name})</span>
                        </button>
                      ) : null}
                      <button type="button" className="button secondary small" onClick={() => setEditing(policy)}>
                        Edit{' '}<span className="visually-hidden">{policy.name}</span>
                      </button>
                      <ConfirmButton
                        label="Delete"
                        question={`Delete the policy “${policy.name}”?`}
                        confirmLabel="Delete policy"
                        busy={remove.isPending && remove.variables?.policyId === policy.id}
                        onConfirm={() =>
                          remove.mutate({ policyId: policy.id, version: policy.updated_at }, {
                            onSuccess: () => {
                              setRowError(null);
                              setStatus(`Policy “${policy.name}” deleted.`);
                            },
                            onError: (error) => fail(`delete “${policy.name}”`, error),
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

function toBody(policy: SlaPolicy): SlaPolicyCreate {
  return {
    name: policy.name,
    calendar_id: policy.calendar_id,
    targets: policy.targets,
    warnings_minutes: policy.warnings_minutes,
    pause_while_awaiting_contact: policy.pause_while_awaiting_contact,
    levels: policy.levels,
    is_default: policy.is_default,
  };
}

type TargetText = Record<Priority, { first: string; resolution: string }>;

function PolicyForm({
  policy,
  onCancel,
  onSaved,
}: {
  policy: SlaPolicy | undefined;
  onCancel: () => void;
  onSaved: (policy: SlaPolicy, created: boolean) => void;
}) {
  const { orgId } = useOrg();
  const save = useSaveSlaPolicy(orgId);
  const calendars = useCalendars(orgId);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [name, setName] = useState(policy?.name ?? '');
  const [calendarId, setCalendarId] = useState(policy?.calendar_id ?? '');
  const [targets, setTargets] = useState<TargetText>(() => {
    const defaults: Record<Priority, [number, number]> = {
      normal: [240, 2880],
      high: [120, 1440],
      urgent: [60, 480],
      critical: [15, 240],
    };
    return Object.fromEntries(
      PRIORITIES.map((p) => {
        const t = policy?.targets[p];
        return [
          p,
          policy
            ? { first: t?.first_response_minutes?.toString() ?? '', resolution: t?.resolution_minutes?.toString() ?? '' }
            : { first: String(defaults[p][0]), resolution: String(defaults[p][1]) },
        ];
      }),
    ) as TargetText;
  });
  const [warnings, setWarnings] = useState((policy?.warnings_minutes ?? [30]).join(', '));
  const [pause, setPause] = useState(policy?.pause_while_awaiting_contact ?? false);
  const [levels, setLevels] = useState<SlaLevel[]>(policy?.levels ?? DEFAULT_LEVELS);
  const [isDefault, setIsDefault] = useState(policy?.is_default ?? false);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const server = fieldErrors(save.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!name.trim()) errors.name = ['Give the policy a name.'];
    const positive = (value: string) => value.trim() === '' || (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 525600);
    for (const p of PRIORITIES) {
      if (!positive(targets[p].first)) errors[`targets.${p}.first_response_minutes`] = ['Whole minutes, 1 or more, or blank'];
      if (!positive(targets[p].resolution)) errors[`targets.${p}.resolution_minutes`] = ['Whole minutes, 1 or more, or blank'];
    }
    const warningList = warnings
      .split(/[,\s]+/)
      .map((w) => w.trim())
      .filter(Boolean);
    if (warningList.some((w) => !/^\d+$/.test(w) || Number(w) < 1 || Number(w) > 10080)) {
      errors.warnings_minutes = ['Whole minutes from 1 to 10080, separated by commas.'];
    }
    if (levels.length === 0) errors.levels = ['Keep at least one level.'];
    if (levels.some((l) => l.notify.length === 0)) errors.levels = ['Every level must notify someone.'];
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      save.reset();
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const num = (value: string) => (value.trim() ? Number(value) : null);
    const body: SlaPolicyCreate = {
      name: name.trim(),
      calendar_id: calendarId || null,
      targets: Object.fromEntries(
        PRIORITIES.map((p) => [p, { first_response_minutes: num(targets[p].first), resolution_minutes: num(targets[p].resolution) }]),
      ),
      warnings_minutes: warningList.map(Number),
      pause_while_awaiting_contact: pause,
      levels: levels.map((l, i) => ({ level: i + 1, notify: l.notify })),
      is_default: isDefault,
    };
    save.mutate(policy ? { policyId: policy.id, version: policy.updated_at, body } : { body }, { onSuccess: (saved) => onSaved(saved, !policy) });
  };

  const toggleAudience = (index: number, audience: Audience, on: boolean) =>
    setLevels((all) =>
      all.map((l, i) =>
        i === index
          ? { ...l, notify: on ? AUDIENCES.filter((a) => a === audience || l.notify.includes(a)) : l.notify.filter((a) => a !== audience) }
          : l,
      ),
    );

  return (
    <EditorForm
      ref={formRef}
      headingId={headingId}
      heading={policy ? `Edit “${policy.name}”` : 'New SLA policy'}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField label="Name" name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} errors={errorsFor('name')} />
        <SelectField
          label="Business calendar"
          name="calendar_id"
          value={calendarId}
          onChange={(e) => setCalendarId(e.target.value)}
          hint={calendars.error ? 'Calendars could not be loaded.' : 'Minutes count only while the calendar is open.'}
          errors={errorsFor('calendar_id')}
        >
          <option value="">Around the clock (no calendar)</option>
          {(calendars.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.time_zone})
            </option>
          ))}
        </SelectField>
      </div>

      <fieldset className="targets-editor">
        <legend>Targets per priority (business minutes; blank for none)</legend>
        <table className="targets-table">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">First response</th>
              <th scope="col">Resolution</th>
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => {
              const firstErr = errorsFor(`targets.${p}.first_response_minutes`);
              const resErr = errorsFor(`targets.${p}.resolution_minutes`);
              return (
                <tr key={p}>
                  <th scope="row">{PRIORITY_LABELS[p]}</th>
                  {(['first', 'resolution'] as const).map((which) => {
                    const err = which === 'first' ? firstErr : resErr;
                    const id = `target-${p}-${which}`;
                    return (
                      <td key={which}>
                        <label htmlFor={id} className="visually-hidden">
                          {PRIORITY_LABELS[p]} {which === 'first' ? 'first response' : 'resolution'} minutes
                        </label>
                        <input
                          id={id}
                          type="number"
                          min={1}
                          inputMode="numeric"
                          value={targets[p][which]}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? `${id}-error` : undefined}
                          onChange={(e) => setTargets((all) => ({ ...all, [p]: { ...all[p], [which]: e.target.value } }))}
                        />
                        <span className="muted small-text"> {minutesText(targets[p][which] ? Number(targets[p][which]) : null)}</span>
                        {err ? (
                          <span id={`${id}-error`} className="field-error">
                            {err.join(' ')}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>

      <div className="form-grid">
        <TextField
          label="Warnings (minutes before each deadline)"
          name="warnings_minutes"
          value={warnings}
          onChange={(e) => setWarnings(e.target.value)}
          placeholder="30, 5"
          hint="Comma-separated, e.g. 30, 5. Blank: no warnings."
          errors={errorsFor('warnings_minutes')}
        />
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" name="pause_while_awaiting_contact" checked={pause} onChange={(e) => setPause(e.target.checked)} />
            Pause the resolution clock while waiting for the contact
          </label>
          <label>
            <input type="checkbox" name="is_default" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
            Default policy (for inboxes without their own)
          </label>
        </div>
      </div>

      <fieldset className="levels-editor" aria-describedby="levels-hint">
        <legend>Levels</legend>
        <p id="levels-hint" className="field-hint">
          An escalation starts at level 1 and goes up one level on each breach; each level notifies its people.
        </p>
        {errorsFor('levels') ? <p className="field-error">{errorsFor('levels')!.join(' ')}</p> : null}
        <ol className="levels-list">
          {levels.map((level, index) => (
            <li key={index} className="level-row">
              <fieldset className="inline-checkboxes">
                <legend>Level {index + 1} notifies</legend>
                {AUDIENCES.map((audience) => (
                  <label key={audience}>
                    <input
                      type="checkbox"
                      checked={level.notify.includes(audience)}
                      onChange={(e) => toggleAudience(index, audience, e.target.checked)}
                    />
                    {AUDIENCE_LABELS[audience]}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <button
            type="button"
            className="button secondary small"
            disabled={levels.length >= 10}
            onClick={() => setLevels((all) => [...all, { level: all.length + 1, notify: ['owners'] }])}
          >
            Add level
          </button>
          <button
            type="button"
            className="button secondary small"
            disabled={levels.length <= 1}
            onClick={() => setLevels((all) => all.slice(0, -1))}
          >
            Remove level {levels.length}
          </button>
        </div>
      </fieldset>

      {Object.keys(localErrors).length ? (
        <p className="problem" role="alert">
          Please correct the highlighted fields.
        </p>
      ) : null}
      <ProblemMessage
        error={save.error}
        fields={[
          'name',
          'calendar_id',
          'warnings_minutes',
          'levels',
          ...PRIORITIES.flatMap((p) => [`targets.${p}.first_response_minutes`, `targets.${p}.resolution_minutes`]),
        ]}
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : policy ? 'Save policy' : 'Create policy'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </EditorForm>
  );
}
