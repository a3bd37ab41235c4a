import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useConversation, useMessages, useQueue, useSendReply } from '../api/queries/conversations';
import { useCampaign, useMemberDirectory } from '../api/queries/admin';
import { useMe } from '../api/queries/account';
import { flatten } from '../api/queries/keys';
import { fieldErrors, staleReplyMessageId } from '../api/problem';
import { usePresence } from '../api/queries/presence';
import { PresenceNotice } from '../components/PresenceNotice';
import type { Conversation, Member, Message } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { ProblemMessage } from '../components/ProblemMessage';
import { EmptyState } from '../components/EmptyState';
import { Pager } from '../components/Pager';
import { LiveStatus } from '../components/LiveStatus';
import { TextAreaField } from '../components/Field';
import { Badge, channelLabel } from '../components/Badge';
import { formatDateTime, formatWhen, useNow, Waiting } from '../components/time';
import { Flash } from '../components/Flash';
import { priorityLabel, STATUS_LABELS } from '../components/escalation';
import { EscalateButton } from './EscalateDialog';

export function ConversationPage() {
  const { orgId } = useOrg();
  const { conversationId = '' } = useParams();
  const conversation = useConversation(orgId, conversationId);

  if (!conversation.data) {
    return (
      <div className="page">
        <ConversationToolbar conversation={undefined} />
        <LoadState query={conversation} label="Loading conversation…" />
      </div>
    );
  }
  return <ConversationView conversation={conversation.data} refreshError={conversation.error} />;
}

function ConversationView({ conversation, refreshError }: { conversation: Conversation; refreshError: unknown }) {
  const { orgId } = useOrg();
  const members = useMemberDirectory(orgId);
  const me = useMe();
  const [composing, setComposing] = useState(false);
  const [newMessageId, setNewMessageId] = useState<string | null>(null);
  // Presence lives on the escalation: a conversation shows it while it is escalated.
  const present = usePresence(orgId, conversation.escalation?.id, composing ? 'composing' : 'viewing');
  return (
    <div className="page">
      <ConversationToolbar conversation={conversation} />
      <PageHeader
        title={conversation.contact.name}
        subtitle={
          <span className="badges">
            <Badge>{channelLabel(conversation.channel)}</Badge>
            {conversation.needs_response ? <Badge tone="warn">Needs response</Badge> : <Badge tone="ok">Answered</Badge>}
            {conversation.escalation ? (
              <Badge tone="danger">Escalated · {priorityLabel(conversation.escalation.priority)}</Badge>
            ) : null}
            {conversation.pending_approval ? <Badge tone="info">Escalation pending approval</Badge> : null}
            {(conversation.tags ?? []).map((tag) => (
              <Badge key={tag}>#{tag}</Badge>
            ))}
          </span>
        }
      />
      {refreshError ? <ProblemMessage error={refreshError} /> : null}
      {conversation.escalation ? <PresenceNotice present={present} meId={me.data?.id} /> : null}
      <div className="conversation-layout">
        <section className="thread-column" aria-labelledby="messages-heading">
          <h2 id="messages-heading" className="visually-hidden">
            Messages
          </h2>
          <MessageList conversation={conversation} members={members.data} myId={me.data?.id} newMessageId={newMessageId} />
          <ReplyBox conversation={conversation} onComposing={setComposing} onStale={setNewMessageId} />
        </section>
        <ContactPanel conversation={conversation} members={members.data} />
      </div>
    </div>
  );
}

/**
 * Actions on the conversation. Back to where the agent came from, Escalate (a dialog with the
 * hand-off note; an escalated conversation links to its escalation instead), and on to the next
 * one in the queue. A message handed over by the previous screen (e.g. "… was escalated") shows below.
 */
function ConversationToolbar({ conversation }: { conversation: Conversation | undefined }) {
  const { orgId } = useOrg();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const fromThreads = from === 'threads';
  const queue = useQueue(orgId);
  const next = flatten(queue.data).find((item) => item.id !== conversation?.id);
  return (
    <>
    <div className="toolbar" role="group" aria-label="Conversation actions">
      <div className="toolbar-start">
        {fromThreads ? (
          <Link to="../conversations" className="button secondary small">
            ← Back to conversations
          </Link>
        ) : from === 'escalations' ? (
          <Link to="../escalations" className="button secondary small">
            ← Back to escalations
          </Link>
        ) : (
          <Link to="../queue" className="button secondary small">
            ← Back to queue
          </Link>
        )}
      </div>
      <div className="toolbar-end">
        {conversation && !conversation.escalation && !conversation.pending_approval ? <EscalateButton key={conversation.id} conversation={conversation} /> : null}
        {conversation?.escalation ? (
          <Link to={`../escalations/${conversation.escalation.id}`} className="button secondary small">
            Open escalation
          </Link>
        ) : null}
        {next ? (
          <Link to={`../conversations/${next.id}`} state={{ from: 'queue' }} className="button secondary small">
            Next in queue: {next.contact.name} →
          </Link>
        ) : null}
      </div>
    </div>
    <Flash />
    </>
  );
}

function MessageList({
  conversation,
  members,
  myId,
  newMessageId,
}: {
  conversation: Conversation;
  members: Map<string, Member> | undefined;
  myId: string | undefined;
  /** The message a refused reply was written over: marked as new. */
  newMessageId: string | null;
}) {
  const { orgId } = useOrg();
  const messages = useMessages(orgId, conversation.id);
  const items = flatten(messages.data);
  const listRef = useRef<HTMLOListElement>(null);
  const now = useNow();
  const count = items.length;

  // Keep the newest message in view as messages arrive.
  useEffect(() => {
    const list = listRef.current;
    if (list && typeof list.scrollTo === 'function') list.scrollTo({ top: list.scrollHeight });
  }, [count]);

  if (!messages.data) return <LoadState query={messages} label="Loading messages…" />;
  return (
    <>
      {messages.error ? <ProblemMessage error={messages.error} /> : null}
      {items.length === 0 ? (
        <EmptyState title="No messages yet">
          <p>Write the first message below.</p>
        </EmptyState>
      ) : (
        <ol className="thread" ref={listRef} aria-label={`Messages with ${conversation.contact.name}, oldest first`} tabIndex={0}>
          {items.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              contactName={conversation.contact.name}
              author={authorName(message, members, myId)}
              now={now}
              isNew={message.id === newMessageId}
            />
          ))}
        </ol>
      )}
      <Pager query={messages} label="Load newer messages" />
    </>
  );
}

function authorName(message: Message, members: Map<string, Member> | undefined, myId: string | undefined): string {
  if (!message.author_id) return 'Agent';
  if (message.author_id === myId) return 'You';
  const member = members?.get(message.author_id);
  return member ? member.display_name || member.email : 'A colleague';
}

function MessageItem({
  message,
  contactName,
  author,
  now,
  isNew = false,
}: {
  message: Message;
  contactName: string;
  author: string;
  now: number;
  isNew?: boolean;
}) {
  const inbound = message.direction === 'inbound';
  return (
    <li className={`message ${inbound ? 'inbound' : 'outbound'}${isNew ? ' message-new' : ''}`}>
      <p className="message-meta">
        {isNew ? <Badge tone="warn">New</Badge> : null}
        <span className="message-author">{inbound ? contactName : author}</span>
        <span className="visually-hidden">{inbound ? ' wrote' : ' replied'}</span>{' '}
        <time dateTime={message.created_at} title={formatDateTime(message.created_at)}>
          {formatWhen(message.created_at, now)}
        </time>
      </p>
      <p className="message-body">{message.body}</p>
    </li>
  );
}

function ReplyBox({
  conversation,
  onComposing,
  onStale,
}: {
  conversation: Conversation;
  /** Whether a reply is being written (others see "… is typing a reply"). */
  onComposing: (composing: boolean) => void;
  /** A reply was refused because the contact wrote since: that message's id. */
  onStale: (messageId: string | null) => void;
}) {
  const { orgId } = useOrg();
  const send = useSendReply(orgId, conversation.id);
  const messages = useMessages(orgId, conversation.id);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState('');
  const errors = fieldErrors(send.error);
  const staleId = staleReplyMessageId(send.error);
  const composing = body.trim() !== '';

  useEffect(() => onComposing(composing), [composing, onComposing]);

  const submit = () => {
    const text = body.trim();
    if (!text || send.isPending) return;
    setStatus('Sending…');
    // The newest message on screen: the reply answers everything up to it and nothing after.
    const seenMessageId = flatten(messages.data).at(-1)?.id;
    send.mutate(
      { body: text, seenMessageId },
      {
        onSuccess: () => {
          setBody('');
          setStatus('Reply sent.');
          onStale(null);
        },
        onError: (error) => {
          const newer = staleReplyMessageId(error);
          // The draft stays; the new message is fetched and marked, to be read before sending again.
          if (newer) void messages.refetch();
          onStale(newer);
          setStatus(newer ? 'Not sent: a new message arrived.' : 'The reply was not sent.');
        },
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className="reply-box" onSubmit={onSubmit} aria-label="Reply">
      <TextAreaField
        label={`Reply to ${conversation.contact.name}`}
        name="body"
        rows={3}
        maxLength={10000}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          if (status && !send.isPending) setStatus('');
        }}
        onKeyDown={onKeyDown}
        errors={errors.body}
        hint={`Sent by ${channelLabel(conversation.channel)}. Ctrl+Enter sends.`}
      />
      {staleId ? (
        <div className="problem" role="alert">
          <p className="problem-title">
            <strong>A new message arrived since you opened this</strong>
          </p>
          <p className="problem-detail">
            Your reply was not sent and your draft is kept. Read the new message above, then send again.
          </p>
        </div>
      ) : (
        <ProblemMessage error={send.error} fields={['body']} />
      )}
      <div className="reply-actions">
        <LiveStatus message={status} />
        <button type="submit" className="button primary" disabled={send.isPending || !body.trim()}>
          {send.isPending ? 'Sending…' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

function ContactPanel({ conversation, members }: { conversation: Conversation; members: Map<string, Member> | undefined }) {
  const { orgId } = useOrg();
  const campaign = useCampaign(orgId, conversation.campaign_id);
  const now = useNow();
  const { contact } = conversation;
  const assignee = conversation.assignee_id ? members?.get(conversation.assignee_id) : undefined;
  const attributes = Object.entries(contact.attributes ?? {});
  return (
    <aside className="contact-panel" aria-labelledby="contact-heading">
      <h2 id="contact-heading">Contact</h2>
      <dl className="details">
        <dt>Name</dt>
        <dd>{contact.name}</dd>
        <dt>Phone</dt>
        <dd>{contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : <span className="muted">—</span>}</dd>
        <dt>Email</dt>
        <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : <span className="muted">—</span>}</dd>
        {attributes.map(([key, value]) => (
          <AttributeRow key={key} name={key} value={value} />
        ))}
      </dl>
      <h2>Conversation</h2>
      <dl className="details">
        <dt>Channel</dt>
        <dd>{channelLabel(conversation.channel)}</dd>
        <dt>Campaign</dt>
        <dd>{campaign.data?.name ?? <span className="muted">{campaign.isPending ? '…' : '—'}</span>}</dd>
        <dt>Assigned to</dt>
        <dd>
          {conversation.assignee_id ? (
            assignee ? assignee.display_name || assignee.email : <span className="muted">a member</span>
          ) : (
            <span className="muted">Unassigned</span>
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          {conversation.needs_response ? (
            <>
              Needs a response — waiting <Waiting since={conversation.needs_response_since} now={now} />
            </>
          ) : (
            'Answered'
          )}
        </dd>
        {conversation.escalation ? (
          <>
            <dt>Escalation</dt>
            <dd>
              {STATUS_LABELS[conversation.escalation.status as keyof typeof STATUS_LABELS] ?? conversation.escalation.status},{' '}
              {priorityLabel(conversation.escalation.priority).toLowerCase()} priority
            </dd>
          </>
        ) : null}
        <dt>Started</dt>
        <dd>{formatDateTime(conversation.created_at)}</dd>
      </dl>
    </aside>
  );
}

function AttributeRow({ name, value }: { name: string; value: unknown }) {
  const text = value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return (
    <>
      <dt>{humanise(name)}</dt>
      <dd>{text}</dd>
    </>
  );
}

/** "account_number" → "Account number" (contact attributes are free-form keys). */
function humanise(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
