import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { ProblemMessage } from '../components/ProblemMessage';
import { Spinner } from '../components/Spinner';
import { useConfirmSlackLink, useSlackLink } from '../api/queries/slackLinks';

/**
 * Where Slack's one-time link leads (/slack/link/:token): the member, signed in, confirms that the
 * Slack user who pressed a button is them. Until they confirm nothing is linked; afterwards that
 * Slack user's presses act as this member.
 */
export function SlackLinkPage() {
  const { token = '' } = useParams();
  const link = useSlackLink(token);
  const confirm = useConfirmSlackLink(token);

  if (link.isPending) return <Spinner label="Reading the link…" />;
  return (
    <div className="page slack-link-page">
      <PageHeader title="Link your Slack account" />
      {link.error ? (
        <ProblemMessage error={link.error} />
      ) : link.data.state === 'linked' ? (
        <p className="notice" role="status">
          Linked. Slack user <strong>@{link.data.slack_user_name || link.data.slack_user_id}</strong> is you: go back
          to Slack and press the button again.
        </p>
      ) : link.data.state === 'expired' ? (
        <p className="notice notice-warn" role="status">
          This link has expired. Press the button in Slack again for a new one.
        </p>
      ) : (
        <>
          <p>
            Slack user <strong>@{link.data.slack_user_name || link.data.slack_user_id}</strong> (workspace{' '}
            {link.data.team_id}) asks to act as you: its Claim buttons will claim escalations in your name. Confirm
            only if that Slack account is yours.
          </p>
          {confirm.error ? <ProblemMessage error={confirm.error} /> : null}
          <div className="form-actions">
            <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
              {confirm.isPending ? 'Linking…' : 'Yes, this Slack account is mine'}
            </button>
          </div>
        </>
      )}
      <p>
        <Link to="/">Go to your escalations</Link>
      </p>
    </div>
  );
}
