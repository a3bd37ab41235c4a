import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNoteActions } from '../api/queries/notes';
import type { Member, Note } from '../api/types';
import { ProblemMessage } from './ProblemMessage';
import { formatDateTime, formatWhen } from './time';

/** A mention is `@` and a member's email address (the API's syntax): `@tess@example.com`. */
const MENTION = /(?<![\w.+@-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
/** The mention being typed just before the caret: `@` and what follows it so far. */
const TYPING = /(?:^|[^\w.+@-])@([^\s@]*(?:@[^\s@]*)?)$/;
const MAX_SUGGESTIONS = 6;

/** The note's text, each mention shown as a name where the member is known. */
export function NoteText({ body, people }: { body: string; people: Map<string, Member> }) {
  const byEmail = useMemo(() => new Map([...people.values()].map((m) => [m.email.toLowerCase(), m])), [people]);
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const start = match.index ?? 0;
    parts.push(body.slice(last, start));
    const member = byEmail.get(match[1].toLowerCase());
    parts.push(
      <strong key={start} className="mention" title={match[1]}>
        @{member?.display_name || match[1]}
      </strong>,
    );
    last = start + match[0].length;
  }
  parts.push(body.slice(last));
  return <p className="note-body">{parts}</p>;
}

interface Suggesting {
  start: number;
  matches: Member[];
}

/** A textarea that offers the members who may see the escalation after an `@`. */
function MentionTextarea({
  value,
  onChange,
  candidates,
  label,
  hint,
}: {
  value: string;
  onChange: (value: string) => void;
  candidates: Member[];
  label: string;
  hint: string;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [suggesting, setSuggesting] = useState<Suggesting | null>(null);
  const [active, setActive] = useState(0);

  const look = (text: string, caret: number) => {
    const typed = TYPING.exec(text.slice(0, caret));
    if (!typed) return setSuggesting(null);
    const query = typed[1].toLowerCase();
    const matches = candidates
      .filter((m) => m.email.toLowerCase().includes(query) || (m.display_name ?? '').toLowerCase().includes(query))
      .slice(0, MAX_SUGGESTIONS);
    setActive(0);
    setSuggesting(matches.length ? { start: caret - typed[1].length - 1, matches } : null);
  };

  const pick = (member: Member) => {
    if (!suggesting) return;
    const caret = ref.current?.selectionStart ?? value.length;
    const inserted = `@${member.email} `;
    onChange(value.slice(0, suggesting.start) + inserted + value.slice(caret));
    setSuggesting(null);
    const at = suggesting.start + inserted.length;
    requestAnimationFrame(() => ref.current?.setSelectionRange(at, at));
    ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!suggesting) return;
    const count = suggesting.matches.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(suggesting.matches[active]);
    } else if (event.key === 'Escape') {
      setSuggesting(null);
    }
  };

  return (
    <div className="mention-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={ref}
        rows={3}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          onChange(event.target.value);
          look(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setSuggesting(null), 150)}
      />
      <p id={`${id}-hint`} className="muted small-text">
        {hint}
      </p>
      {suggesting ? (
        <ul className="mention-suggestions" aria-label="Members to mention">
          {suggesting.matches.map((member, i) => (
            <li key={member.user_id}>
              <button
                type="button"
                className={i === active ? 'mention-option active' : 'mention-option'}
                aria-current={i === active ? 'true' : undefined}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(member)}
              >
                {member.display_name || member.email} <span className="muted">{member.email}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {suggesting ? `${suggesting.matches.length} members to mention; arrows to choose, Enter to insert` : ''}
      </p>
    </div>
  );
}

const HINT = 'Internal: the contact never sees it. Type @ to mention someone who can see this escalation.';

/** Writing a new note. */
export function NoteComposer({ orgId, escalationId, candidates }: { orgId: string; escalationId: string; candidates: Member[] }) {
  const { add } = useNoteActions(orgId, escalationId);
  const [body, setBody] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate(body, { onSuccess: () => setBody('') });
  };
  return (
    <form className="note-composer" onSubmit={submit} aria-label="Add an internal note">
      <MentionTextarea value={body} onChange={setBody} candidates={candidates} label="Internal note" hint={HINT} />
      {add.error ? <ProblemMessage error={add.error} /> : null}
      <button type="submit" className="button small" disabled={add.isPending || !body.trim()}>
        {add.isPending ? 'Adding…' : 'Add note'}
      </button>
    </form>
  );
}

/** One note in the timeline: its author may edit or delete it. */
export function NoteCard({
  orgId,
  escalationId,
  note,
  author,
  mine,
  people,
  candidates,
  now,
}: {
  orgId: string;
  escalationId: string;
  note: Note;
  author: string;
  mine: boolean;
  people: Map<string, Member>;
  candidates: Member[];
  now: number;
}) {
  const { edit, remove } = useNoteActions(orgId, escalationId);
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const error = edit.error ?? remove.error;
  const byline = (
    <p className="event-meta">
      <span className="event-actor">{author.charAt(0).toUpperCase() + author.slice(1)}</span> ·{' '}
      <time dateTime={note.created_at} title={formatDateTime(note.created_at)}>
        {formatWhen(note.created_at, now)}
      </time>
      {note.edited_at ? <span className="muted"> · edited</span> : null}
    </p>
  );
  if (note.body === null) {
    return (
      <li className="event event-note-added note deleted">
        <p className="event-text muted">A note was deleted</p>
        {byline}
      </li>
    );
  }
  return (
    <li className="event event-note-added note">
      <p className="event-text">Internal note</p>
      {byline}
      {draft === null ? (
        <NoteText body={note.body} people={people} />
      ) : (
        <form
          aria-label="Edit note"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) edit.mutate({ noteId: note.id, body: draft }, { onSuccess: () => setDraft(null) });
          }}
        >
          <MentionTextarea value={draft} onChange={setDraft} candidates={candidates} label="Edit note" hint={HINT} />
          <div className="button-row">
            <button type="submit" className="button small" disabled={edit.isPending || !draft.trim()}>
              Save
            </button>
            <button type="button" className="button secondary small" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error ? <ProblemMessage error={error} /> : null}
      {mine && draft === null ? (
        <div className="button-row" role="group" aria-label="Your note">
          {confirming ? (
            <>
              <button type="button" className="button danger small" onClick={() => remove.mutate(note.id)} disabled={remove.isPending}>
                Delete this note
              </button>
              <button type="button" className="button secondary small" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button secondary small" onClick={() => setDraft(note.body ?? '')}>
                Edit
              </button>
              <button type="button" className="button secondary small" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
