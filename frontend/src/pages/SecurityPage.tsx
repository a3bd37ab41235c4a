import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { ProblemMessage } from '../components/ProblemMessage';
import { TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { SessionsPanel } from './account/SessionsPanel';
import { fieldErrors } from '../api/problem';
import {
  useConfirmEnrolment,
  useDisableTwoFactor,
  useRegenerateBackupCodes,
  useStartEnrolment,
  useTwoFactor,
  type TwoFactorEnrolment,
} from '../api/queries/twoFactor';

interface SecurityState {
  enrolmentRequired?: boolean;
  from?: string;
}

/** The signed-in member's own security: two-factor sign-in (an authenticator app and backup codes). */
export function SecurityPage() {
  const status = useTwoFactor();
  const state = (useLocation().state as SecurityState | null) ?? {};
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);

  return (
    <div className="page security-page">
      <PageHeader title="Security" subtitle="Two-factor sign-in, and where you are signed in." />
      {state.enrolmentRequired && !status.data?.enabled ? (
        <p className="notice notice-warn" role="alert">
          Your organisation requires two-factor sign-in of its owners, admins and supervisors. Set it up here to
          continue.
        </p>
      ) : null}
      {status.isPending ? <Spinner label="Loading…" /> : null}
      {status.error ? <ProblemMessage error={status.error} onRetry={() => void status.refetch()} /> : null}
      {backupCodes ? (
        <BackupCodes codes={backupCodes} onDone={() => setBackupCodes(null)} continueTo={state.from} />
      ) : status.data ? (
        status.data.enabled ? (
          <>
            <section className="panel" aria-labelledby="two-factor-status">
              <h2 id="two-factor-status">Two-factor sign-in is on</h2>
              <p>
                Since {new Date(status.data.enabled_at ?? '').toLocaleString()}.{' '}
                {status.data.backup_codes_left === 1
                  ? '1 backup code left.'
                  : `${status.data.backup_codes_left} backup codes left.`}
              </p>
            </section>
            <PasswordAndCodeForm
              title="New backup codes"
              explanation="Ten new codes; the ones you have now stop working."
              submitLabel="Make new backup codes"
              useAction={useRegenerateBackupCodes}
              onDone={(result) => setBackupCodes((result as { backup_codes: string[] }).backup_codes)}
            />
            <PasswordAndCodeForm
              title="Turn two-factor sign-in off"
              explanation="Your password and a code from the app (or a backup code)."
              submitLabel="Turn off"
              useAction={useDisableTwoFactor}
              onDone={() => undefined}
              danger
            />
          </>
        ) : (
          <Enrol onEnabled={setBackupCodes} />
        )
      ) : null}
      {backupCodes ? null : <SessionsPanel />}
    </div>
  );
}

function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  const enrolment = start.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code, { onSuccess: (result) => onEnabled(result.backup_codes) });
  };

  return (
    <section className="panel" aria-labelledby="two-factor-enrol">
      <h2 id="two-factor-enrol">Two-factor sign-in is off</h2>
      {!enrolment ? (
        <>
          <p>Use an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator, …) on your phone.</p>
          <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>
            Set up two-factor sign-in
          </button>
          <ProblemMessage error={start.error} />
        </>
      ) : (
        <>
          <ScanCode enrolment={enrolment} />
          <form onSubmit={submit} noValidate>
            <TextField
              label="Code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
              errors={fieldErrors(confirm.error).code}
            />
            <div className="form-actions">
              <button type="submit" className="button" disabled={confirm.isPending || !code.trim()}>
                Turn on
              </button>
              <button type="button" className="button secondary" onClick={() => start.mutate()}>
                Start again with a new code
              </button>
            </div>
            <ProblemMessage error={confirm.error} fields={['code']} />
          </form>
        </>
      )}
    </section>
  );
}

function ScanCode({ enrolment }: { enrolment: TwoFactorEnrolment }) {
  // An <img> of the server's SVG: shown as a picture, never parsed into the page (no script can run).
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`;
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;
  return (
    <div className="two-factor-scan">
      <p>1. Scan this code with the app.</p>
      <img className="two-factor-qr" src={src} alt="QR code to add Escalation Inbox to an authenticator app" width={200} height={200} />
      <p>
        Cannot scan? Enter this key in the app instead: <code className="two-factor-secret">{grouped}</code>
      </p>
      <p>2. Enter the six-digit code the app shows.</p>
    </div>
  );
}

function BackupCodes({ codes, onDone, continueTo }: { codes: string[]; onDone: () => void; continueTo?: string }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n') + '\n';
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section className="panel" aria-labelledby="backup-codes">
      <h2 id="backup-codes">Your backup codes</h2>
      <p>
        Each works once in place of a code from the app, if you lose your phone. Keep them somewhere safe: they are
        shown only now.
      </p>
      <ul className="backup-codes" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
        >
          Copy
        </button>
        <a className="button secondary" href={download} download="escalation-inbox-backup-codes.txt">
          Download
        </a>
        {continueTo ? (
          <Link className="button" to={continueTo}>
            I have saved them: continue
          </Link>
        ) : (
          <button type="button" className="button" onClick={onDone}>
            I have saved them
          </button>
        )}
      </div>
      {copied ? (
        <p className="muted" role="status">
          Copied.
        </p>
      ) : null}
    </section>
  );
}

interface PasswordAndCodeProps {
  title: string;
  explanation: string;
  submitLabel: string;
  useAction: typeof useDisableTwoFactor | typeof useRegenerateBackupCodes;
  onDone: (result: unknown) => void;
  danger?: boolean;
}

function PasswordAndCodeForm({ title, explanation, submitLabel, useAction, onDone, danger }: PasswordAndCodeProps) {
  const action = useAction();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  const errors = fieldErrors(action.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate(
      { password, code },
      {
        onSuccess: (result: unknown) => {
          setPassword('');
          setCode('');
          onDone(result);
        },
      },
    );
  };

  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="muted">{explanation}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={errors.password}
        />
        <TextField
          label="Code from the app or a backup code"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
          errors={errors.code}
        />
        <div className="form-actions">
          <button
            type="submit"
            className={danger ? 'button danger' : 'button'}
            disabled={action.isPending || !password || !code.trim()}
          >
            {submitLabel}
          </button>
        </div>
        <ProblemMessage error={action.error} fields={['password', 'code']} />
      </form>
    </section>
  );
}
