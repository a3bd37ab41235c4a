/**
 * RFC 9457 problem+json → words a person can act on.
 *
 * Every non-2xx answer from the backend is a problem document: {type, title, status, detail,
 * errors?: [{loc, msg}]}. fastapi-users' own errors arrive as problems too, with the upper-case
 * code kept in `error_code` (and `reason` for password rules).
 */

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type?: string | null;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string | null;
  instance?: string | null;
  errors?: ValidationIssue[];
  error_code?: string | null;
  reason?: string | null;
  [extension: string]: unknown;
}

/** Thrown by `unwrap` for any non-2xx answer; carries the parsed problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problemSummary(problem) || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Turn whatever the server sent (problem JSON, other JSON, text, nothing) into a problem. */
export function toProblem(body: unknown, status: number, statusText = ''): ProblemDetails {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const obj = body as Record<string, unknown>;
    const problem: ProblemDetails = { ...obj, status: typeof obj.status === 'number' ? obj.status : status };
    // A bare fastapi-users `{detail: "CODE"}` or `{detail: {code, reason}}` (if ever not wrapped).
    if (obj.detail && typeof obj.detail === 'object') {
      const d = obj.detail as Record<string, unknown>;
      problem.reason = typeof d.reason === 'string' ? d.reason : problem.reason;
      problem.detail = problem.reason ?? null;
      problem.error_code = typeof d.code === 'string' ? d.code : problem.error_code;
    }
    if (typeof problem.detail === 'string' && /^[A-Z_]+$/.test(problem.detail) && !problem.error_code) {
      problem.error_code = problem.detail;
    }
    return problem;
  }
  const text = typeof body === 'string' ? body.trim() : '';
  return {
    status,
    title: statusText || defaultTitle(status),
    // An HTML error page from a proxy is no use to anyone; short text is.
    detail: text && text.length < 300 && !text.startsWith('<') ? text : null,
  };
}

const ERROR_CODES: Record<string, string> = {
  LOGIN_BAD_CREDENTIALS: 'The email address or password is wrong, or the account is inactive.',
  LOGIN_USER_NOT_VERIFIED: 'This account has not been verified yet.',
  REGISTER_USER_ALREADY_EXISTS: 'An account with this email address already exists. Sign in instead.',
  REGISTER_INVALID_PASSWORD: 'The password is not allowed.',
  RESET_PASSWORD_BAD_TOKEN: 'The reset link is invalid or has expired.',
  UPDATE_USER_EMAIL_ALREADY_EXISTS: 'Another account already uses this email address.',
};

function defaultTitle(status: number): string {
  if (status === 0) return 'Could not reach the server';
  if (status === 401) return 'Please sign in';
  if (status === 403) return 'Not allowed';
  if (status === 404) return 'Not found';
  if (status === 409) return 'Conflict';
  if (status === 429) return 'Too many requests';
  if (status >= 500) return 'The server had a problem';
  return 'Request failed';
}

export const STALE_MESSAGE =
  'Someone else changed this after you opened it, so your change was not saved. ' +
  'Reload to see their version, then make your change again.';

/** A 409 `stale-if-match`: the thing changed since it was read (the SPA sends If-Match). */
export function isStaleProblem(problem: ProblemDetails | null | undefined): boolean {
  return problem?.status === 409 && !!problem.type?.endsWith('/stale-if-match');
}

/** A 409 `stale-reply`: the contact wrote after the newest message the reply was written over. */
export function staleReplyMessageId(error: unknown): string | null {
  const problem = error instanceof ApiError ? error.problem : null;
  if (problem?.status !== 409 || !problem.type?.endsWith('/stale-reply')) return null;
  return typeof problem.message_id === 'string' ? problem.message_id : null;
}

/** One sentence for the problem as a whole (the field messages are listed separately). */
export function problemSummary(problem: ProblemDetails): string {
  if (isStaleProblem(problem)) return STALE_MESSAGE;
  const code = problem.error_code ?? undefined;
  if (code && ERROR_CODES[code]) {
    const reason = problem.reason ? ` ${problem.reason}` : '';
    return ERROR_CODES[code] + reason;
  }
  if (problem.reason) return problem.reason;
  if (problem.detail) return problem.detail;
  if (problem.title) return problem.title;
  return defaultTitle(problem.status ?? 0);
}

/** Title for the box (what kind of problem), e.g. "Invalid request", "Conflict". */
export function problemTitle(problem: ProblemDetails): string {
  if (isStaleProblem(problem)) return 'Changed by someone else';
  return problem.title || defaultTitle(problem.status ?? 0);
}

/** The field a validation issue is about, as a dotted path without the "body"/"query" prefix. */
export function fieldKey(loc: (string | number)[]): string {
  const parts = loc.length && ['body', 'query', 'path', 'header'].includes(String(loc[0])) ? loc.slice(1) : loc;
  return parts.map(String).join('.');
}

/** Validation messages grouped by field key ("email", "contact.name"). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const problem = asProblem(error);
  const out: Record<string, string[]> = {};
  for (const issue of problem?.errors ?? []) {
    const key = fieldKey(issue.loc);
    (out[key] ??= []).push(tidyMessage(issue.msg));
  }
  return out;
}

/** Pydantic messages read fine; drop the "Value error, " prefix that custom validators get. */
export function tidyMessage(msg: string): string {
  return msg.replace(/^Value error, /, '');
}

/** Humanise a field key for a list ("contact.name" → "Contact name"). */
export function fieldLabel(key: string): string {
  if (!key) return 'Request';
  const words = key.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function asProblem(error: unknown): ProblemDetails | null {
  if (!error) return null;
  if (error instanceof ApiError) return error.problem;
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when the network or server is unreachable.
    return { status: 0, title: 'Could not reach the server', detail: 'Check your connection and try again.' };
  }
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: String(error) };
}

/** One line for any error (toasts, aria-live announcements). */
export function errorMessage(error: unknown): string {
  const problem = asProblem(error);
  return problem ? problemSummary(problem) : '';
}
