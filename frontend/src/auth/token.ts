/** The bearer token lives in localStorage so a reload keeps the session; listeners hear changes. */

const KEY = 'escalation-inbox.token';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export function getToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Why the last session ended: signed out on purpose, or refused by the API (401). */
export type EndReason = 'user' | 'expired';
let endReason: EndReason | null = null;

export function sessionEndReason(): EndReason | null {
  return endReason;
}

export function setToken(token: string | null, reason: EndReason = 'user'): void {
  endReason = token ? null : reason;
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the session then lasts as long as the tab */
  }
  listeners.forEach((listener) => listener(token));
}

/** The API said 401: the token expired or was revoked. */
export function expireToken(): void {
  setToken(null, 'expired');
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) {
      // Signed in or out in another tab.
      endReason = event.newValue ? null : 'user';
      listener(event.newValue);
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
