import { useLocation } from 'react-router';

/** Navigation state that carries a one-off message to the next screen ("Escalated … to Billing."). */
export interface FlashState {
  from?: string;
  flash?: string;
}

/** The message another screen sent along with the navigation, if any. */
export function Flash() {
  const location = useLocation();
  const message = (location.state as FlashState | null)?.flash;
  if (!message) return null;
  return (
    <p className="notice flash" role="status">
      {message}
    </p>
  );
}
