import { useState, type FormEvent } from 'react';
import { useTestRules } from '../../../api/queries/rules';
import { useCampaignOptions } from '../../../api/queries/admin';
import type { RuleTestRequest, RuleTrigger } from '../../../api/types';
import { useOrg } from '../../../org/OrgContext';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { ACTION_TYPES, typedValue, type ActionType } from './drafts';
import { TRIGGERS } from './RuleEditor';

/** `tier=vip, rma_count=2` → typed attributes. */
export function parseAttributes(text: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const part of text.split(/[,\n]/)) {
    const [key, ...rest] = part.split('=');
    if (key.trim() && rest.length) out[key.trim()] = typedValue(rest.join('='));
  }
  return out;
}

/** The dry run: which rules would fire on a sample message (or an existing conversation), changing nothing. */
export function DryRunPanel() {
  const { orgId } = useOrg();
  const run = useTestRules(orgId);
  const campaigns = useCampaignOptions(orgId);
  const [trigger, setTrigger] = useState<RuleTrigger>('message.received');
  const [message, setMessage] = useState('');
  const [channel, setChannel] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [attributes, setAttributes] = useState('');
  const [conversationId, setConversationId] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: RuleTestRequest = { trigger };
    if (message.trim()) body.message = message.trim();
    if (channel) body.channel = channel as RuleTestRequest['channel'];
    if (campaignId) body.campaign_id = campaignId;
    if (attributes.trim()) body.contact = { attributes: parseAttributes(attributes) };
    if (conversationId.trim()) body.conversation_id = conversationId.trim();
    run.mutate(body);
  };

  return (
    <section className="panel" aria-labelledby="dry-run-heading">
      <h3 id="dry-run-heading">Dry run</h3>
      <p className="muted">Which rules would fire, and what they would do. Nothing is changed.</p>
      <form onSubmit={onSubmit} noValidate aria-label="Dry run">
        <div className="inline-form">
          <SelectField label="Event" name="dry-trigger" value={trigger} onChange={(e) => setTrigger(e.target.value as RuleTrigger)}>
            {Object.entries(TRIGGERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Channel" name="dry-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">any</option>
            {['sms', 'email', 'chat', 'whatsapp', 'voice', 'social', 'other'].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <SelectField label="Campaign" name="dry-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            <option value="">none</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField label="Sample message" name="dry-message" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
        <div className="inline-form">
          <TextField
            label="Contact attributes"
            name="dry-attributes"
            value={attributes}
            onChange={(e) => setAttributes(e.target.value)}
            hint="tier=vip, rma_count=2"
          />
          <TextField
            label="Or an existing conversation id"
            name="dry-conversation"
            value={conversationId}
            onChange={(e) => setConversationId(e.target.value)}
          />
          <button type="submit" className="button primary" disabled={run.isPending}>
            {run.isPending ? 'Testing…' : 'Test rules'}
          </button>
        </div>
      </form>
      <ProblemMessage error={run.error} />
      {run.data ? (
        <div aria-live="polite" className="dry-run-result">
          <p>
            {run.data.matched.length === 0
              ? `No rule would fire (${run.data.evaluated} looked at).`
              : `${run.data.matched.length} of ${run.data.evaluated} rules would fire:`}
          </p>
          <ol aria-label="Rules that would fire">
            {run.data.matched.map((match) => (
              <li key={match.rule_id}>
                <strong>{match.name}</strong> (version {match.version}):{' '}
                {match.actions.map((a) => ACTION_TYPES[a.type as ActionType] ?? String(a.type)).join(', ')}
                {match.stopped ? ' — and stops there' : ''}
              </li>
            ))}
          </ol>
          {run.data.timed_out?.length ? <p className="field-error">A pattern ran out of time (counted as no match).</p> : null}
        </div>
      ) : null}
    </section>
  );
}
