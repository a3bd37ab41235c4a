/**
 * Once per run: start the backend (unless E2E_BASE_URL names a running one), seed the data every
 * flow starts from through the API, and hand both to the tests through the environment
 * (E2E_BASE_URL, E2E_SEED_FILE). Returns the teardown that stops the backend.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from './support/backend';
import { SHOTS } from './support/paths';
import { seed } from './support/seed';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM`);
  }
  mkdirSync(SHOTS, { recursive: true });
  const backend = process.env.E2E_BASE_URL ? null : await startBackend();
  if (backend) process.env.E2E_BASE_URL = backend.baseUrl;
  console.log(`[e2e] backend ready at ${process.env.E2E_BASE_URL}`);
  const dir = mkdtempSync(join(tmpdir(), 'e2e-seed-'));
  try {
    const data = await seed();
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(data));
    process.env.E2E_SEED_FILE = file;
    console.log(`[e2e] seeded organisation "${data.org.name}"`);
  } catch (error) {
    await backend?.stop();
    throw error;
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await backend?.stop();
  };
}
