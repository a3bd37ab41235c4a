import type { Presence } from '../api/types';

/** "Ana is viewing · Ben is typing a reply": the others who have this escalation open now. */
export function PresenceNotice({ present, meId }: { present: Presence[]; meId: string | undefined }) {
  const others = present.filter((p) => p.user_id !== meId);
  return (
    <div className="presence" role="status" aria-live="polite">
      {others.length ? (
        <ul className="presence-list" aria-label="Also here">
          {others.map((p) => (
            <li key={p.user_id} className={p.state === 'composing' ? 'presence-composing' : undefined}>
              <span className="presence-dot" aria-hidden="true" />
              {p.display_name || p.email} {p.state === 'composing' ? 'is typing a reply' : 'is viewing'}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
