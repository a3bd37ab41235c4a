import { useState, type DragEvent } from 'react';
import { useCampaignOptions } from '../../../api/queries/admin';
import { useDeleteRule, useReorderRules, useRules, useUpdateRule } from '../../../api/queries/rules';
import type { Rule } from '../../../api/types';
import { useOrg } from '../../../org/OrgContext';
import { LoadState } from '../../../components/LoadState';
import { LiveStatus } from '../../../components/LiveStatus';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { EmptyState } from '../../../components/EmptyState';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { Badge } from '../../../components/Badge';
import { describeConditions, ACTION_TYPES, type ActionType, type Json } from './drafts';
import { RuleEditor, TRIGGERS } from './RuleEditor';
import { DryRunPanel } from './DryRunPanel';

/** `ids` with the rule at `from` moved to `to`. */
export function moved<T>(ids: T[], from: number, to: number): T[] {
  const next = [...ids];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * Admin → Rules: the ordered if/then rules, run on every incoming message and escalation change.
 * Drag a rule (or use Up/Down) to reorder; enable or disable; edit; and a dry run below.
 */
export function RulesPage() {
  const { orgId } = useOrg();
  const rules = useRules(orgId);
  const reorder = useReorderRules(orgId);
  const update = useUpdateRule(orgId);
  const remove = useDeleteRule(orgId);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const items = rules.data ?? [];
  const campaigns = useCampaignOptions(orgId);
  const campaignNames = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));

  const moveTo = (from: number, to: number) => {
    if (to < 0 || to >= items.length || from === to) return;
    const order = moved(items, from, to);
    reorder.mutate(
      order.map((r) => r.id),
      { onSuccess: () => setStatus(`“${items[from].name}” is now rule ${to + 1} of ${items.length}.`) },
    );
  };
  const onDrop = (event: DragEvent, to: number) => {
    event.preventDefault();
    if (dragged !== null) moveTo(dragged, to);
    setDragged(null);
  };
  const toggle = (rule: Rule) =>
    update.mutate(
      { ruleId: rule.id, body: { enabled: !rule.enabled } },
      { onSuccess: () => setStatus(`“${rule.name}” ${rule.enabled ? 'disabled' : 'enabled'}.`) },
    );

  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <p className="muted">
        Evaluated in this order on every event of their kind; each rule that matches acts once and is written to the audit
        trail. A rule with “Stop processing” ends the list for that event.
      </p>
      {editing === 'new' ? (
        <RuleEditor
          onDone={(message) => {
            setEditing(null);
            if (message) setStatus(message);
          }}
        />
      ) : (
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          New rule
        </button>
      )}
      <LiveStatus message={status} />
      <ProblemMessage error={reorder.error ?? update.error ?? remove.error} />
      {rules.data ? null : <LoadState query={rules} label="Loading rules…" />}
      {rules.data && items.length === 0 ? (
        <EmptyState title="No rules yet">
          <p>Rules escalate, prioritise, tag and notify by themselves, e.g. “if the contact asks for a supervisor, escalate”.</p>
        </EmptyState>
      ) : null}
      <ol className="rule-list" aria-label="Rules in evaluation order">
        {items.map((rule, index) => (
          <li
            key={rule.id}
            draggable
            aria-label={rule.name}
            className={dragged === index ? 'rule-item dragging' : 'rule-item'}
            onDragStart={(event) => {
              setDragged(index);
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', rule.id);
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => onDrop(event, index)}
            onDragEnd={() => setDragged(null)}
          >
            <div className="rule-summary">
              <span className="drag-handle" aria-hidden="true">
                ⋮⋮
              </span>
              <strong>
                {index + 1}. {rule.name}
              </strong>{' '}
              <Badge tone={rule.enabled ? 'ok' : 'neutral'}>{rule.enabled ? 'enabled' : 'disabled'}</Badge>{' '}
              <span className="muted">v{rule.version}</span>
              <p>
                <em>{TRIGGERS[rule.trigger]}</em>: if {describeConditions(rule.conditions as Json, campaignNames)} →{' '}
                {rule.actions.map((a) => ACTION_TYPES[a.type as ActionType] ?? String(a.type)).join(', ')}
              </p>
            </div>
            <div className="row-actions">
              <button type="button" className="button secondary small" disabled={index === 0} onClick={() => moveTo(index, index - 1)}>
                Up <span className="visually-hidden">{rule.name}</span>
              </button>
              <button
                type="button"
                className="button secondary small"
                disabled={index === items.length - 1}
                onClick={() => moveTo(index, index + 1)}
              >
                Down <span className="visually-hidden">{rule.name}</span>
              </button>
              <button type="button" className="button secondary small" onClick={() => toggle(rule)}>
                {rule.enabled ? 'Disable' : 'Enable'} <span className="visually-hidden">{rule.name}</span>
              </button>
              <button type="button" className="button secondary small" onClick={() => setEditing(rule.id)}>
                Edit <span className="visually-hidden">{rule.name}</span>
              </button>
              <ConfirmButton
                label="Delete"
                question={`Delete rule “${rule.name}”?`}
                confirmLabel="Delete rule"
                onConfirm={() => remove.mutate(rule.id, { onSuccess: () => setStatus(`Rule “${rule.name}” deleted.`) })}
              />
            </div>
            {editing === rule.id ? (
              <RuleEditor
                rule={rule}
                onDone={(message) => {
                  setEditing(null);
                  if (message) setStatus(message);
                }}
              />
            ) : null}
          </li>
        ))}
      </ol>
      <DryRunPanel />
    </section>
  );
}
