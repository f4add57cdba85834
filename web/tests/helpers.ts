// What the browser tests share: signing in as a demo person, checking each
// page with axe (no serious or critical violations), a screenshot of each
// page, and failing on a Content-Security-Policy violation or a script error.

import { type Browser, type BrowserContext, type Page, expect } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// axe-core, put into the page once (it stays across the console's
// pushState navigations) and run on the whole document. page.evaluate is
// not subject to the page's Content-Security-Policy.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
}

const build = process.env.FHUB_BUILD_DIR ?? `${process.cwd()}/../build`;
export const SCREENSHOTS = process.env.FHUB_SCREENSHOTS ?? `${build}/web-screenshots`;
export const AXE_LOG = `${build}/web-test-results/axe.jsonl`;
mkdirSync(SCREENSHOTS, { recursive: true });
mkdirSync(`${build}/web-test-results`, { recursive: true });

/** Problems a page reported to its console: CSP violations and script errors. */
const problems = new WeakMap<Page, string[]>();

export function watch(page: Page): Page {
  const list: string[] = [];
  problems.set(page, list);
  page.on('pageerror', (e) => list.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (apply|load|execute)/i.test(text)) list.push(`CSP: ${text}`);
    else if (m.type() === 'error' && !/status of (4\d\d|503)/.test(text)) list.push(`console error: ${text}`);
  });
  return page;
}

/** Forgets the problems so far (after one the test caused on purpose). */
export function clearProblems(page: Page): void {
  problems.get(page)?.splice(0);
}

export function problemsOf(page: Page): string[] {
  return problems.get(page) ?? [];
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = watch(await context.newPage());
  return { context, page };
}

/** Signs in through the console's sign-in page as one of the demo's people. */
export async function signInAs(page: Page, personName: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${personName}` }).click();
  await expect(page.locator('#sign-out')).toBeVisible();
  await expect(page.locator('main h1')).toBeVisible();
}

/** Signs in as another organisation (the sign-in page's own form). */
export async function signInAsOrganisation(page: Page, organisation: string, roles: string[], subject: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByText('Sign in as another organisation').click();
  await page.getByLabel('Organisation', { exact: true }).fill(organisation);
  for (const r of roles) await page.locator(`input[name="roles"][value="${r}"]`).check();
  await page.getByLabel('Your name or user id').fill(subject);
  await page.getByRole('button', { name: 'Sign in as this organisation' }).click();
  await expect(page.locator('#sign-out')).toBeVisible();
}

/** The signed-in token, for asking the API directly what the console shows. */
export async function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(sessionStorage.getItem('fhub.session') ?? '{}') as { token?: string }).token ?? '');
}

export async function api<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  const res = await page.request.get(`/v1/${path}`, { headers: { Authorization: `Bearer ${await tokenOf(page)}` } });
  return { status: res.status(), body: (await res.json()) as T };
}

/** axe on the page as it is now, a full-page screenshot, and no CSP or script problems. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('.fhub-loading')).toHaveCount(0);
  const began = Date.now();
  const results = await runAxe(page);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const line = {
    page: name,
    url: page.url().replace(/^https?:\/\/[^/]+/, ''),
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
    axeMs: Date.now() - began,
  };
  appendFileSync(AXE_LOG, `${JSON.stringify(line)}\n`);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  expect(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe found serious or critical violations on ${name}`,
  ).toEqual([]);
  expect(problemsOf(page), `problems reported by ${name}`).toEqual([]);
}

/** "2026-12-16" -> fills the three boxes of a GOV.UK date input. */
export async function fillDate(page: Page, id: string, d: { year: number; month: number; day: number }): Promise<void> {
  await page.locator(`#${id}-day`).fill(String(d.day));
  await page.locator(`#${id}-month`).fill(String(d.month));
  await page.locator(`#${id}-year`).fill(String(d.year));
}

export function addDays(d: { year: number; month: number; day: number }, n: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addMonths(d: { year: number; month: number; day: number }, n: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(d.year, d.month - 1 + n, d.day));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function todayLondon(): { year: number; month: number; day: number } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

export function iso(d: { year: number; month: number; day: number }): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function ukDate(d: { year: number; month: number; day: number }): string {
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}
