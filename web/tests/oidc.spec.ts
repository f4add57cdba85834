// Signing in through a council's own identity provider, in the browser:
// Debian's glewlwyd stands in for Sefton's and Wirral's tenants (started by
// run-browser-tests.sh, which sets FHUB_OIDC_DIR and trusts both issuers).
// A Sefton officer signs in at Sefton's login page and works in the console
// on the session cookie; Sefton's issuer rotates its signing key and the
// next sign-in works with no restart; a Wirral officer signed in through
// Wirral's issuer cannot open Sefton's referral.

import { execFileSync } from 'node:child_process';
import { type Page, expect, test } from '@playwright/test';
import { checkPage, newPage } from './helpers';

const idpDir = process.env.FHUB_OIDC_DIR ?? '';
const glewlwyd = new URL('../../tests/support/oidc/glewlwyd.sh', import.meta.url).pathname;

test.skip(!idpDir, 'no identity provider was started (FHUB_OIDC_DIR)');

/** The provider's own pages: its login form, then its "Continue". */
async function signInThrough(page: Page, provider: string, user: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in with ${provider}` }).click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('#loginbut').click();
  await page.locator('button.btn-success', { hasText: 'Continue' }).click();
  // Back in the console, signed in.
  await expect(page.locator('#sign-out')).toBeVisible();
}

test("a Sefton officer signs in through Sefton's identity provider and works on the session", async ({ browser }) => {
  const { page } = await newPage(browser);
  await signInThrough(page, 'Sefton Council', 'sefton-commissioner', 'correct-horse-1');
  const session = await page.evaluate(async () => (await fetch('/auth/session')).json());
  expect(session).toMatchObject({ signedIn: true, via: 'sefton', organisation: 'authorities/sefton', roles: ['COMMISSIONER'] });
  // The token stays in the gateway's HttpOnly cookie: the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('fhub_session');
  await page.goto('/referrals');
  await expect(page.locator('main')).toContainText('authorities/sefton/referrals/1'.split('/').pop()!);
  await checkPage(page, '70-oidc-commissioner-referrals');
  const listed = await page.evaluate(async () => (await fetch('/v1/authorities/sefton/referrals')).status);
  expect(listed).toBe(200);
});

test("Sefton's issuer rotates its key and the next sign-in works with no restart", async ({ browser }) => {
  const rotated = JSON.parse(execFileSync(glewlwyd, ['rotate', idpDir, 'sefton']).toString()) as { signing_kid: string };
  expect(rotated.signing_kid).toMatch(/^sefton-/);
  const { page } = await newPage(browser);
  await signInThrough(page, 'Sefton Council', 'sefton-lead', 'correct-horse-2');
  await page.goto('/referrals');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const listed = await page.evaluate(async () => (await fetch('/v1/authorities/sefton/referrals')).status);
  expect(listed).toBe(200);
  // Signing out ends the session here and at the provider.
  await page.goto('/sign-out');
  await page.locator('button.btn-danger', { hasText: 'Logout' }).click();
  const console = new URL(process.env.FHUB_CONSOLE_URL ?? 'http://127.0.0.1:7000/');
  await page.waitForURL((url) => url.origin === console.origin);
  const after = await page.evaluate(async () => (await fetch('/auth/session')).status);
  expect(after).toBe(401);
});

test("a Wirral officer signed in through Wirral's issuer cannot open Sefton's referral", async ({ browser }) => {
  const { page } = await newPage(browser);
  await signInThrough(page, 'Wirral Council', 'wirral-commissioner', 'correct-horse-3');
  const answer = page.waitForResponse((r) => r.url().includes('/v1/authorities/sefton/referrals/1') && r.request().method() === 'GET');
  await page.goto('/authorities/sefton/referrals/1');
  expect((await answer).status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await checkPage(page, '71-oidc-other-council-not-found');
});
