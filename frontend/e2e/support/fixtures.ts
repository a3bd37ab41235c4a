/**
 * The tests' `test`: Playwright Test's, with
 *
 * - `guard`, on every browser context a test opens: the test FAILS on any browser console error, any
 *   uncaught page error, any Content-Security-Policy violation (heard by an init script listening for
 *   `securitypolicyviolation`) and any 4xx/5xx answer from the backend the test did not declare with
 *   `guard.allow(status, urlPart)` (a deliberate 409, say);
 * - `data`, the seed of this run (support/seed.ts), and `baseURL` from the global setup;
 * - `openPage(viewport?)`, another signed-out browser context of its own (a second person at once),
 *   guarded and closed with the test.
 */
import { test as base, expect, type Browser, type BrowserContext, type Page, type ViewportSize } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { baseUrl } from './api';
import type { Seed } from './seed';

import { CONTEXT_OPTIONS, LAPTOP } from './viewports';

export { CONTEXT_OPTIONS, LAPTOP, PHONE, TABLET } from './viewports';

declare global {
  interface Window {
    __e2eCspViolation?: (violation: Record<string, unknown>) => void;
  }
}

interface Allowed {
  status: number;
  url: string;
  seen: number;
}

export class Guard {
  readonly problems: string[] = [];
  private readonly allowed: Allowed[] = [];

  /** Declares an answer this test expects: `status` from a URL containing `url`. */
  allow(status: number, url: string): void {
    this.allowed.push({ status, url, seen: 0 });
  }

  async watch(context: BrowserContext): Promise<void> {
    const origin = baseUrl();
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // Chromium logs every 4xx/5xx answer as "Failed to load resource": those are judged below,
      // where a test can declare the ones it expects.
      if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) return;
      this.problems.push(`console error on ${message.page()?.url() ?? '?'}: ${text}`);
    });
    context.on('weberror', (error) => {
      this.problems.push(`uncaught error on ${error.page()?.url() ?? '?'}: ${error.error().message}`);
    });
    context.on('response', (response) => {
      const status = response.status();
      if (status < 400 || !response.url().startsWith(origin)) return;
      const allowed = this.allowed.find((a) => a.status === status && response.url().includes(a.url));
      if (allowed) {
        allowed.seen += 1;
        return;
      }
      const { pathname, search } = new URL(response.url());
      this.problems.push(`unexpected ${status} from ${response.request().method()} ${pathname}${search}`);
    });
    await context.exposeBinding('__e2eCspViolation', (source, violation: Record<string, unknown>) => {
      this.problems.push(`CSP violation on ${source.page?.url() ?? '?'}: ${JSON.stringify(violation)}`);
    });
    await context.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (event) => {
          void window.__e2eCspViolation?.({
            directive: event.effectiveDirective,
            blocked: event.blockedURI,
            source: event.sourceFile,
            line: event.lineNumber,
            sample: event.sample,
          });
        },
        true,
      );
    });
  }
}

async function guardedContext(browser: Browser, guard: Guard, viewport: ViewportSize): Promise<BrowserContext> {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport, baseURL: baseUrl() });
  await guard.watch(context);
  return context;
}

interface Fixtures {
  guard: Guard;
  data: Seed;
  openPage: (viewport?: ViewportSize) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    await use(baseUrl());
  },
  guard: async ({}, use) => {
    const guard = new Guard();
    await use(guard);
    // Let the last answers and messages of the test arrive before judging them.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(guard.problems, 'console errors, page errors, CSP violations and unexpected 4xx/5xx answers').toEqual([]);
  },
  context: async ({ context, guard }, use) => {
    await guard.watch(context);
    await use(context);
  },
  page: async ({ page }, use) => {
    page.setDefaultTimeout(15_000);
    await use(page);
  },
  data: async ({}, use) => {
    const file = process.env.E2E_SEED_FILE;
    if (!file) throw new Error('E2E_SEED_FILE is not set: the global setup seeds and sets it');
    await use(JSON.parse(readFileSync(file, 'utf8')) as Seed);
  },
  openPage: async ({ browser, guard }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (viewport = LAPTOP) => {
      const context = await guardedContext(browser, guard, viewport);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
