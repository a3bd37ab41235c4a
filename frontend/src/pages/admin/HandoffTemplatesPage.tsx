import { useState, type FormEvent } from 'react';
import { useHandoffTemplates } from '../../api/queries/handoffTemplates';
import { useInboxes } from '../../api/queries/inboxes';
import { useEscalationPolicy } from '../../api/queries/escalationPolicy';
import { fieldErrors } from '../../api/problem';
import type { components } from '../../api/schema';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';

type Template = components['schemas']['HandoffTemplateRead'];
const FIELDS = [
  { name: 'reason', label: 'Reason for escalating' },
  { name: 'steps_taken', label: 'Steps taken' },
  { name: 'offers_made', label: 'Offers made' },
  { name: 'help_needed', label: 'Help needed' },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];
const EMPTY = { name: '', inbox_id: '', category: '', reason: '', steps_taken: '', offers_made: '', help_needed: '' };
const PLACEHOLDER_HINT = 'Placeholders: {{contact.name}}, {{contact.email}}, {{contact.phone}}, {{contact.attributes.plan}} (any attribute).';

/**
 * Admin › Hand-off templates (issue 24): hand-offs written once, per inbox and category, that the
 * escalate dialog offers filled in for the contact. They only prefill: required fields stay required.
 */
export function HandoffTemplatesPage() {
  const { orgId } = useOrg();
  const { list, save, remove } = useHandoffTemplates(orgId);
  const inboxes = useInboxes(orgId, { live: false });
  const policy = useEscalationPolicy(orgId);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const errors = fieldErrors(save.error);
  const inboxName = (id: string | null) => (id ? (inboxes.data?.find((i) => i.id === id)?.name ?? 'an inbox') : 'Any inbox');
  const categories = policy.data?.policy.categories ?? [];
  const categoryName = (key: string | null) => (key ? (categories.find((c) => c.key === key)?.name ?? key) : 'any category');

  const edit = (t: Template) => {
    setEditing(t.id);
    setForm({
      name: t.name,
      inbox_id: t.inbox_id ?? '',
      category: t.category ?? '',
      reason: t.reason ?? '',
      steps_taken: t.steps_taken ?? '',
      offers_made: t.offers_made ?? '',
      help_needed: t.help_needed ?? '',
    });
    save.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = (value: string) => value.trim() || null;
    const body = {
      name: form.name.trim(),
      inbox_id: form.inbox_id || null,
      category: form.category || null,
      reason: text(form.reason),
      steps_taken: text(form.steps_taken),
      offers_made: text(form.offers_made),
      help_needed: text(form.help_needed),
    };
    save.mutate(
      { id: editing, body },
      {
        onSuccess: (t) => {
          setStatus(`Template “${t.name}” ${editing ? 'saved' : 'added'}.`);
          setEditing(undefined);
          setForm(EMPTY);
        },
      },
    );
  };
  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">Hand-off templates</h2>
      <form className="panel" onSubmit={onSubmit} aria-labelledby="template-form-heading" noValidate>
        <h3 id="template-form-heading">{editing ? 'Edit template' : 'New template'}</h3>
        <p className="muted">Offered in the escalate dialog for its inbox and category, filled in for the contact.</p>
        <TextField label="Name" name="name" required maxLength={200} value={form.name} errors={errors.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <div className="form-grid">
          <SelectField label="Inbox" name="inbox_id" value={form.inbox_id} errors={errors.inbox_id} onChange={(e) => setForm({ ...form, inbox_id: e.target.value })}>
            <option value="">Any inbox</option>
            {(inboxes.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Category" name="category" value={form.category} errors={errors.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
            <option value="">Any category</option>
            {categories.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
        {FIELDS.map((field) => (
          <TextAreaField
            key={field.name}
            label={field.label}
            name={field.name}
            rows={2}
            maxLength={2000}
            value={form[field.name as FieldName]}
            hint={PLACEHOLDER_HINT}
            errors={errors[field.name]}
            onChange={(e) => setForm({ ...form, [field.name]: e.target.value })}
          />
        ))}
        <ProblemMessage error={save.error} fields={['name', 'inbox_id', 'category', ...FIELDS.map((f) => f.name)]} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {editing ? 'Save template' : 'Add template'}
          </button>
          {editing ? (
            <button type="button" className="button secondary" onClick={() => (setEditing(undefined), setForm(EMPTY), save.reset())}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
      <LiveStatus message={status} />
      {remove.error ? <ProblemMessage error={remove.error} /> : null}
      {list.data ? null : <LoadState query={list} label="Loading templates…" />}
      {list.data && items.length === 0 ? (
        <EmptyState title="No hand-off templates yet">
          <p>Add one above: agents then start their hand-off from it instead of a blank form.</p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <ul className="template-list" aria-label="Hand-off templates">
          {items.map((t) => (
            <li key={t.id} className="panel">
              <h3>{t.name}</h3>
              <p className="muted">
                {inboxName(t.inbox_id)}, {categoryName(t.category)}
              </p>
              {t.reason ? <p className="template-text">{t.reason}</p> : null}
              <div className="row-actions">
                <button type="button" className="button secondary small" onClick={() => edit(t)}>
                  Edit{' '}<span className="visually-hidden">{t.name}</span>
                </button>
                <ConfirmButton
                  label={`Delete ${t.name}`}
                  question={`Delete the template “${t.name}”?`}
                  confirmLabel="Delete"
                  busy={remove.isPending}
                  onConfirm={() => remove.mutate(t.id, { onSuccess: () => setStatus(`Template “${t.name}” deleted.`) })}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
