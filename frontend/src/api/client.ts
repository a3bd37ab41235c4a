import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from './problem';
import { expireSession, isSignedIn } from '../auth/session';

// Answers of these say "wrong password" or "enter your code", not "your session ended".
const SIGN_IN_PATHS = ['/auth/cookie/login', '/auth/cookie/two-factor', '/auth/cookie/logout'];

/**
 * The session travels in an HttpOnly cookie the browser sends by itself (same origin): nothing to
 * add here. A 401 on anything but signing in ends the session in this tab (→ sign-in).
 */
export const authMiddleware: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !SIGN_IN_PATHS.some((p) => path.endsWith(p)) && isSignedIn()) {
      expireSession();
    }
    return response;
  },
};

export const api = createClient<paths>({
  // Absolute so that `new Request()` works outside a browser (tests); same origin as the page.
  baseUrl: typeof window !== 'undefined' ? window.location.origin : '',
  // Looked up on every call (not captured once), so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
  credentials: 'same-origin',
});
api.use(authMiddleware);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a 2xx answer, or an ApiError carrying the problem+json of anything else. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, toProblem(error, response.status, response.statusText));
  }
  return data as T;
}
