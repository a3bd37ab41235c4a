import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { safeNext } from '../auth/RequireAuth';
import { fieldErrors } from '../api/problem';
import { ProblemMessage } from '../components/ProblemMessage';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';

export function SignInPage() {
  const { token, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: () => navigate(next, { replace: true }),
  });

  if (token && !mutation.isPending && !mutation.isSuccess) return <Navigate to={next} replace />;

  const errors = fieldErrors(mutation.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <PageHeader title="Sign in" subtitle="Escalation Inbox" />
        {params.get('expired') ? (
          <p className="notice" role="status">
            Your session has ended. Sign in again to continue.
          </p>
        ) : null}
        <form onSubmit={onSubmit} noValidate aria-describedby="sign-in-problem">
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={errors.username}
            autoFocus
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            errors={errors.password}
          />
          <div id="sign-in-problem">
            <ProblemMessage error={mutation.error} fields={['username', 'password']} />
          </div>
          <button type="submit" className="button primary block" disabled={mutation.isPending}>
            {mutation.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="auth-switch">
          No account yet? <Link to="/register">Create one</Link>
        </p>
      </div>
    </main>
  );
}
