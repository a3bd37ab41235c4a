/**
 * The guards every test runs under (support/fixtures.ts) hear what they must: a console error, an
 * uncaught page error, a CSP violation and an undeclared 4xx. Each is provoked here on a real page of
 * the app, found in `guard.problems`, and then cleared, so that this test passes only if the guard
 * heard all four.
 */
import { expect, test } from './support/fixtures';

test('the guards hear console errors, page errors, CSP violations and unexpected 4xx answers', async ({ page, guard }) => {
  await page.goto('/sign-in');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(guard.problems, 'a clean sign-in page').toEqual([]);

  await page.evaluate(() => console.error('e2e guard check'));
  await page.evaluate(() => setTimeout(() => {
    throw new Error('e2e uncaught');
  }));
  // An inline script: the app's policy allows none.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1;';
    document.body.append(script);
  });
  await page.evaluate(() => fetch('/api/v1/users/me'));
  await expect
    .poll(() => guard.problems.join('\n'))
    .toMatch(/console error on .*e2e guard check[\s\S]*/);
  await expect.poll(() => guard.problems.some((p) => p.includes('uncaught error') && p.includes('e2e uncaught'))).toBe(true);
  await expect.poll(() => guard.problems.some((p) => p.startsWith('CSP violation') && p.includes('script-src'))).toBe(true);
  await expect.poll(() => guard.problems.some((p) => p === 'unexpected 401 from GET /api/v1/users/me')).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline), 'the inline script ran').toBeUndefined();
  guard.problems.length = 0;
});
