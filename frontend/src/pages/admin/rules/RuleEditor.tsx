import { useState, type FormEvent } from 'react';
import { useCreateRule, useUpdateRule } from '../../../api/queries/rules';
import { useInboxes } from '../../../api/queries/inboxes';
import { useCampaignOptions, useMemberDirectory } from '../../../api/queries/admin';
import { useCalendars } from '../../../api/queries/sla';
import type { Rule, RuleCreate, RuleTrigger } from '../../../api/types';
import { useOrg } from '../../../org/OrgContext';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { PRIORITY_LABELS } from '../../../components/escalation';
import {
  ACTION_TYPES,
  actionDraft,
  actionJson,
  CONDITION_TYPES,
  conditionDraft,
  conditionsJson,
  isFlat,
  newAction,
  newCondition,
  OPS,
  type ActionDraft,
  type ActionType,
  type ConditionDraft,
  type ConditionType,
  type Json,
} from './drafts';

export const TRIGGERS: Record<RuleTrigger, string> = {
  'message.received': 'A message arrives',
  'conversation.escalated': 'A conversation is escalated',
  'escalation.updated': 'An escalation changes (priority, category, inbox)',
};

/** Create (no `rule`) or edit a rule: its trigger, conditions (all/any, each may be negated), actions. */
export function RuleEditor({ rule, onDone }: { rule?: Rule; onDone: (message?: string) => void }) {
  const { orgId } = useOrg();
  const create = useCreateRule(orgId);
  const update = useUpdateRule(orgId);
  const saving = rule ? update : create;
  const flat = rule ? isFlat(rule.conditions as Json) : true;
  const [name, setName] = useState(rule?.name ?? '');
  const [trigger, setTrigger] = useState<RuleTrigger>(rule?.trigger ?? 'message.received');
  const [mode, setMode] = useState<'all' | 'any'>((rule?.conditions.type as 'all' | 'any' | undefined) ?? 'all');
  const [conditions, setConditions] = useState<ConditionDraft[]>(
    rule && flat ? ((rule.conditions.conditions as Json[]) ?? []).map(conditionDraft) : [newCondition()],
  );
  const [advanced, setAdvanced] = useState(flat ? '' : JSON.stringify(rule?.conditions, null, 2));
  const [actions, setActions] = useState<ActionDraft[]>(rule ? rule.actions.map((a) => actionDraft(a as Json)) : [newAction('escalate')]);
  const [localError, setLocalError] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    let conditionBody: Json;
    try {
      conditionBody = flat ? conditionsJson(mode, conditions) : (JSON.parse(advanced) as Json);
    } catch {
      setLocalError('The conditions are not valid JSON.');
      return;
    }
    if (!name.trim()) {
      setLocalError('Give the rule a name.');
      return;
    }
    if (actions.length === 0) {
      setLocalError('Add at least one action.');
      return;
    }
    setLocalError('');
    const body = {
      name: name.trim(),
      trigger,
      conditions: conditionBody,
      actions: actions.map(actionJson),
    } as unknown as RuleCreate;
    const label = `Rule “${body.name}”`;
    if (rule) {
      update.mutate({ ruleId: rule.id, body }, { onSuccess: (saved) => onDone(`${label} saved (version ${saved.version}).`) });
    } else {
      create.mutate(body, { onSuccess: () => onDone(`${label} created.`) });
    }
  };

  return (
    <form className="panel rule-editor" onSubmit={onSubmit} noValidate aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}>
      <h3>{rule ? `Edit “${rule.name}” (version ${rule.version})` : 'New rule'}</h3>
      <div className="inline-form">
        <TextField label="Name" name="name" maxLength={200} required value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label="When" name="trigger" value={trigger} onChange={(e) => setTrigger(e.target.value as RuleTrigger)}>
          {Object.entries(TRIGGERS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset>
        <legend>If</legend>
        {flat ? (
          <>
            <SelectField label="Match" name="mode" value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'any')}>
              <option value="all">all of these (none: always)</option>
              <option value="any">any of these</option>
            </SelectField>
            <ol className="rule-rows">
              {conditions.map((draft, index) => (
                <li key={index}>
                  <ConditionRow
                    index={index}
                    draft={draft}
                    onChange={(next) => setConditions((rows) => rows.map((row, i) => (i === index ? next : row)))}
                    onRemove={() => setConditions((rows) => rows.filter((_, i) => i !== index))}
                  />
                </li>
              ))}
            </ol>
            <button type="button" className="button secondary small" onClick={() => setConditions((rows) => [...rows, newCondition()])}>
              Add condition
            </button>
          </>
        ) : (
          <TextAreaField
            label="Conditions (JSON)"
            name="conditions"
            rows={8}
            value={advanced}
            onChange={(e) => setAdvanced(e.target.value)}
            hint="Nested all/any/not: edited as JSON."
          />
        )}
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        <ol className="rule-rows">
          {actions.map((draft, index) => (
            <li key={index}>
              <ActionRow
                index={index}
                draft={draft}
                onChange={(next) => setActions((rows) => rows.map((row, i) => (i === index ? next : row)))}
                onRemove={() => setActions((rows) => rows.filter((_, i) => i !== index))}
              />
            </li>
          ))}
        </ol>
        <button type="button" className="button secondary small" onClick={() => setActions((rows) => [...rows, newAction()])}>
          Add action
        </button>
      </fieldset>
      {localError ? (
        <p className="field-error" role="alert">
          {localError}
        </p>
      ) : null}
      <ProblemMessage error={saving.error} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={saving.isPending}>
          {saving.isPending ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ConditionRow({
  index,
  draft,
  onChange,
  onRemove,
}: {
  index: number;
  draft: ConditionDraft;
  onChange: (draft: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const { orgId } = useOrg();
  const campaigns = useCampaignOptions(orgId);
  const calendars = useCalendars(orgId);
  const n = index + 1;
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...draft, ...patch });
  const opSelect = (extra: Record<string, string> = {}) => (
    <SelectField label={`Comparison ${n}`} name={`op-${n}`} value={draft.op} onChange={(e) => set({ op: e.target.value })}>
      {Object.entries({ ...OPS, ...extra }).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </SelectField>
  );
  return (
    <div className="inline-form" role="group" aria-label={`Condition ${n}`}>
      <label className="checkbox">
        <input type="checkbox" checked={draft.negate} onChange={(e) => set({ negate: e.target.checked })} /> not
      </label>
      <SelectField
        label={`Condition type ${n}`}
        name={`condition-${n}`}
        value={draft.type}
        onChange={(e) => onChange({ ...newCondition(e.target.value as ConditionType), negate: draft.negate })}
      >
        {Object.entries(CONDITION_TYPES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {draft.type === 'contact_attribute' ? (
        <>
          <TextField label={`Attribute ${n}`} name={`key-${n}`} value={draft.key} onChange={(e) => set({ key: e.target.value })} />
          {opSelect({ in: 'in', exists: 'is set', missing: 'is not set' })}
        </>
      ) : null}
      {draft.type === 'priority' || draft.type === 'escalation_level' ? opSelect() : null}
      {draft.type === 'campaign' ? (
        <SelectField label={`Campaign ${n}`} name={`value-${n}`} value={draft.text} onChange={(e) => set({ text: e.target.value })}>
          <option value="">Choose…</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      ) : draft.type === 'business_hours' ? (
        <>
          <SelectField label={`Calendar ${n}`} name={`value-${n}`} value={draft.text} onChange={(e) => set({ text: e.target.value })}>
            <option value="">Choose…</option>
            {(calendars.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={`Hours ${n}`} name={`within-${n}`} value={draft.within ? 'within' : 'outside'} onChange={(e) => set({ within: e.target.value === 'within' })}>
            <option value="within">within opening hours</option>
            <option value="outside">outside opening hours</option>
          </SelectField>
        </>
      ) : draft.type === 'priority' ? (
        <SelectField label={`Value ${n}`} name={`value-${n}`} value={draft.text || 'high'} onChange={(e) => set({ text: e.target.value })}>
          {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      ) : draft.op === 'exists' || draft.op === 'missing' ? null : (
        <TextField
          label={`Value ${n}`}
          name={`value-${n}`}
          value={draft.text}
          onChange={(e) => set({ text: e.target.value })}
          hint={
            draft.type === 'keywords' || draft.type === 'channel' || draft.type === 'category'
              ? 'Comma-separated'
              : draft.type === 'contact_attribute'
                ? 'Numbers and true/false are typed; "2" in quotes is text'
                : undefined
          }
        />
      )}
      <button type="button" className="button secondary small" onClick={onRemove}>
        Remove <span className="visually-hidden">condition {n}</span>
      </button>
    </div>
  );
}

function ActionRow({
  index,
  draft,
  onChange,
  onRemove,
}: {
  index: number;
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  onRemove: () => void;
}) {
  const { orgId } = useOrg();
  const inboxes = useInboxes(orgId, { live: false });
  const members = useMemberDirectory(orgId);
  const n = index + 1;
  const set = (patch: Partial<ActionDraft>) => onChange({ ...draft, ...patch });
  const inboxSelect = (
    <SelectField label={`Inbox ${n}`} name={`inbox-${n}`} value={draft.value} onChange={(e) => set({ value: e.target.value })}>
      <option value="">Choose…</option>
      {(inboxes.data ?? []).map((inbox) => (
        <option key={inbox.id} value={inbox.id}>
          {inbox.name}
          {inbox.restricted ? ' (restricted)' : ''}
        </option>
      ))}
    </SelectField>
  );
  const prioritySelect = (value: string, onPick: (v: string) => void, label: string, optional: boolean) => (
    <SelectField label={`${label} ${n}`} name={`priority-${n}`} value={value} onChange={(e) => onPick(e.target.value)}>
      {optional ? <option value="">the inbox’s default</option> : null}
      {Object.entries(PRIORITY_LABELS).map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </SelectField>
  );
  return (
    <div className="inline-form" role="group" aria-label={`Action ${n}`}>
      <SelectField label={`Action type ${n}`} name={`action-${n}`} value={draft.type} onChange={(e) => onChange(newAction(e.target.value as ActionType))}>
        {Object.entries(ACTION_TYPES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {draft.type === 'escalate' ? (
        <>
          {inboxSelect}
          {prioritySelect(draft.priority, (priority) => set({ priority }), 'Priority', true)}
          <TextField label={`Note ${n}`} name={`note-${n}`} value={draft.note} onChange={(e) => set({ note: e.target.value })} />
        </>
      ) : null}
      {draft.type === 'move_to_inbox' ? inboxSelect : null}
      {draft.type === 'set_priority' ? (
        <>
          {prioritySelect(draft.value || 'high', (value) => set({ value }), 'Priority', false)}
          <label className="checkbox">
            <input type="checkbox" checked={draft.allowLower} onChange={(e) => set({ allowLower: e.target.checked })} /> also
            lower than a person set it
          </label>
        </>
      ) : null}
      {draft.type === 'set_category' || draft.type === 'add_tag' ? (
        <TextField
          label={`${draft.type === 'add_tag' ? 'Tag' : 'Category'} ${n}`}
          name={`value-${n}`}
          value={draft.value}
          onChange={(e) => set({ value: e.target.value })}
        />
      ) : null}
      {draft.type === 'notify' ? (
        <>
          <SelectField
            label={`Whom ${n}`}
            name={`target-${n}`}
            value={draft.target}
            onChange={(e) => set({ target: e.target.value as ActionDraft['target'], value: '' })}
          >
            <option value="member">a member</option>
            <option value="role">everyone with a role</option>
            <option value="slack">a Slack webhook</option>
          </SelectField>
          {draft.target === 'member' ? (
            <SelectField label={`Member ${n}`} name={`value-${n}`} value={draft.value} onChange={(e) => set({ value: e.target.value })}>
              <option value="">Choose…</option>
              {[...(members.data?.values() ?? [])].map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.email}
                </option>
              ))}
            </SelectField>
          ) : draft.target === 'role' ? (
            <SelectField label={`Role ${n}`} name={`value-${n}`} value={draft.value || 'supervisor'} onChange={(e) => set({ value: e.target.value })}>
              {['agent', 'supervisor', 'admin', 'owner'].map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </SelectField>
          ) : (
            <TextField label={`Slack URL ${n}`} name={`value-${n}`} type="url" value={draft.value} onChange={(e) => set({ value: e.target.value })} />
          )}
          <TextField label={`Message ${n}`} name={`note-${n}`} value={draft.note} onChange={(e) => set({ note: e.target.value })} />
        </>
      ) : null}
      <button type="button" className="button secondary small" onClick={onRemove}>
        Remove <span className="visually-hidden">action {n}</span>
      </button>
    </div>
  );
}
