/**
 * Whether this browser is signed in.
 *
 * The session itself is an HttpOnly cookie that no script can read (not even ours), sent by the
 * browser with every same-origin request. What is kept here is only a hint, no secret: so that a
 * reload starts on the right screen, and other tabs hear of a sign-in or sign-out. The API has the
 * last word: a 401 ends the session here too.
 */

const KEY = 'escalation-inbox.signed-in';
// Where an earlier version kept a bearer token (script-readable): removed wherever it is found.
const LEGACY_TOKEN_KEY = 'escalation-inbox.token';
type Listener = (signedIn: boolean) => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the hint then lasts as long as the page
  }
}

let memory = false;
storage()?.removeItem(LEGACY_TOKEN_KEY);

export function isSignedIn(): boolean {
  const store = storage();
  return store ? store.getItem(KEY) === '1' : memory;
}

/** Why the last session ended: signed out on purpose, or refused by the API (401). */
export type EndReason = 'user' | 'expired';
let endReason: EndReason | null = null;

export function sessionEndReason(): EndReason | null {
  return endReason;
}

export function setSignedIn(signedIn: boolean, reason: EndReason = 'user'): void {
  endReason = signedIn ? null : reason;
  memory = signedIn;
  const store = storage();
  if (signedIn) store?.setItem(KEY, '1');
  else store?.removeItem(KEY);
  listeners.forEach((listener) => listener(signedIn));
}

/** The API said 401: the session expired or was ended (here or on another device). */
export function expireSession(): void {
  setSignedIn(false, 'expired');
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) {
      // Signed in or out in another tab.
      endReason = event.newValue ? null : 'user';
      listener(event.newValue === '1');
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
