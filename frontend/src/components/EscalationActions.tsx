import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useEscalationAction, type EscalationAction } from '../api/queries/escalations';
import { errorMessage, fieldErrors } from '../api/problem';
import type { Escalation, Inbox } from '../api/types';
import { SelectField, TextAreaField } from './Field';
import { ProblemMessage } from './ProblemMessage';

type Panel = 'move' | 'de-escalate' | 'resolve' | null;

interface Props {
  orgId: string;
  escalation: Escalation;
  /** Every inbox of the organisation (the move picker offers the others). */
  inboxes: Inbox[] | undefined;
  /** May the caller give the claim back (their own claim, or supervisor and above)? */
  canRelease: boolean;
  /** The result of an action, in words, for the page's live region (error set when it failed). */
  onResult: (message: string, error?: unknown) => void;
  /** Show a "Details" link to the escalation page (the owner view does; the page itself does not). */
  detailsLink?: boolean;
}

const VERBS = { release: 'release', move: 'move', 'de-escalate': 'de-escalate', resolve: 'resolve' } as const;

/**
 * The actions on one live escalation: reply (the conversation view), release, move (inbox picker),
 * de-escalate and resolve (each with an optional note). Move, de-escalate and resolve open a small
 * form in place; Escape or Cancel closes it and puts focus back on its button.
 */
export function EscalationActions({ orgId, escalation, inboxes, canRelease, onResult, detailsLink }: Props) {
  const action = useEscalationAction(orgId);
  // Each action applies only to the version shown (If-Match); a stale one is refused with a reload hint.
  const version = { escalationId: escalation.id, version: escalation.updated_at };
  const [panel, setPanel] = useState<Panel>(null);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState('');
  const [panelError, setPanelError] = useState<unknown>(null);
  const triggers = useRef<Partial<Record<Exclude<Panel, null>, HTMLButtonElement | null>>>({});
  const panelRef = useRef<HTMLFormElement>(null);
  const lastPanel = useRef<Panel>(null);
  const panelId = useId();
  const name = escalation.conversation.contact_name;
  const live = escalation.status === 'open' || escalation.status === 'claimed';
  const others = (inboxes ?? []).filter((inbox) => inbox.id !== escalation.inbox_id);
  const inboxName = (id: string) => inboxes?.find((inbox) => inbox.id === id)?.name ?? 'the other inbox';

  const pickerReady = inboxes !== undefined;
  useEffect(() => {
    if (panel) panelRef.current?.querySelector<HTMLElement>('select, textarea')?.focus();
    else if (lastPanel.current) triggers.current[lastPanel.current]?.focus();
    lastPanel.current = panel;
  }, [panel]);

  const open = (next: Exclude<Panel, null>) => {
    setPanel((current) => (current === next ? null : next));
    setNote('');
    setTarget('');
    setPanelError(null);
  };

  const run = (request: EscalationAction, success: string) => {
    action.mutate(request, {
      onSuccess: () => {
        setPanel(null);
        onResult(success);
      },
      onError: (error) => {
        setPanelError(error);
        onResult(`Could not ${VERBS[request.kind]} ${name}: ${errorMessage(error)}`, request.kind === 'release' ? error : undefined);
      },
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (panel === 'move') {
      if (!target) {
        setPanelError(new Error('Choose the inbox to move it to.'));
        return;
      }
      run({ kind: 'move', ...version, inboxId: target, note }, `${name} was moved to ${inboxName(target)}.`);
    } else if (panel === 'de-escalate') {
      run({ kind: 'de-escalate', ...version, note }, `${name} was de-escalated back to their campaign.`);
    } else if (panel === 'resolve') {
      run({ kind: 'resolve', ...version, note }, `${name} was resolved.`);
    }
  };

  const busy = action.isPending;
  const noteErrors = fieldErrors(panelError).note;

  return (
    <div className="escalation-actions-wrap">
      <div className="escalation-actions" role="group" aria-label={`Actions for ${name}`}>
        {detailsLink ? (
          <Link to={`/orgs/${orgId}/escalations/${escalation.id}`} className="button secondary small">
            Details{' '}<span className="visually-hidden">of {name}</span>
          </Link>
        ) : null}
        <Link
          to={`/orgs/${orgId}/conversations/${escalation.conversation_id}`}
          state={{ from: 'escalations' }}
          className="button small"
        >
          Reply{' '}<span className="visually-hidden">to {name}</span>
        </Link>
        {live && escalation.status === 'claimed' && canRelease ? (
          <button
            type="button"
            className="button secondary small"
            disabled={busy}
            onClick={() => run({ kind: 'release', ...version }, `${name} was released back to the inbox.`)}
          >
            Release{' '}<span className="visually-hidden">{name}</span>
          </button>
        ) : null}
        {live
          ? (
              [
                ['move', 'Move…'],
                ['de-escalate', 'De-escalate…'],
                ['resolve', 'Resolve…'],
              ] as const
            ).map(([kind, label]) => (
              <button
                key={kind}
                ref={(el) => {
                  triggers.current[kind] = el;
                }}
                type="button"
                className="button secondary small"
                aria-expanded={panel === kind}
                aria-controls={panel === kind ? panelId : undefined}
                disabled={busy}
                onClick={() => open(kind)}
              >
                {label}
                {' '}<span className="visually-hidden">{name}</span>
              </button>
            ))
          : null}
      </div>
      {panel ? (
        <form
          ref={panelRef}
          id={panelId}
          className="action-panel"
          onSubmit={submit}
          noValidate
          aria-label={panel === 'move' ? `Move ${name}` : panel === 'de-escalate' ? `De-escalate ${name}` : `Resolve ${name}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setPanel(null);
            }
          }}
        >
          {panel === 'move' ? (
            pickerReady && others.length === 0 ? (
              <p className="muted">There is no other inbox to move it to.</p>
            ) : (
              <SelectField
                label="Move to inbox"
                name="inbox_id"
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                hint="It arrives unclaimed; whoever holds it now loses the claim."
                errors={fieldErrors(panelError).inbox_id}
              >
                <option value="">{pickerReady ? 'Choose an inbox…' : 'Loading inboxes…'}</option>
                {others.map((inbox) => (
                  <option key={inbox.id} value={inbox.id}>
                    {inbox.name}
                  </option>
                ))}
              </SelectField>
            )
          ) : null}
          <TextAreaField
            label="Note (optional)"
            name="note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            hint={
              panel === 'de-escalate'
                ? 'The conversation goes back to its campaign, unassigned.'
                : panel === 'resolve'
                  ? 'Closes the escalation.'
                  : undefined
            }
            errors={noteErrors}
          />
          <ProblemMessage error={panelError} fields={['note', 'inbox_id']} />
          <div className="action-panel-buttons">
            <button type="submit" className="button small" disabled={busy || (panel === 'move' && others.length === 0)}>
              {busy ? 'Working…' : panel === 'move' ? 'Move' : panel === 'de-escalate' ? 'De-escalate' : 'Resolve'}
            </button>
            <button type="button" className="button secondary small" onClick={() => setPanel(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
