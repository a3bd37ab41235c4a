import { asProblem, fieldKey, fieldLabel, problemSummary, problemTitle, tidyMessage } from '../api/problem';

interface Props {
  error: unknown;
  /** Field keys the form shows next to their inputs; those messages are not repeated here. */
  fields?: string[];
  /** Offer a retry (for failed loads). */
  onRetry?: () => void;
}

/** An API problem (RFC 9457) in words: what went wrong, and each field message not shown inline. */
export function ProblemMessage({ error, fields = [], onRetry }: Props) {
  const problem = asProblem(error);
  if (!problem) return null;
  const issues = (problem.errors ?? []).filter((issue) => !fields.includes(fieldKey(issue.loc)));
  const inlineOnly = (problem.errors?.length ?? 0) > 0 && issues.length === 0;
  const title = problemTitle(problem);
  const summary = inlineOnly ? 'Please correct the highlighted fields.' : problemSummary(problem);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">
        <strong>{title}</strong>
        {problem.status ? <span className="problem-status"> ({problem.status})</span> : null}
      </p>
      {summary && summary !== title ? <p className="problem-detail">{summary}</p> : null}
      {issues.length > 0 ? (
        <ul className="problem-errors" aria-label="Problems with the request">
          {issues.map((issue, i) => (
            <li key={i}>
              <span className="problem-field">{fieldLabel(fieldKey(issue.loc))}:</span> {tidyMessage(issue.msg)}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button secondary small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
