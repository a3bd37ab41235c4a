import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useEscalate } from '../api/queries/escalations';
import { useInboxes } from '../api/queries/inboxes';
import { fieldErrors } from '../api/problem';
import { CATEGORIES, PRIORITIES, type Conversation, type Inbox, type Priority } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { useEscalationPolicy } from '../api/queries/escalationPolicy';
import { Dialog } from '../components/Dialog';
import { SelectField, TextAreaField } from '../components/Field';
import { ProblemMessage } from '../components/ProblemMessage';
import { LoadState } from '../components/LoadState';
import { EmptyState } from '../components/EmptyState';
import { categoryLabel, PRIORITY_LABELS } from '../components/escalation';
import { useHandoffSuggestions } from '../api/queries/handoffTemplates';
import type { FlashState } from '../components/Flash';

/** The hand-off fields, in form order, with the API's field key and whether it is required. */
const HANDOFF_FIELDS = [
  { name: 'reason', label: 'Reason for escalating', hint: 'What the contact needs and why you cannot finish it.', required: true },
  { name: 'steps_taken', label: 'Steps taken', hint: 'What you have already tried or checked.', required: true },
  { name: 'offers_made', label: 'Offers made (optional)', hint: 'Discounts, refunds or promises already made.', required: false },
  { name: 'help_needed', label: 'Help needed', hint: 'What the inbox owner should do next.', required: true },
] as const;

type HandoffName = (typeof HANDOFF_FIELDS)[number]['name'];

/** "Escalate" in the conversation toolbar: the button and, when open, the dialog. */
export function EscalateButton({ conversation }: { conversation: Conversation }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button small" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Escalate…
      </button>
      {open ? <EscalateDialog conversation={conversation} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * Escalate a conversation into an inbox with the hand-off note. The hand-off is checked here first
 * (reason, steps taken and help needed must not be blank); the server's 422/409 are shown in words.
 * On success the agent lands on the next conversation of their queue, or back on the queue.
 */
export function EscalateDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const { orgId } = useOrg();
  const navigate = useNavigate();
  const inboxes = useInboxes(orgId, { live: false });
  const escalate = useEscalate(orgId, conversation.id);
  const formRef = useRef<HTMLFormElement>(null);

  const [inboxId, setInboxId] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [priorityTouched, setPriorityTouched] = useState(false);
  const [chosenCategory, setCategory] = useState<string>('service');
  // The organisation's categories (admins edit them under Admin → Escalation policy).
  const policy = useEscalationPolicy(orgId);
  const categoryOptions: [string, string][] =
    policy.data?.policy.categories.map((c) => [c.key, c.name]) ?? CATEGORIES.map((c) => [c, categoryLabel(c)]);
  const category = categoryOptions.some(([key]) => key === chosenCategory)
    ? chosenCategory
    : (categoryOptions.find(([key]) => key === 'other') ?? categoryOptions[0])[0];
  const [handoff, setHandoff] = useState<Record<HandoffName, string>>({
    reason: '',
    steps_taken: '',
    offers_made: '',
    help_needed: '',
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const [templateId, setTemplateId] = useState('');

  const items = inboxes.data ?? [];
  // One inbox: nothing to choose.
  const chosenId = inboxId || (items.length === 1 ? items[0].id : '');
  const chosen = items.find((inbox) => inbox.id === chosenId);
  const effectivePriority: Priority = priorityTouched ? priority : (chosen?.default_priority ?? 'normal');

  // Templates prefill; the required fields stay required (checked below and by the API).
  const suggestions = useHandoffSuggestions(orgId, conversation.id, chosenId, category).data?.items ?? [];
  const applyTemplate = (id: string) => {
    setTemplateId(id);
    const template = suggestions.find((t) => t.template_id === id);
    if (!template) return;
    setHandoff((old) => {
      const next = { ...old };
      for (const field of HANDOFF_FIELDS) next[field.name] = template.handoff[field.name] ?? old[field.name];
      return next;
    });
    setLocalErrors({});
  };

  const server = fieldErrors(escalate.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];

  const chooseInbox = (id: string) => {
    setInboxId(id);
    setLocalErrors(({ inbox_id: _dropped, ...rest }) => rest);
  };

  const validate = (): Record<string, string[]> => {
    const errors: Record<string, string[]> = {};
    if (!chosenId) errors.inbox_id = ['Choose the inbox to escalate to.'];
    for (const field of HANDOFF_FIELDS) {
      if (field.required && !handoff[field.name].trim()) {
        errors[`handoff.${field.name}`] = [`${field.label} must not be blank.`];
      }
    }
    return errors;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (escalate.isPending) return;
    const errors = validate();
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      escalate.reset();
      // Focus the first field that needs attention.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const inboxName = chosen?.name ?? 'the inbox';
    escalate.mutate(
      {
        inbox_id: chosenId,
        priority: effectivePriority,
        category,
        handoff: {
          reason: handoff.reason.trim(),
          steps_taken: handoff.steps_taken.trim(),
          offers_made: handoff.offers_made.trim() || null,
          help_needed: handoff.help_needed.trim(),
        },
      },
      {
        onSuccess: (result) => {
          onClose();
          if (!('escalation' in result)) {
            // A restricted inbox: a supervisor or admin decides; it stays with the agent meanwhile.
            const state: FlashState = {
              flash: `${inboxName} is restricted: escalating ${conversation.contact.name} waits for a supervisor's approval. It stays in your queue until then.`,
            };
            navigate(`/orgs/${orgId}/conversations/${conversation.id}`, { state });
            return;
          }
          const done = `${conversation.contact.name} was escalated to ${inboxName}.`;
          const next = result.next_conversation;
          if (next) {
            const state: FlashState = { from: 'queue', flash: `${done} Next in your queue: ${next.contact.name}.` };
            navigate(`/orgs/${orgId}/conversations/${next.id}`, { state });
          } else {
            const state: FlashState = { flash: `${done} Nothing else is waiting in your queue.` };
            navigate(`/orgs/${orgId}/queue`, { state });
          }
        },
      },
    );
  };

  const hasLocalErrors = Object.keys(localErrors).length > 0;

  return (
    <Dialog
      title={`Escalate ${conversation.contact.name}`}
      description="Hand the conversation to an escalation inbox. It leaves your queue; the inbox's owners take it from here."
      onClose={onClose}
    >
      {inboxes.data ? null : <LoadState query={inboxes} label="Loading inboxes…" />}
      {inboxes.data && items.length === 0 ? (
        <EmptyState title="No escalation inboxes yet">
          <p>An admin creates them under Admin → Inboxes.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <form ref={formRef} className="escalate-form" onSubmit={onSubmit} noValidate aria-label="Escalation">
          <div className="form-grid three">
            <SelectField
              label="Inbox"
              name="inbox_id"
              required
              value={chosenId}
              onChange={(event) => chooseInbox(event.target.value)}
              errors={errorsFor('inbox_id')}
            >
              {items.length > 1 ? <option value="">Choose an inbox…</option> : null}
              {items.map((inbox: Inbox) => (
                <option key={inbox.id} value={inbox.id}>
                  {inbox.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Priority"
              name="priority"
              value={effectivePriority}
              onChange={(event) => {
                setPriority(event.target.value as Priority);
                setPriorityTouched(true);
              }}
              hint={chosen ? `This inbox's default: ${PRIORITY_LABELS[chosen.default_priority ?? 'normal'].toLowerCase()}.` : undefined}
              errors={errorsFor('priority')}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Category"
              name="category"
              value={category}
              onChange={(event) => setCategory(event.target.value)}
              errors={errorsFor('category')}
            >
              {categoryOptions.map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </SelectField>
          </div>
          {chosen?.description ? <p className="muted inbox-description">{chosen.description}</p> : null}
          <fieldset className="handoff">
            <legend>Hand-off note</legend>
            {suggestions.length ? (
              <SelectField
                label="Start from a template"
                name="template"
                value={templateId}
                hint="Fills in the fields it has; you can still change every word."
                onChange={(event) => applyTemplate(event.target.value)}
              >
                <option value="">No template</option>
                {suggestions.map((t) => (
                  <option key={t.template_id} value={t.template_id}>
                    {t.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {HANDOFF_FIELDS.map((field) => (
              <TextAreaField
                key={field.name}
                label={field.label}
                name={field.name}
                rows={2}
                maxLength={2000}
                required={field.required}
                aria-required={field.required || undefined}
                value={handoff[field.name]}
                hint={field.hint}
                errors={errorsFor(`handoff.${field.name}`)}
                onChange={(event) => {
                  const value = event.target.value;
                  setHandoff((old) => ({ ...old, [field.name]: value }));
                  if (value.trim()) {
                    setLocalErrors(({ [`handoff.${field.name}`]: _dropped, ...rest }) => rest);
                  }
                }}
              />
            ))}
          </fieldset>
          {hasLocalErrors ? (
            <p className="problem" role="alert">
              <strong>Please complete the hand-off:</strong> the highlighted fields are required.
            </p>
          ) : null}
          <ProblemMessage
            error={escalate.error}
            fields={['inbox_id', 'priority', 'category', ...HANDOFF_FIELDS.map((f) => `handoff.${f.name}`)]}
          />
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={escalate.isPending}>
              {escalate.isPending ? 'Escalating…' : 'Escalate'}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
