/**
 * A polite live region: screen readers announce its text when it changes. Keep it mounted and
 * change the message (a region added together with its text is often not announced).
 */
export function LiveStatus({ message, className = '' }: { message: string; className?: string }) {
  return (
    <p className={`live-status ${className}`.trim()} role="status" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}
