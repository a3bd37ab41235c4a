import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  /** The question asked before acting, e.g. "Remove ada@example.com from this organisation?" */
  question: string;
  confirmLabel?: string;
  onConfirm: () => void;
  busy?: boolean;
  danger?: boolean;
}

/**
 * A destructive action that asks first, in place: the button turns into the question with
 * Confirm and Cancel. Focus moves to Cancel (the safe choice) and back afterwards; Escape cancels.
 */
export function ConfirmButton({ label, question, confirmLabel = 'Confirm', onConfirm, busy, danger = true }: Props) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className={danger ? 'button danger small' : 'button secondary small'}
        onClick={() => setAsking(true)}
        disabled={busy}
      >
        {busy ? 'Working…' : label}
      </button>
    );
  }
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={danger ? 'button danger small' : 'button small'}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button ref={cancelRef} type="button" className="button secondary small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
