import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from './problem';
import { expireToken, getToken } from '../auth/token';

/** Adds the bearer token; a 401 on anything but the login itself ends the session (→ sign-in). */
export const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/jwt/login') && getToken()) {
      expireToken();
    }
    return response;
  },
};

export const api = createClient<paths>({
  // Absolute so that `new Request()` works outside a browser (tests); same origin as the page.
  baseUrl: typeof window !== 'undefined' ? window.location.origin : '',
  // Looked up on every call (not captured once), so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
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
