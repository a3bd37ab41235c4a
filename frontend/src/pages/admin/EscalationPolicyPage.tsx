import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useEscalationPolicy, useSaveEscalationPolicy } from '../../api/queries/escalationPolicy';
import { useWebhooks } from '../../api/queries/webhooks';
import { useMemberDirectory } from '../../api/queries/admin';
import { fieldErrors } from '../../api/problem';
import type { EscalationPolicy, Member, PolicyCategory, Recipient, RecipientType, Webhook } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { LiveStatus } from '../../components/LiveStatus';
import { SelectField, TextField } from '../../components/Field';
import { Badge } from '../../components/Badge';

/** The category every policy keeps; removed categories' escalations move to it. */
export const FALLBACK_CATEGORY = 'other';
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_RECIPIENTS = 50;
const MAX_CATEGORIES = 100;

export const RECIPIENT_TYPES: { type: RecipientType; label: string }[] = [
  { type: 'member', label: 'Member' },
  { type: 'email', label: 'Email address' },
  { type: 'webhook', label: 'Webhook' },
  { type: 'slack', label: 'Slack (incoming webhook URL)' },
];

interface DraftCategory {
  key: string;
  name: string;
  recipients: Recipient[];
  /** Added here and not saved yet: its key can still be edited. */
  isNew?: boolean;
}

interface Draft {
  categories: DraftCategory[];
  default_recipients: Recipient[];
}

/** The PUT body for a draft: exactly {categories: [{key, name, recipients}], default_recipients}. */
export function policyBody(draft: Draft): EscalationPolicy {
  return {
    categories: draft.categories.map(({ key, name, recipients }) => ({ key: key.trim(), name: name.trim(), recipients })),
    default_recipients: draft.default_recipients,
  };
}

function toDraft(policy: EscalationPolicy): Draft {
  return {
    categories: policy.categories.map((c) => ({ key: c.key, name: c.name, recipients: c.recipients ?? [] })),
    default_recipients: policy.default_recipients ?? [],
  };
}

function recipientValue(r: Recipient): string {
  switch (r.type) {
    case 'member':
      return r.user_id;
    case 'email':
      return r.address.toLowerCase();
    case 'webhook':
      return r.webhook_id;
    case 'slack':
      return r.url;
  }
}

interface Lookups {
  members: Map<string, Member> | undefined;
  webhooks: Webhook[] | undefined;
}

/** A recipient in words: "Olivia Owner (olivia@…)", "Email: desk@…", "Webhook: Helpdesk (https://…)". */
export function describeRecipient(r: Recipient, { members, webhooks }: Lookups): string {
  switch (r.type) {
    case 'member': {
      const m = members?.get(r.user_id);
      return m ? `${m.display_name || m.email}${m.display_name ? ` (${m.email})` : ''}` : 'A member no longer in this organisation';
    }
    case 'email':
      return `Email: ${r.address}`;
    case 'webhook': {
      const hook = webhooks?.find((w) => w.id === r.webhook_id);
      if (!hook) return webhooks ? 'Webhook: a deleted endpoint' : 'Webhook';
      return `Webhook: ${hook.description ? `${hook.description} (${hook.url})` : hook.url}${hook.enabled ? '' : ' — disabled'}`;
    }
    case 'slack':
      return `Slack: ${r.url}`;
  }
}

/** "Billing disputes" → "billing_disputes" (a valid key, or '' when nothing usable is left). */
export function slugKey(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 64);
  return slug;
}

/**
 * Admin → Escalation policy: the categories an escalation can have and who hears of each; the
 * default recipients; and in words what happens when nobody is named (the fallback). The whole
 * policy is edited here and saved with one PUT.
 */
export function EscalationPolicyPage() {
  const { orgId } = useOrg();
  const policy = useEscalationPolicy(orgId);
  const save = useSaveEscalationPolicy(orgId);
  const members = useMemberDirectory(orgId);
  const webhooks = useWebhooks(orgId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState('');
  const categoriesHeading = useRef<HTMLHeadingElement>(null);
  const lookups: Lookups = { members: members.data, webhooks: webhooks.data };

  if (!policy.data) return <LoadState query={policy} label="Loading the escalation policy…" />;

  const saved = toDraft(policy.data.policy);
  const current = draft ?? saved;
  const dirty = JSON.stringify(policyBody(current)) !== JSON.stringify(policyBody(saved));
  const savedNames = new Map(saved.categories.map((c) => [c.key, c.name]));
  const removed = saved.categories.filter((c) => !current.categories.some((d) => d.key === c.key));
  const server = fieldErrors(save.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];
  // Server messages about one recipient (the discriminator adds the type to the path).
  const recipientErrors = (prefix: string) =>
    Object.entries(server)
      .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
      .flatMap(([, messages]) => messages);
  const inlineKeys = Object.keys(server).filter((key) =>
    /^(categories\.\d+\.(name|key|recipients\.\d+(\..*)?)|default_recipients\.\d+(\..*)?)$/.test(key),
  );

  const update = (change: (d: Draft) => Draft) => {
    setDraft(change(current));
    setStatus('');
  };
  const setCategory = (index: number, change: Partial<DraftCategory>) =>
    update((d) => ({ ...d, categories: d.categories.map((c, i) => (i === index ? { ...c, ...change } : c)) }));

  const onSave = () => {
    const errors: Record<string, string[]> = {};
    const seen = new Set<string>();
    current.categories.forEach((c, i) => {
      if (!c.name.trim()) errors[`categories.${i}.name`] = ['Give the category a name.'];
      else if (c.name.trim().length > 200) errors[`categories.${i}.name`] = ['At most 200 characters.'];
      if (!KEY_PATTERN.test(c.key.trim())) {
        errors[`categories.${i}.key`] = ['A lower-case letter first, then lower-case letters, digits or _ (at most 64).'];
      } else if (seen.has(c.key.trim())) {
        errors[`categories.${i}.key`] = ['Another category already has this key.'];
      }
      seen.add(c.key.trim());
    });
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      save.reset();
      setStatus('Please correct the highlighted fields.');
      return;
    }
    // If-Match: saved only over the version this page loaded (its ETag); else 409, reload.
    save.mutate({ body: policyBody(current), etag: policy.data.etag }, {
      onSuccess: () => {
        setDraft(null);
        setStatus(
          removed.length
            ? `Escalation policy saved. Escalations in ${removed.map((c) => `“${c.name}”`).join(', ')} now have the category “${savedNames.get(FALLBACK_CATEGORY) ?? 'Other'}”.`
            : 'Escalation policy saved.',
        );
      },
      onError: () => setStatus('The escalation policy was not saved.'),
    });
  };

  return (
    <section aria-labelledby="policy-heading" className="policy-page">
      <div className="section-head">
        <h2 id="policy-heading">Escalation policy</h2>
      </div>
      <p className="muted">
        Who hears of a new escalation: the recipients of its category; when the category names nobody, the default
        recipients; when they name nobody either, the organisation’s admins and owners (the fallback). The owners of the
        escalation’s inbox are always told as well.
      </p>
      {policy.error ? <ProblemMessage error={policy.error} /> : null}

      <h3 className="policy-subhead" ref={categoriesHeading} tabIndex={-1}>
        Categories
      </h3>
      <ol className="category-list">
        {current.categories.map((category, index) => (
          <CategoryEditor
            key={category.isNew ? `new-${index}` : category.key}
            category={category}
            index={index}
            lookups={lookups}
            members={members.data}
            webhooks={webhooks.data}
            errorsFor={errorsFor}
            recipientErrors={recipientErrors}
            onChange={(change) => setCategory(index, change)}
            onRemove={() => {
              update((d) => ({ ...d, categories: d.categories.filter((_, i) => i !== index) }));
              setStatus(
                category.isNew
                  ? `“${category.name || category.key}” removed.`
                  : `“${category.name}” will be removed when you save; its escalations move to “${savedNames.get(FALLBACK_CATEGORY) ?? 'Other'}”.`,
              );
              // The button is gone: keep focus on the list.
              categoriesHeading.current?.focus();
            }}
          />
        ))}
      </ol>
      {current.categories.length < MAX_CATEGORIES ? (
        <AddCategory
          existing={current.categories.map((c) => c.key)}
          onAdd={(category) => update((d) => ({ ...d, categories: [...d.categories, { ...category, isNew: true }] }))}
        />
      ) : null}

      <h3 className="policy-subhead">Default recipients</h3>
      <p className="muted small-text">Told of escalations whose category names nobody.</p>
      <div className="panel">
        <RecipientEditor
          context="the default recipients"
          pathPrefix="default_recipients"
          recipients={current.default_recipients}
          lookups={lookups}
          members={members.data}
          webhooks={webhooks.data}
          recipientErrors={recipientErrors}
          emptyText="None: escalations whose category names nobody go to the organisation’s admins and owners."
          onChange={(recipients) => update((d) => ({ ...d, default_recipients: recipients }))}
        />
      </div>

      <ProblemMessage error={save.error} fields={inlineKeys} />
      <div className="save-bar">
        {removed.length ? (
          <div className="notice removal-notice" role="note">
            <p>
              When you save, {removed.length === 1 ? 'the category' : 'the categories'}{' '}
              {removed.map((c) => `“${c.name}”`).join(', ')} {removed.length === 1 ? 'is' : 'are'} removed and{' '}
              {removed.length === 1 ? 'its' : 'their'} escalations move to “{savedNames.get(FALLBACK_CATEGORY) ?? 'Other'}”.
            </p>
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                // Back in their saved places; new categories stay at the end.
                update((d) => ({
                  ...d,
                  categories: [
                    ...saved.categories.map((s) => d.categories.find((c) => c.key === s.key && !c.isNew) ?? s),
                    ...d.categories.filter((c) => c.isNew),
                  ],
                }));
                categoriesHeading.current?.focus();
              }}
            >
              Keep {removed.length === 1 ? 'it' : 'them'}
            </button>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button primary" disabled={!dirty || save.isPending} onClick={onSave}>
            {save.isPending ? 'Saving…' : 'Save policy'}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setDraft(null);
              setLocalErrors({});
              save.reset();
              setStatus('Changes discarded.');
            }}
          >
            Discard changes
          </button>
          <span className="muted small-text save-state">{dirty ? 'Unsaved changes' : 'No unsaved changes'}</span>
        </div>
        <LiveStatus message={status} />
      </div>
    </section>
  );
}

function CategoryEditor({
  category,
  index,
  lookups,
  members,
  webhooks,
  errorsFor,
  recipientErrors,
  onChange,
  onRemove,
}: {
  category: DraftCategory;
  index: number;
  lookups: Lookups;
  members: Map<string, Member> | undefined;
  webhooks: Webhook[] | undefined;
  errorsFor: (key: string) => string[] | undefined;
  recipientErrors: (prefix: string) => string[];
  onChange: (change: Partial<DraftCategory>) => void;
  onRemove: () => void;
}) {
  const headingId = useId();
  const noteId = useId();
  const isFallback = category.key === FALLBACK_CATEGORY && !category.isNew;
  const title = category.name.trim() || 'New category';
  return (
    <li className="panel category" aria-labelledby={headingId}>
      <div className="category-head">
        <h4 id={headingId}>
          {title} <code className="category-key">{category.key || '…'}</code>
          {category.isNew ? <Badge tone="info">New</Badge> : null}
        </h4>
        <div className="category-remove">
          <button
            type="button"
            className="button secondary small"
            disabled={isFallback}
            aria-describedby={noteId}
            onClick={onRemove}
          >
            Remove category<span className="visually-hidden"> {title}</span>
          </button>
          <span id={noteId} className="muted small-text">
            {isFallback
              ? '“Other” cannot be removed: escalations of removed categories move to it.'
              : 'Its escalations move to “Other” when you save.'}
          </span>
        </div>
      </div>
      <div className="form-grid">
        <TextField
          label="Name"
          value={category.name}
          maxLength={200}
          onChange={(e) => onChange({ name: e.target.value })}
          errors={errorsFor(`categories.${index}.name`)}
        />
        {category.isNew ? (
          <TextField
            label="Key"
            value={category.key}
            maxLength={64}
            onChange={(e) => onChange({ key: e.target.value })}
            hint="Lower-case letters, digits and _. Escalations and the API use it; it cannot be changed later."
            errors={errorsFor(`categories.${index}.key`)}
          />
        ) : (
          <div className="field">
            <span className="field-label">Key</span>
            <p className="static-value">
              <code>{category.key}</code> <span className="muted small-text">(fixed)</span>
            </p>
          </div>
        )}
      </div>
      <RecipientEditor
        context={`“${title}”`}
        pathPrefix={`categories.${index}.recipients`}
        recipients={category.recipients}
        lookups={lookups}
        members={members}
        webhooks={webhooks}
        recipientErrors={recipientErrors}
        emptyText="Nobody named: the default recipients hear of these."
        onChange={(recipients) => onChange({ recipients })}
      />
    </li>
  );
}

function RecipientEditor({
  context,
  pathPrefix,
  recipients,
  lookups,
  members,
  webhooks,
  recipientErrors,
  emptyText,
  onChange,
}: {
  context: string;
  pathPrefix: string;
  recipients: Recipient[];
  lookups: Lookups;
  members: Map<string, Member> | undefined;
  webhooks: Webhook[] | undefined;
  recipientErrors: (prefix: string) => string[];
  emptyText: string;
  onChange: (recipients: Recipient[]) => void;
}) {
  return (
    <div className="recipients">
      {recipients.length === 0 ? (
        <p className="muted small-text recipients-empty">{emptyText}</p>
      ) : (
        <ul className="recipient-list" aria-label={`Recipients of ${context}`}>
          {recipients.map((r, i) => {
            const words = describeRecipient(r, lookups);
            const errors = recipientErrors(`${pathPrefix}.${i}`);
            return (
              <li key={`${r.type}:${recipientValue(r)}`} className={errors.length ? 'recipient has-error' : 'recipient'}>
                <span className="recipient-words">{words}</span>
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={`Remove ${words} from ${context}`}
                  onClick={() => onChange(recipients.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
                {errors.length ? <span className="field-error">{errors.join(' ')}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
      {recipients.length < MAX_RECIPIENTS ? (
        <AddRecipient context={context} recipients={recipients} members={members} webhooks={webhooks} onAdd={(r) => onChange([...recipients, r])} />
      ) : (
        <p className="muted small-text">At most {MAX_RECIPIENTS} recipients.</p>
      )}
    </div>
  );
}

function AddRecipient({
  context,
  recipients,
  members,
  webhooks,
  onAdd,
}: {
  context: string;
  recipients: Recipient[];
  members: Map<string, Member> | undefined;
  webhooks: Webhook[] | undefined;
  onAdd: (recipient: Recipient) => void;
}) {
  const [type, setType] = useState<RecipientType>('member');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const taken = new Set(recipients.filter((r) => r.type === type).map(recipientValue));

  const add = () => {
    const v = value.trim();
    let recipient: Recipient | null = null;
    if (type === 'member') {
      if (!v) return setError('Choose a member.');
      recipient = { type, user_id: v };
    } else if (type === 'webhook') {
      if (!v) return setError('Choose a webhook.');
      recipient = { type, webhook_id: v };
    } else if (type === 'email') {
      if (!EMAIL_PATTERN.test(v)) return setError('Enter an email address, like desk@example.com.');
      recipient = { type, address: v };
    } else {
      let ok = false;
      try {
        const url = new URL(v);
        ok = url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        ok = false;
      }
      if (!ok) return setError('Enter the Slack incoming-webhook URL, like https://hooks.slack.com/services/…');
      recipient = { type, url: v };
    }
    if (taken.has(recipientValue(recipient))) return setError('Already a recipient here.');
    onAdd(recipient);
    setValue('');
    setError(null);
  };

  const memberOptions = [...(members?.values() ?? [])].filter((m) => !taken.has(m.user_id));
  const webhookOptions = (webhooks ?? []).filter((w) => !taken.has(w.id));

  return (
    <fieldset
      className="add-recipient"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
          event.preventDefault();
          add();
        }
      }}
    >
      <legend>Add a recipient to {context}</legend>
      <div className="add-recipient-row">
        <SelectField
          label="Type"
          value={type}
          onChange={(e) => {
            setType(e.target.value as RecipientType);
            setValue('');
            setError(null);
          }}
        >
          {RECIPIENT_TYPES.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </SelectField>
        {type === 'member' ? (
          <SelectField label="Member" value={value} onChange={(e) => setValue(e.target.value)} errors={error ? [error] : undefined}>
            <option value="">{members ? 'Choose a member…' : 'Loading members…'}</option>
            {memberOptions.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.display_name ? `${m.display_name} (${m.email})` : m.email}
              </option>
            ))}
          </SelectField>
        ) : type === 'webhook' ? (
          <SelectField
            label="Webhook"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            errors={error ? [error] : undefined}
            hint={
              webhooks && webhooks.length === 0 ? (
                <>
                  No webhooks yet: <Link to="../webhooks">add one under Webhooks</Link>.
                </>
              ) : undefined
            }
          >
            <option value="">{webhooks ? 'Choose a webhook…' : 'Loading webhooks…'}</option>
            {webhookOptions.map((w) => (
              <option key={w.id} value={w.id}>
                {w.description ? `${w.description} (${w.url})` : w.url}
                {w.enabled ? '' : ' — disabled'}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            label={type === 'email' ? 'Email address' : 'Slack webhook URL'}
            type={type === 'email' ? 'email' : 'url'}
            value={value}
            placeholder={type === 'email' ? 'desk@example.com' : 'https://hooks.slack.com/services/…'}
            onChange={(e) => setValue(e.target.value)}
            errors={error ? [error] : undefined}
          />
        )}
        <button type="button" className="button secondary add-recipient-button" onClick={add}>
          Add<span className="visually-hidden"> recipient to {context}</span>
        </button>
      </div>
    </fieldset>
  );
}

function AddCategory({ existing, onAdd }: { existing: string[]; onAdd: (category: PolicyCategory & { recipients: Recipient[] }) => void }) {
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const headingId = useId();
  const effectiveKey = keyEdited ? key : slugKey(name);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string[]> = {};
    if (!name.trim()) found.name = ['Give the category a name.'];
    if (!KEY_PATTERN.test(effectiveKey)) found.key = ['A lower-case letter first, then lower-case letters, digits or _ (at most 64).'];
    else if (existing.includes(effectiveKey)) found.key = ['Another category already has this key.'];
    setErrors(found);
    if (Object.keys(found).length) return;
    onAdd({ key: effectiveKey, name: name.trim(), recipients: [] });
    setName('');
    setKey('');
    setKeyEdited(false);
  };

  return (
    <form className="panel add-category" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <h4 id={headingId}>Add a category</h4>
      <div className="form-grid three">
        <TextField label="Category name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} errors={errors.name} />
        <TextField
          label="Category key"
          value={effectiveKey}
          maxLength={64}
          hint="From the name unless you change it."
          onChange={(e) => {
            setKey(e.target.value);
            setKeyEdited(true);
          }}
          errors={errors.key}
        />
        <div className="field field-button">
          <button type="submit" className="button secondary">
            Add category
          </button>
        </div>
      </div>
      <p className="muted small-text">New categories are saved with the policy (“Save policy” below).</p>
    </form>
  );
}
