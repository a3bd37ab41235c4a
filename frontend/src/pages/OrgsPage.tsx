import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useCreateOrg, useMe, useOrgs } from '../api/queries/account';
import { fieldErrors } from '../api/problem';
import { lastOrg } from '../org/navigation';
import { ROLE_LABELS } from '../org/roles';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { EmptyState } from '../components/EmptyState';
import { ProblemMessage } from '../components/ProblemMessage';
import { TextField } from '../components/Field';
import { Badge } from '../components/Badge';

/** `/`: straight to the last organisation used (or the only one), else the list. */
export function HomeRedirect() {
  const orgs = useOrgs();
  if (!orgs.data) return <LoadState query={orgs} label="Loading your organisations…" />;
  const items = orgs.data.items;
  const remembered = lastOrg();
  const target = items.find((org) => org.id === remembered) ?? (items.length === 1 ? items[0] : undefined);
  return <Navigate to={target ? `/orgs/${target.id}/queue` : '/orgs'} replace />;
}

export function OrgsPage() {
  const orgs = useOrgs();
  const me = useMe();
  return (
    <div className="page narrow">
      <PageHeader title="Organisations" subtitle="Choose where to work, or create a new organisation." />
      <section aria-labelledby="your-orgs">
        <h2 id="your-orgs">Your organisations</h2>
        <LoadState query={orgs} label="Loading your organisations…" />
        {orgs.data && orgs.data.items.length === 0 ? (
          <EmptyState title="You are not in any organisation yet">
            <p>
              Create one below, or ask an admin to add you
              {me.data ? (
                <>
                  {' '}
                  (they need your email address, <strong>{me.data.email}</strong>)
                </>
              ) : null}
              .
            </p>
          </EmptyState>
        ) : null}
        {orgs.data && orgs.data.items.length > 0 ? (
          <ul className="card-list">
            {orgs.data.items.map((org) => (
              <li key={org.id} className="card-row">
                <Link to={`/orgs/${org.id}/queue`} className="card-link">
                  {org.name}
                </Link>
                <Badge>{ROLE_LABELS[org.role]}</Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <CreateOrgForm />
    </div>
  );
}

function CreateOrgForm() {
  const [name, setName] = useState('');
  const create = useCreateOrg();
  const navigate = useNavigate();
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), { onSuccess: (org) => navigate(`/orgs/${org.id}/admin`) });
  };
  return (
    <section aria-labelledby="new-org" className="panel">
      <h2 id="new-org">New organisation</h2>
      <p className="muted">You become its owner and can then add members and campaigns.</p>
      <form onSubmit={onSubmit} className="inline-form" noValidate>
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
          {create.isPending ? 'Creating…' : 'Create organisation'}
        </button>
      </form>
      <ProblemMessage error={create.error} fields={['name']} />
    </section>
  );
}
