import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCampaigns, useCreateCampaign, useUpdateCampaign } from '../../api/queries/admin';
import { useInboxes } from '../../api/queries/inboxes';
import { flatten } from '../../api/queries/keys';
import { fieldErrors } from '../../api/problem';
import type { Campaign, Inbox } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { Pager } from '../../components/Pager';
import { LiveStatus } from '../../components/LiveStatus';
import { SelectField, TextField } from '../../components/Field';
import { formatDateTime } from '../../components/time';

export function CampaignsPage() {
  const { orgId, org } = useOrg();
  const campaigns = useCampaigns(orgId);
  const create = useCreateCampaign(orgId);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const errors = fieldErrors(create.error);
  const items = flatten(campaigns.data);
  const inboxes = useInboxes(orgId, { live: false });
  const [editingRule, setEditingRule] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (campaign) => {
        setName('');
        setStatus(`Campaign “${campaign.name}” created.`);
      },
    });
  };

  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">Campaigns</h2>
      <form className="panel" onSubmit={onSubmit} aria-labelledby="new-campaign-heading" noValidate>
        <h3 id="new-campaign-heading">New campaign</h3>
        <p className="muted">Conversations live in a campaign before and after an escalation.</p>
        <div className="inline-form">
          <TextField
            label="Name"
            name="name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errors={errors.name}
          />
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create campaign'}
          </button>
        </div>
        <ProblemMessage error={create.error} fields={['name']} />
      </form>
      <LiveStatus message={status} />
      {campaigns.data ? null : <LoadState query={campaigns} label="Loading campaigns…" />}
      {campaigns.data && items.length === 0 ? (
        <EmptyState title="No campaigns yet">
          <p>Create the first one above; conversations are started in a campaign.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Campaigns of {org.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Auto-escalation</th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
                <th scope="col">
                  <span className="visually-hidden">Links</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((campaign) => (
                <Fragment key={campaign.id}>
                  <tr>
                    <th scope="row">{campaign.name}</th>
                    <td>{ruleText(campaign, inboxes.data)}</td>
                    <td className="hide-narrow">{formatDateTime(campaign.created_at)}</td>
                    <td className="actions-cell">
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button secondary small"
                          aria-expanded={editingRule === campaign.id}
                          onClick={() => setEditingRule((current) => (current === campaign.id ? null : campaign.id))}
                        >
                          Auto-escalation{' '}<span className="visually-hidden">rule for {campaign.name}</span>
                        </button>
                        <Link to={`../../conversations?campaign=${campaign.id}`} className="button secondary small">
                          Threads{' '}<span className="visually-hidden">in {campaign.name}</span>
                        </Link>
                      </div>
                    </td>
                  </tr>
                  {editingRule === campaign.id ? (
                    <tr className="editor-row">
                      <td colSpan={4}>
                        <RuleForm
                          campaign={campaign}
                          inboxes={inboxes.data}
                          onDone={(message) => {
                            setEditingRule(null);
                            if (message) setStatus(message);
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager query={campaigns} />
    </section>
  );
}

function ruleText(campaign: Campaign, inboxes: Inbox[] | undefined): string {
  if (!campaign.auto_escalate_after_minutes || !campaign.auto_escalate_inbox_id) return 'Off';
  const inbox = inboxes?.find((i) => i.id === campaign.auto_escalate_inbox_id)?.name ?? 'an inbox';
  return `After ${campaign.auto_escalate_after_minutes} business min without a response → ${inbox}`;
}

/**
 * The campaign's auto-escalation rule: conversations that need a response and got none for N
 * business minutes are escalated into the inbox (PATCH; both fields or neither).
 */
function RuleForm({
  campaign,
  inboxes,
  onDone,
}: {
  campaign: Campaign;
  inboxes: Inbox[] | undefined;
  onDone: (message?: string) => void;
}) {
  const { orgId } = useOrg();
  const update = useUpdateCampaign(orgId);
  const [minutes, setMinutes] = useState(campaign.auto_escalate_after_minutes?.toString() ?? '');
  const [inboxId, setInboxId] = useState(campaign.auto_escalate_inbox_id ?? '');
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const server = fieldErrors(update.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];
  const isOn = Boolean(campaign.auto_escalate_after_minutes && campaign.auto_escalate_inbox_id);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const send = (after: number | null, inbox: string | null, message: string) =>
    update.mutate(
      {
        campaignId: campaign.id,
        version: campaign.updated_at,
        body: { auto_escalate_after_minutes: after, auto_escalate_inbox_id: inbox },
      },
      { onSuccess: () => onDone(message) },
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!/^\d+$/.test(minutes.trim()) || Number(minutes) < 1 || Number(minutes) > 525600) {
      errors.auto_escalate_after_minutes = ['Whole business minutes, 1 or more.'];
    }
    if (!inboxId) errors.auto_escalate_inbox_id = ['Choose the inbox to escalate into.'];
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      update.reset();
      return;
    }
    const inboxName = inboxes?.find((i) => i.id === inboxId)?.name ?? 'the inbox';
    send(Number(minutes), inboxId, `“${campaign.name}” now escalates to ${inboxName} after ${Number(minutes)} business minutes without a response.`);
  };

  return (
    <form
      ref={formRef}
      className="rule-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={`Auto-escalation rule for ${campaign.name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <p className="muted">
        Conversations in this campaign that need a response and got none for this many business minutes (the inbox’s
        SLA calendar) are escalated automatically.
      </p>
      <div className="inline-form">
        <TextField
          label="After (business minutes)"
          name="auto_escalate_after_minutes"
          type="number"
          min={1}
          inputMode="numeric"
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          errors={errorsFor('auto_escalate_after_minutes')}
        />
        <SelectField
          label="Escalate into"
          name="auto_escalate_inbox_id"
          value={inboxId}
          onChange={(event) => setInboxId(event.target.value)}
          errors={errorsFor('auto_escalate_inbox_id')}
          hint={inboxes && inboxes.length === 0 ? 'Create an inbox first (Admin → Inboxes).' : undefined}
        >
          <option value="">Choose an inbox…</option>
          {(inboxes ?? []).map((inbox) => (
            <option key={inbox.id} value={inbox.id}>
              {inbox.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save rule'}
        </button>
        {isOn ? (
          <button
            type="button"
            className="button secondary"
            disabled={update.isPending}
            onClick={() => send(null, null, `Auto-escalation turned off for “${campaign.name}”.`)}
          >
            Turn off
          </button>
        ) : null}
        <button type="button" className="button secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
      <ProblemMessage error={update.error} fields={['auto_escalate_after_minutes', 'auto_escalate_inbox_id']} />
    </form>
  );
}
