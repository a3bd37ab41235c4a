/**
 * The run's mail server: aiosmtpd (the backend's test dependency) on a free port, keeping every
 * message in a Maildir, so that a test reads the email the worker sent, as its recipient would.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './backend';
import { ROOT } from './paths';

const PYTHON = process.env.E2E_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');

export interface MailCapture {
  url: string;
  dir: string;
  stop(): void;
}

export async function startMailCapture(): Promise<MailCapture> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'e2e-mail-'));
  const child = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', join(dir, 'maildir')], {
    stdio: 'ignore',
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.end();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        }),
      { timeout: 20_000, what: 'the mail server' },
    );
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `smtp://127.0.0.1:${port}`, dir: join(dir, 'maildir'), stop };
}

/** A received message: its headers, and its parts' texts (base64 and quoted-printable decoded). */
export interface Mail {
  to: string;
  subject: string;
  texts: string[];
}

function decodeParts(raw: string): string[] {
  const boundary = /boundary="([^"]+)"/.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  return parts.map((part) => {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const body = rest.join('\n\n');
    return /content-transfer-encoding:\s*base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  });
}

/** Every message received so far (E2E_MAILDIR, set by the global setup). */
export function receivedMail(): Mail[] {
  const dir = process.env.E2E_MAILDIR;
  if (!dir) return [];
  const files = ['new', 'cur'].flatMap((sub) => (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).map((f) => join(dir, sub, f)) : []));
  return files.map((file) => {
    const raw = readFileSync(file, 'utf8');
    const header = (name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(raw)?.[1]?.trim() ?? '';
    return { to: header('To'), subject: header('Subject'), texts: decodeParts(raw) };
  });
}
