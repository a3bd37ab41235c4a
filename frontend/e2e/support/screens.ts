/** Signing in, screenshots, and the checks every screen gets: axe and the phone width. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { Person } from './api';
import { expect, PHONE } from './fixtures';
import { SHOTS } from './paths';

/** The widths every screen is audited at: a laptop and a phone. */
export const AUDIT_DESKTOP = { width: 1366, height: 900 };
export const AUDIT_PHONE = PHONE;

export async function signIn(page: Page, person: Person, orgId: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new RegExp(`/orgs/${orgId}/`));
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  // Let the last render (and any transition) settle.
  await page.waitForTimeout(150);
}

/** A screenshot of the page as it is, into e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function axe(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(result.passes.length, `axe checked nothing on ${where}`).toBeGreaterThan(0);
  expect.soft(violations, `axe violations on ${where}`).toEqual([]);
}

/**
 * The screen as it is now, at 1366×900 and at 390×844: axe finds no violation (of any impact) at
 * either width, and at the phone width the page does not scroll sideways; a phone screenshot goes
 * to e2e/screenshots/<name>-phone.png. The viewport is put back as it was. Soft assertions: the
 * flow goes on and the test fails at its end.
 */
export async function audit(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize(AUDIT_DESKTOP);
  await settle(page);
  await axe(page, `${name} at ${AUDIT_DESKTOP.width} px`);
  await page.setViewportSize(AUDIT_PHONE);
  await settle(page);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect.soft(widths.scroll, `${name}: the page is ${widths.scroll} px wide in a ${widths.inner} px window`).toBeLessThanOrEqual(widths.inner);
  await axe(page, `${name} at ${AUDIT_PHONE.width} px`);
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`) });
  if (before) await page.setViewportSize(before);
}
