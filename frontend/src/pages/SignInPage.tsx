import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { safeNext } from '../auth/RequireAuth';
import { TwoFactorRequired } from '../api/queries/account';
import { discoverProvider } from '../api/queries/sso';
import { fieldErrors } from '../api/problem';
import { ProblemMessage } from '../components/ProblemMessage';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';

export function SignInPage() {
  const { signedIn, signIn, completeSignIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  // Set once the password was right for an account with two-factor sign-in.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const passwordStep = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: () => navigate(next, { replace: true }),
    onError: (error) => {
      if (error instanceof TwoFactorRequired) {
        setChallenge(error.challenge);
        setPassword('');
      }
    },
  });
  const codeStep = useMutation({
    mutationFn: () => completeSignIn(challenge ?? '', code.trim()),
    onSuccess: () => navigate(next, { replace: true }),
  });
  const provider = useProviderFor(email);
  const busy = passwordStep.isPending || codeStep.isPending;
  const done = passwordStep.isSuccess || codeStep.isSuccess;

  if (signedIn && !busy && !done) return <Navigate to={next} replace />;

  if (challenge) {
    const expired = codeStep.error && 'status' in codeStep.error && codeStep.error.status === 401;
    return (
      <main className="auth-page">
        <div className="auth-card">
          <PageHeader title="Two-factor sign-in" subtitle={email.trim()} />
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              codeStep.mutate();
            }}
            noValidate
            aria-describedby="code-problem"
          >
            <TextField
              label="Code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
              hint="The 6-digit code from your authenticator app, or one of your backup codes."
              autoFocus
            />
            <div id="code-problem">
              <ProblemMessage error={codeStep.error} fields={['code']} />
            </div>
            <button type="submit" className="button primary block" disabled={busy || !code.trim()}>
              {codeStep.isPending ? 'Checking…' : 'Verify'}
            </button>
          </form>
          <p className="auth-switch">
            {expired ? 'This sign-in has expired. ' : null}
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setChallenge(null);
                setCode('');
                codeStep.reset();
                passwordStep.reset();
              }}
            >
              Start again
            </button>
          </p>
        </div>
      </main>
    );
  }

  const errors = fieldErrors(passwordStep.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    passwordStep.mutate();
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
            <ProblemMessage error={passwordStep.error} fields={['username', 'password']} />
          </div>
          <button type="submit" className="button primary block" disabled={busy}>
            {passwordStep.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {provider ? (
          <p className="auth-switch">
            {/* A full page load: the provider's sign-in is another site, which sends the browser back. */}
            <a className="button secondary block" href={`${provider.start_url}?next=${encodeURIComponent(next)}`}>
              Sign in with {provider.name}
            </a>
          </p>
        ) : null}
        <p className="auth-switch">
          No account yet? <Link to="/register">Create one</Link>
        </p>
      </div>
    </main>
  );
}

/** The identity provider of the email's domain ("Sign in with …"), looked up once typing pauses. */
function useProviderFor(email: string) {
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  const [settled, setSettled] = useState(domain);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(domain), 400);
    return () => clearTimeout(timer);
  }, [domain]);
  const lookup = useQuery({
    queryKey: ['sso-discover', settled],
    queryFn: () => discoverProvider(`someone@${settled}`),
    enabled: /^[^\s@]+\.[^\s@]+$/.test(settled),
    staleTime: 5 * 60_000,
    retry: false,
  });
  return settled === domain ? lookup.data ?? null : null;
}
