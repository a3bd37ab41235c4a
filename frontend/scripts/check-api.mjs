#!/usr/bin/env node
/**
 * Fails when src/api/schema.d.ts is not what `npm run gen:api` makes from ../openapi/openapi.json,
 * i.e. when the API changed and the client was not regenerated (or was edited by hand).
 *
 *   npm run check:api
 *
 * Runs the gen:api command from package.json with its output sent to a temporary file, so the
 * flags live in one place.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONTEND = dirname(dirname(fileURLToPath(import.meta.url)));
const COMMITTED = 'src/api/schema.d.ts';
const generate = JSON.parse(readFileSync(join(FRONTEND, 'package.json'), 'utf8')).scripts['gen:api'];
if (!generate?.includes(`-o ${COMMITTED}`)) {
  console.error(`check:api: the gen:api script no longer writes "-o ${COMMITTED}"; update scripts/check-api.mjs`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'check-api-'));
try {
  const fresh = join(dir, 'schema.d.ts');
  execSync(generate.replace(`-o ${COMMITTED}`, `-o ${JSON.stringify(fresh)}`), {
    cwd: FRONTEND,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PATH: `${join(FRONTEND, 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  const expected = readFileSync(fresh, 'utf8');
  const actual = readFileSync(join(FRONTEND, COMMITTED), 'utf8');
  if (expected !== actual) {
    const a = actual.split('\n');
    const e = expected.split('\n');
    const line = e.findIndex((text, i) => text !== a[i]);
    console.error(`check:api: ${COMMITTED} is out of date with ../openapi/openapi.json (first difference at line ${line + 1}):`);
    console.error(`  committed: ${a[line] ?? '(end of file)'}`);
    console.error(`  generated: ${e[line] ?? '(end of file)'}`);
    console.error('Run `npm run gen:api` in frontend/ and commit the result.');
    process.exit(1);
  }
  console.log(`check:api: ${COMMITTED} matches ../openapi/openapi.json`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
