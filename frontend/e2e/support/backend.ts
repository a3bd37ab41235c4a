/**
 * The backend for the browser tests: `python -m app.cli serve --no-demo` from the repository root
 * on a free port (migrations, the API serving frontend/dist, and the worker). DATABASE_URL /
 * REDIS_URL come from the environment when set, else the CLI starts its embedded servers.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRONTEND, ROOT } from './paths';
import { startMailCapture } from './mail';

const PYTHON = process.env.E2E_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `fn` until it returns something truthy; its last error is in the timeout's message. */
export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  { timeout = 90_000, interval = 300, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
}

export interface Backend {
  baseUrl: string;
  logPath: string;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  if (!existsSync(join(FRONTEND, 'dist', 'index.html'))) {
    throw new Error('frontend/dist is missing: run `npm run build` first (`npm run e2e` does)');
  }
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} not found: run ./scripts/test.sh or ./scripts/run.sh once to create the venv`);
  }
  // Emails go to a mail server of the run's own, where a test can read them (support/mail.ts).
  const mail = await startMailCapture();
  process.env.E2E_MAILDIR = mail.dir;
  const port = await freePort();
  const logPath = join(tmpdir(), `e2e-backend-${port}.log`);
  const logFile = createWriteStream(logPath);
  console.log(`[e2e] starting the backend on port ${port} (log: ${logPath})`);
  // Its own process group, so that it (and only it) can be signalled; `serve` stops its API and worker.
  const child = spawn(PYTHON, ['-m', 'app.cli', 'serve', '--no-demo', '--port', String(port)], {
    cwd: ROOT,
    // The notifications flow points a webhook at a receiver on 127.0.0.1: private targets must be allowed.
    // Every account here signs in from 127.0.0.1: the per-IP sign-in limit (brute-force protection,
    // 20 a minute by default) is not what this run tests, and many sign-ins fall within a minute.
    env: {
      ...process.env,
      LOG_JSON: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARNING',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RATE_LIMIT_SIGN_IN_PER_IP: '1000/minute',
      // Where the app is reached: links in emails, and single sign-on's redirect URI.
      BASE_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: mail.url,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(logFile);
  child.stderr.pipe(logFile);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const stop = async () => {
    mail.stop();
    if (exited || child.pid === undefined) return;
    console.log('[e2e] stopping the backend');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const gone = await waitFor(() => exited, { timeout: 20_000, interval: 200, what: 'the backend to stop' }).catch(() => null);
    if (!gone) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`the backend exited (${JSON.stringify(exited)}); see ${logPath}`);
        const response = await fetch(`${baseUrl}/readyz`);
        // Its worker too: until its first heartbeat every page would say monitoring is not running.
        return response.ok && (await response.json()).worker.last_heartbeat_at !== null;
      },
      { timeout: 120_000, what: 'the backend and its worker to be ready' },
    );
    const index = await (await fetch(`${baseUrl}/`)).text();
    if (!index.includes('id="root"')) throw new Error('the backend does not serve the built SPA at /');
  } catch (error) {
    await stop();
    const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${(error as Error).message}\n--- backend log (tail) ---\n${tail}`);
  }
  return { baseUrl, logPath, stop };
}
