import { useState, type FormEvent } from 'react';
import { useAddMember, useChangeRole, useMembers, useRemoveMember } from '../../api/queries/admin';
import { useMe } from '../../api/queries/account';
import { flatten } from '../../api/queries/keys';
import { errorMessage, fieldErrors } from '../../api/problem';
import { ROLES, type Member, type Role } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { ROLE_LABELS } from '../../org/roles';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { Pager } from '../../components/Pager';
import { LiveStatus } from '../../components/LiveStatus';
import { SelectField, TextField } from '../../components/Field';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime } from '../../components/time';

export function MembersPage() {
  const { orgId, org } = useOrg();
  const members = useMembers(orgId);
  const me = useMe();
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const items = flatten(members.data);

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <AddMemberForm onDone={setStatus} />
      <LiveStatus message={status} />
      {rowError ? <ProblemMessage error={rowError} /> : null}
      {members.data ? null : <LoadState query={members} label="Loading members…" />}
      {members.data && items.length === 0 ? <EmptyState title="No members" /> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Members of {org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col" className="hide-narrow">
                  Member since
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((member) => (
                <MemberRow
                  key={member.user_id}
                  member={member}
                  isMe={member.user_id === me.data?.id}
                  onStatus={(message, error) => {
                    setStatus(message);
                    setRowError(error ?? null);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager query={members} />
    </section>
  );
}

function memberName(member: Member): string {
  return member.display_name || member.email;
}

function MemberRow({
  member,
  isMe,
  onStatus,
}: {
  member: Member;
  isMe: boolean;
  onStatus: (message: string, error?: unknown) => void;
}) {
  const { orgId, org } = useOrg();
  const [role, setRole] = useState<Role>(member.role);
  const change = useChangeRole(orgId);
  const remove = useRemoveMember(orgId);
  const name = memberName(member);
  const changed = role !== member.role;

  const saveRole = () =>
    change.mutate(
      { userId: member.user_id, role },
      {
        onSuccess: (updated) => onStatus(`${name} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`),
        onError: (error) => {
          setRole(member.role);
          onStatus(`Could not change ${name}'s role: ${errorMessage(error)}`, error);
        },
      },
    );

  return (
    <tr>
      <th scope="row">
        <span className="member-name">
          {name}
          {isMe ? <span className="muted"> (you)</span> : null}
        </span>
        {member.display_name ? <span className="member-email">{member.email}</span> : null}
      </th>
      <td>
        <div className="role-editor">
          <label className="visually-hidden" htmlFor={`role-${member.user_id}`}>
            Role for {name}
          </label>
          <select
            id={`role-${member.user_id}`}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            disabled={change.isPending}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {ROLE_LABELS[option]}
              </option>
            ))}
          </select>
          {changed ? (
            <>
              <button type="button" className="button small" onClick={saveRole} disabled={change.isPending}>
                {change.isPending ? 'Saving…' : 'Save'}
              </button>
              <button type="button" className="button secondary small" onClick={() => setRole(member.role)}>
                Undo
              </button>
            </>
          ) : null}
        </div>
      </td>
      <td className="hide-narrow nowrap">{formatDateTime(member.created_at)}</td>
      <td className="actions-cell">
        <ConfirmButton
          label="Remove"
          question={isMe ? `Leave ${org.name}?` : `Remove ${name} from ${org.name}?`}
          confirmLabel={isMe ? 'Leave' : 'Remove'}
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(member.user_id, {
              onSuccess: () => onStatus(`${name} was removed.`),
              onError: (error) => onStatus(`Could not remove ${name}: ${errorMessage(error)}`, error),
            })
          }
        />
      </td>
    </tr>
  );
}

function AddMemberForm({ onDone }: { onDone: (message: string) => void }) {
  const { orgId } = useOrg();
  const add = useAddMember(orgId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const errors = fieldErrors(add.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (member) => {
          setEmail('');
          onDone(`Added ${member.email} as ${ROLE_LABELS[member.role].toLowerCase()}.`);
        },
      },
    );
  };

  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby="add-member-heading" noValidate>
      <h3 id="add-member-heading">Add a member</h3>
      <p className="muted">They need an account first (they can register with their email address).</p>
      <div className="inline-form">
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={errors.email}
        />
        <SelectField label="Role" name="role" value={role} onChange={(event) => setRole(event.target.value as Role)} errors={errors.role}>
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add member'}
        </button>
      </div>
      <ProblemMessage error={add.error} fields={['email', 'role']} />
    </form>
  );
}
