import { useState, type FormEvent } from 'react';
import { useOrg } from '../../org/OrgContext';
import { fieldErrors } from '../../api/problem';
import {
  useIdentityProvider,
  useRemoveIdentityProvider,
  useSaveIdentityProvider,
  type IdentityProvider,
} from '../../api/queries/sso';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextField } from '../../components/Field';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Spinner } from '../../components/Spinner';

/** Admin › Security: sign-in through the organisation's OpenID Connect provider. */
export function SingleSignOnSetting() {
  const { orgId } = useOrg();
  const provider = useIdentityProvider(orgId);
  return (
    <section className="panel" aria-labelledby="single-sign-on">
      <h2 id="single-sign-on">Single sign-on</h2>
      <p className="field-hint">
        People whose email is in one of the domains below sign in through your identity provider (OpenID Connect),
        and join this organisation with the default role the first time. Register this redirect URI with the
        provider: <code>{window.location.origin}/api/v1/auth/sso/callback</code>
      </p>
      {provider.isPending ? <Spinner label="Loading…" /> : null}
      {provider.error ? <ProblemMessage error={provider.error} onRetry={() => void provider.refetch()} /> : null}
      {provider.isSuccess ? <ProviderForm key={provider.data?.updated_at ?? 'new'} saved={provider.data} /> : null}
    </section>
  );
}

function ProviderForm({ saved }: { saved: IdentityProvider | null }) {
  const { orgId } = useOrg();
  const save = useSaveIdentityProvider(orgId);
  const remove = useRemoveIdentityProvider(orgId);
  const [name, setName] = useState(saved?.name ?? '');
  const [issuer, setIssuer] = useState(saved?.issuer ?? '');
  const [clientId, setClientId] = useState(saved?.client_id ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(saved?.allowed_domains.join(', ') ?? '');
  const [role, setRole] = useState<IdentityProvider['default_role']>(saved?.default_role ?? 'agent');
  const [passwords, setPasswords] = useState(saved?.passwords_allowed ?? true);
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      name: name.trim(),
      issuer: issuer.trim(),
      client_id: clientId.trim(),
      client_secret: clientSecret || undefined,
      allowed_domains: domains.split(/[\s,]+/).filter(Boolean),
      default_role: role,
      passwords_allowed: passwords,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextField label="Name" hint='Shown as "Sign in with …"' required value={name} onChange={(e) => setName(e.target.value)} errors={errors.name} />
      <TextField label="Issuer URL" type="url" required value={issuer} onChange={(e) => setIssuer(e.target.value)} errors={errors.issuer} />
      <TextField label="Client ID" required value={clientId} onChange={(e) => setClientId(e.target.value)} errors={errors.client_id} />
      <TextField
        label="Client secret"
        type="password"
        autoComplete="off"
        hint={saved ? 'Stored encrypted and never shown; leave empty to keep it.' : 'Stored encrypted and never shown.'}
        value={clientSecret}
        onChange={(e) => setClientSecret(e.target.value)}
        errors={errors.client_secret}
      />
      <TextField
        label="Email domains"
        hint="Separated by commas, e.g. example.com, example.org"
        required
        value={domains}
        onChange={(e) => setDomains(e.target.value)}
        errors={errors.allowed_domains}
      />
      <SelectField label="Role on first sign-in" value={role} onChange={(e) => setRole(e.target.value as typeof role)} errors={errors.default_role}>
        <option value="agent">Agent</option>
        <option value="supervisor">Supervisor</option>
        <option value="admin">Admin</option>
      </SelectField>
      <div className="field">
        <label>
          <input type="checkbox" checked={passwords} onChange={(e) => setPasswords(e.target.checked)} /> Members may
          also sign in with a password
        </label>
      </div>
      <ProblemMessage error={save.error ?? remove.error} fields={['name', 'issuer', 'client_id', 'client_secret', 'allowed_domains', 'default_role']} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {saved ? 'Save' : 'Turn on single sign-on'}
        </button>
        {saved ? (
          <ConfirmButton
            label="Turn off single sign-on"
            question="Turn off single sign-on? Members sign in with passwords again."
            confirmLabel="Turn off"
            busy={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        ) : null}
      </div>
      {save.isSuccess ? (
        <p className="muted" role="status">
          Saved.
        </p>
      ) : null}
    </form>
  );
}
