import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { register } from '../api/queries/account';
import { fieldErrors } from '../api/problem';
import { ProblemMessage } from '../components/ProblemMessage';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';

export function RegisterPage() {
  const { signedIn, signIn } = useAuth();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: async () => {
      await register(email.trim(), password, displayName.trim() || undefined);
      await signIn(email.trim(), password);
    },
    onSuccess: () => navigate('/orgs', { replace: true }),
  });

  if (signedIn && !mutation.isPending && !mutation.isSuccess) return <Navigate to="/" replace />;

  const errors = fieldErrors(mutation.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <PageHeader title="Create an account" subtitle="Escalation Inbox" />
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={errors.email}
            autoFocus
          />
          <TextField
            label="Name (optional)"
            name="display_name"
            autoComplete="name"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            errors={errors.display_name}
            hint="Shown to your colleagues instead of your email address."
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            errors={errors.password}
          />
          <ProblemMessage error={mutation.error} fields={['email', 'display_name', 'password']} />
          <button type="submit" className="button primary block" disabled={mutation.isPending}>
            {mutation.isPending ? 'Creating account…' : 'Create account'}
          </button>
        </form>
        <p className="auth-switch">
          Already registered? <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
