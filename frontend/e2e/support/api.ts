/** The API as the tests' own client: seeding, and checking what the screens show against it. */

export interface Person {
  email: string;
  password: string;
  name: string;
  token: string;
  id: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are checked field by field
export type Json = any;

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: the global setup starts the backend and sets it');
  return url;
}

interface CallOptions {
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
}

export async function call(method: string, path: string, { token, json, form }: CallOptions = {}) {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(`${baseUrl()}/api/v1${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : undefined) as Json };
}

/** A call that must succeed: its answer, or an error naming the call and the problem. */
export async function must(method: string, path: string, options?: CallOptions): Promise<Json> {
  const result = await call(method, path, options);
  if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status}: ${JSON.stringify(result.data)}`);
  return result.data;
}

export async function account(email: string, password: string, displayName: string): Promise<Person> {
  const registered = await call('POST', '/auth/register', { json: { email, password, display_name: displayName } });
  if (registered.status !== 201) throw new Error(`register ${email}: ${registered.status} ${JSON.stringify(registered.data)}`);
  const { access_token } = await must('POST', '/auth/jwt/login', { form: { username: email, password } });
  const me = await must('GET', '/users/me', { token: access_token });
  return { email, password, name: displayName, token: access_token, id: me.id };
}

export const HANDOFF = (reason: string) => ({
  reason,
  steps_taken: 'Checked the account and the last three invoices.',
  offers_made: null,
  help_needed: 'Please decide and answer the contact.',
});

export function contactEmail(name: string): string {
  return `${name.toLowerCase().replace(/\W+/g, '.')}@contact.example`;
}
