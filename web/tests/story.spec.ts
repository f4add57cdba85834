// The story, walked in the console against a real hub, each person in a
// browser context of their own: a third provider near Bootle registers and
// is admitted (evaluated by two members, admitted by the lead); Sefton's
// commissioner refers a young person living in Bootle; Bootle House and
// Mersey Living offer (live in their inboxes), the third declines; Sefton
// awards, cuts the hours from 10 to 6 a week from a date and reads the cost
// of a period, which must equal the API's own answer; Tameside opens an
// extension ballot and the six strategic leads vote it through; Wirral's
// commissioner cannot open Sefton's referral. Every page is checked by axe.

import { type Browser, type BrowserContext, type Page, expect, test } from '@playwright/test';
import {
  addDays, addMonths, api, checkPage, clearProblems, fillDate, iso, newPage, signInAs, signInAsOrganisation, todayLondon, ukDate,
} from './helpers';

test.describe.configure({ mode: 'serial' });

const today = todayLondon();
const start = addDays(today, 14);
const drop = addMonths(start, 2);
const costTo = addDays(addMonths(start, 3), -1);
const caseReference = `SEF-WEB-${Date.now().toString(36).toUpperCase()}`;
const third = { id: 'waterloo-care', name: 'Waterloo Care Ltd', subject: 'waterloo-care-manager' };

let referralPath = '';
let placementPath = '';
const contexts: BrowserContext[] = [];

async function person(browser: Browser, name: string): Promise<Page> {
  const { context, page } = await newPage(browser);
  contexts.push(context);
  await signInAs(page, name);
  return page;
}

async function providerPage(browser: Browser, id: string): Promise<Page> {
  const { context, page } = await newPage(browser);
  contexts.push(context);
  await signInAsOrganisation(page, `providers/${id}`, ['PROVIDER_USER'], `${id}-manager`);
  return page;
}

function thirdProvider(browser: Browser): Promise<Page> {
  return providerPage(browser, third.id);
}

test.afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
});

test('the sign-in page lists the demo people', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: "Sign in as Sefton's commissioner" })).toBeVisible();
  await expect(page.getByRole('button', { name: "Sign in as Bootle House's manager" })).toBeVisible();
  await checkPage(page, '01-sign-in');
  // A hub not in development mode answers /dev/people with 404.
  await page.route('**/dev/people', (route) =>
    route.fulfill({ status: 404, contentType: 'application/json', body: '{"code":5,"message":"the development sign-in is served only in development mode","details":[]}' }),
  );
  await page.reload();
  // Sign-in is then only through the organisations' identity providers
  // (run-browser-tests.sh trusts Sefton's and Wirral's), or, with none,
  // the page says development sign-in is off.
  await expect(page.getByRole('button', { name: 'Sign in with Sefton Council' })).toBeVisible();
  await expect(page.getByRole('button', { name: "Sign in as Sefton's commissioner" })).toHaveCount(0);
  await page.route('**/auth/providers', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
  await page.reload();
  await expect(page.getByText('Development sign-in is off.')).toBeVisible();
  await page.unroute('**/auth/providers');
  await page.unroute('**/dev/people');
});

test('a third provider near Bootle registers, applies, is scored by two evaluators and admitted by the lead', async ({ browser }) => {
  const provider = await thirdProvider(browser);
  await expect(provider.getByRole('heading', { name: 'Register your organisation' })).toBeVisible();
  await provider.getByRole('button', { name: 'Register your organisation' }).click();
  await provider.getByLabel('Legal name').fill(third.name);
  await provider.getByLabel('Company', { exact: true }).check();
  await provider.getByLabel('Companies House number').fill('08765432');
  await provider.getByLabel('Contact’s full name').fill('Registered Manager');
  await provider.getByLabel('Contact’s e-mail address').fill('manager@waterloo-care.example');
  await provider.getByLabel('Address line 1').fill('3 Office Row');
  await provider.getByLabel('Town or city').fill('Waterloo');
  await provider.getByLabel('Postcode').fill('L22 0LG');
  await checkPage(provider, '40-provider-register');
  await provider.getByRole('button', { name: 'Register' }).click();
  await expect(provider.getByRole('heading', { name: 'Settings and vacancies' })).toBeVisible();

  await provider.getByRole('button', { name: 'Add a setting' }).click();
  await provider.getByLabel('Setting id').fill('crosby-road');
  await provider.getByLabel('Name', { exact: true }).fill('Crosby Road');
  await provider.getByLabel('Address line 1').fill('4 Crosby Road North');
  await provider.getByLabel('Town or city').fill('Crosby');
  await provider.getByLabel('Postcode').fill('L23 5TF');
  await provider.getByLabel('Fill the position from a town (optional)').selectOption('Crosby');
  await expect(provider.getByLabel('Latitude')).toHaveValue('53.4872');
  await provider.getByLabel('Lots it serves').fill('nw-16plus/lot-1, nw-16plus/lot-3');
  await provider.getByLabel('Places').fill('3');
  await provider.getByLabel('Supported accommodation (16 and 17 year olds)').check();
  await provider.getByLabel('Ofsted URN').fill('2745126');
  await provider.getByLabel('Latest Ofsted judgement').selectOption('OUTCOME_1');
  await fillDate(provider, 'judgement-date', { year: 2025, month: 9, day: 3 });
  await checkPage(provider, '41-provider-new-setting');
  await provider.getByRole('button', { name: 'Add setting' }).click();
  await expect(provider.getByRole('heading', { name: 'Crosby Road' })).toBeVisible();
  await provider.locator('#vacancy-form').getByLabel('Places').fill('1');
  await provider.getByRole('button', { name: 'Record vacancy' }).click();
  await expect(provider.locator('#vacancies')).toContainText(ukDate(today));
  await checkPage(provider, '42-provider-setting');

  await provider.goto('/applications/new');
  await provider.getByLabel('Framework id').fill('nw-16plus');
  await provider.getByRole('button', { name: 'Continue' }).click();
  await provider.getByLabel('Lots').fill('lot-1, lot-3');
  const answers = provider.locator('textarea');
  for (let i = 0; i < (await answers.count()); i += 1) {
    await answers.nth(i).fill('Designated safeguarding lead on every rota; pathway plans; enhanced checks and monthly supervision.');
  }
  await checkPage(provider, '43-provider-apply');
  await provider.getByRole('button', { name: 'Save and submit application' }).click();
  await expect(provider.locator('.govuk-summary-list')).toContainText('Submitted');
  const application = new URL(provider.url()).pathname;

  for (const [who, scores] of [
    ["Sefton's evaluator", ['4', '4', '3']],
    ["Wirral's evaluator", ['5', '3', '4']],
  ] as const) {
    const evaluator = await person(browser, who);
    await expect(evaluator.getByRole('heading', { name: 'Applications to score' })).toBeVisible();
    if (who === "Sefton's evaluator") await checkPage(evaluator, '50-evaluator-list');
    await evaluator.locator(`a[href="${application}"]`).first().click();
    const groups = evaluator.locator('#score-form fieldset');
    for (let i = 0; i < scores.length; i += 1) await groups.nth(i).getByLabel(scores[i], { exact: true }).check();
    if (who === "Sefton's evaluator") await checkPage(evaluator, '51-evaluator-score');
    await evaluator.getByRole('button', { name: 'Submit scores' }).click();
    await expect(evaluator.getByText('Your scores are recorded.')).toBeVisible();
  }

  const lead = await person(browser, "Tameside's contract manager");
  await lead.getByRole('link', { name: 'Applications', exact: true }).click();
  await expect(lead.locator('#applications-live')).toContainText(third.name);
  await checkPage(lead, '20-lead-applications');
  await lead.locator(`a[href="${application}"]`).click();
  await expect(lead.locator('#moderated')).toContainText('passes');
  await checkPage(lead, '21-lead-application');
  await lead.getByRole('button', { name: 'Admit provider' }).click();
  await expect(lead.locator('.govuk-summary-list')).toContainText('Admitted');
});

let sefton: Page;
const inboxes: Record<string, Page> = {};
/** The providers the registry finds for a referral from Bootle: all are invited. */
let eligible: string[] = [];
const OFFERING = ['bootle-house', 'mersey-living'];

test("providers' inboxes are open and live before the referral", async ({ browser }) => {
  sefton = await person(browser, "Sefton's commissioner");
  const found = await api<{ providers?: { provider: string }[] }>(
    sefton,
    `frameworks/nw-16plus/lots/lot-1/eligibleProviders?authority=authorities/sefton&latitude=53.4466&longitude=-2.9929&maxDistanceMiles=20&wantedBy=${iso(start)}`,
  );
  eligible = (found.body.providers ?? []).map((p) => p.provider.replace('providers/', ''));
  // Bootle House and Mersey Living offer; every other eligible provider (at
  // least the one admitted above) declines.
  expect(eligible).toEqual(expect.arrayContaining([...OFFERING, third.id]));
  inboxes['bootle-house'] = await person(browser, "Bootle House's manager");
  inboxes['mersey-living'] = await person(browser, "Mersey Living's manager");
  for (const id of eligible.filter((p) => !OFFERING.includes(p))) inboxes[id] = await providerPage(browser, id);
  for (const page of Object.values(inboxes)) {
    await page.goto('/invitations');
    await expect(page.locator('#stream-state')).toHaveAttribute('data-state', 'live');
  }
  await checkPage(inboxes['bootle-house'], '30-provider-inbox');

  // A dropped stream is followed again: refuse it once, then let it through.
  const mersey = inboxes['mersey-living'];
  await mersey.route('**/invitations:stream', (route) => route.abort('connectionreset'));
  await mersey.reload();
  await expect(mersey.locator('#stream-state')).toHaveAttribute('data-state', 'reconnecting');
  await mersey.unroute('**/invitations:stream');
  await expect(mersey.locator('#stream-state')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  clearProblems(mersey); // the refused stream's own console line
});

let webhookPath = '';

test("Sefton's commissioner registers a webhook endpoint for the answers to come", async () => {
  await sefton.goto('/webhooks');
  await expect(sefton.locator('main')).toContainText('No endpoints registered.');
  const form = sefton.locator('#webhook-form');
  // Checked before anything is sent: an address that is not https, no events.
  await form.getByLabel('Address').fill('http://hooks.sefton.example/fhub');
  await form.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(sefton.locator('[data-field="url"] .govuk-error-message')).toContainText('must start with https://');
  await expect(sefton.locator('[data-field="events"] .govuk-error-message')).toContainText('Choose at least one event');
  // Events only a provider is sent are not offered to a council.
  await expect(form.getByLabel('Invited to a mini-competition')).toHaveCount(0);
  await form.getByLabel('A provider offered').check();
  await form.getByLabel('A provider declined').check();
  // Refused by the hub, and shown beside the field it names.
  await form.getByLabel('Address').fill('https://clerk:pw@hooks.sefton.example/fhub');
  await form.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(sefton.locator('[data-field="url"] .govuk-error-message')).toContainText('must not carry a user or password');
  await checkPage(sefton, '19c-commissioner-webhook-errors');
  // Nobody listens there: the deliveries stay pending, retried.
  await form.getByLabel('Address').fill('https://hooks.sefton.invalid/fhub');
  await form.getByLabel('Description (optional)').fill("Sefton's case system");
  await form.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(sefton.getByText('Copy it into your system now')).toBeVisible();
  await expect(sefton.locator('#webhook-secret')).toHaveText(/^whsec_[0-9a-f]{64}$/);
  await expect(sefton.locator('#webhook-endpoints')).toContainText('https://hooks.sefton.invalid/fhub');
  await checkPage(sefton, '19d-commissioner-webhook-registered');
  // The secret is shown once.
  await sefton.reload();
  await expect(sefton.locator('#webhook-endpoints')).toContainText("Sefton's case system");
  await expect(sefton.locator('#webhook-secret')).toHaveCount(0);
  webhookPath = (await sefton.locator('#webhook-endpoints a').first().getAttribute('href')) ?? '';
  expect(webhookPath).toMatch(/^\/webhooks\/\d+$/);
});

test("Sefton's commissioner refers a young person from Bootle and submits the referral", async () => {
  await sefton.getByRole('link', { name: 'Referrals' }).click();
  await expect(sefton.getByRole('heading', { name: 'Referrals' })).toBeVisible();
  await checkPage(sefton, '10-commissioner-referrals');
  await sefton.getByRole('button', { name: 'Create a referral' }).click();
  const form = sefton.locator('#referral-form');
  await form.getByLabel('Lot 1: semi-independent and group living').check();
  // A date of birth in the case reference is refused before anything is sent.
  await form.getByLabel('Case reference').fill('SEF 12/03/2009');
  await form.getByLabel('Age').fill('15');
  await form.getByRole('button', { name: 'Create referral' }).click();
  await expect(sefton.locator('.govuk-error-summary')).toBeVisible();
  await expect(sefton.locator('[data-field="case-reference"] .govuk-error-message')).toContainText('shaped like a date');
  await expect(sefton.locator('[data-field="age"] .govuk-error-message')).toContainText('16 to 25');
  await checkPage(sefton, '11-commissioner-referral-errors');

  await form.getByLabel('Case reference').fill(caseReference);
  await form.getByLabel('Age').fill('16');
  await form.getByLabel('Going missing').check();
  await form.getByLabel('Mental health').check();
  await form.getByLabel('Support wanted').fill('10');
  await form.getByLabel('Shared house').check();
  await form.getByLabel('Town').selectOption('Bootle');
  await expect(form.getByLabel('Latitude')).toHaveValue('53.4466');
  await expect(form.getByLabel('Longitude')).toHaveValue('-2.9929');
  await fillDate(sefton, 'wanted-start', start);
  await form.getByLabel('Confidential summary (optional)').fill('Known to the youth offending team.');
  await form.getByRole('button', { name: 'Create referral' }).click();
  await expect(sefton.getByText('is saved as a draft')).toBeVisible();
  referralPath = new URL(sefton.url()).pathname;
  expect(referralPath).toMatch(/^\/authorities\/sefton\/referrals\/\d+$/);
  await checkPage(sefton, '12-commissioner-referral-draft');

  await sefton.getByRole('button', { name: 'Submit and invite providers' }).click();
  await expect(sefton.getByText(`Referral submitted: ${eligible.length} providers invited.`)).toBeVisible();
  await expect(sefton.locator('#invited-count')).toHaveText(String(eligible.length));
  await checkPage(sefton, '13-commissioner-referral-open');
});

test('the invitations arrive live; two providers offer and one declines', async () => {
  const number = referralPath.split('/').pop()!;
  for (const page of Object.values(inboxes)) {
    // No reload: the row comes down the Server-Sent Events stream.
    await expect(page.locator('#waiting-table')).toContainText(`Sefton referral ${number}`, { timeout: 15_000 });
  }
  const bootle = inboxes['bootle-house'];
  await bootle.getByRole('link', { name: `Sefton referral ${number}` }).click();
  await expect(bootle.getByRole('heading', { name: `Sefton referral ${number}` })).toBeVisible();
  // The case reference and the confidential summary are not the provider's to see before an award.
  await expect(bootle.locator('main')).not.toContainText(caseReference);
  await expect(bootle.locator('main')).not.toContainText('youth offending');
  await expect(bootle.getByLabel('Accommodation a week')).toHaveValue('850.00');
  await checkPage(bootle, '32-provider-invitation');
  await bootle.getByRole('button', { name: 'Make offer' }).click();
  await expect(bootle.getByText('Your offer is with the council.')).toBeVisible();

  const mersey = inboxes['mersey-living'];
  await mersey.getByRole('link', { name: `Sefton referral ${number}` }).click();
  // Above the price book: the hub refuses, and the console shows it beside the field it names.
  await mersey.getByLabel('Accommodation a week').fill('950.00');
  await mersey.getByRole('button', { name: 'Make offer' }).click();
  const error = mersey.locator('[data-field="offer-accommodation"] .govuk-error-message');
  await expect(error).toContainText('offer.accommodation_weekly_pence 95000 is above the price book');
  await checkPage(mersey, '33-provider-offer-refused');
  await mersey.getByLabel('Accommodation a week').fill('880.00');
  await mersey.getByRole('button', { name: 'Make offer' }).click();
  await expect(mersey.getByText('Your offer is with the council.')).toBeVisible();

  for (const id of eligible.filter((p) => !OFFERING.includes(p))) {
    const page = inboxes[id];
    await page.getByRole('link', { name: `Sefton referral ${number}` }).click();
    await page.getByLabel('No vacancy').check();
    await page.getByRole('button', { name: 'Decline' }).click();
    await expect(page.getByText('You declined the invitation.')).toBeVisible();
  }
});

test('Sefton watches the answers arrive, ranks the offers and awards the first', async () => {
  // The referral page polls: no reload.
  await expect(sefton.locator('#ranked-offers')).toBeVisible({ timeout: 20_000 });
  await expect(sefton.locator('#ranked-offers tbody tr')).toHaveCount(2);
  await expect(sefton.locator('#ranked-offers tbody tr').first()).toContainText('Bootle House Ltd');
  await expect(sefton.locator('#ranked-offers tbody tr').first()).toContainText('£1,035.00');
  await checkPage(sefton, '14-commissioner-ranked-offers');
  // The second offer needs a reason.
  await sefton.locator('#award-form input[type="radio"]').nth(1).check();
  await sefton.getByRole('button', { name: 'Award placement' }).click();
  await expect(sefton.locator('[data-field="award-reason"] .govuk-error-message')).toContainText('Give a reason');
  await sefton.locator('#award-form input[type="radio"]').first().check();
  await sefton.getByRole('button', { name: 'Award placement' }).click();
  await expect(sefton.getByText(/Awarded\. Placement \d+ has started\./)).toBeVisible();
  placementPath = new URL(sefton.url()).pathname;
  await expect(sefton.locator('#hours-history')).toContainText('10 hours');

  // Only the awarded provider now sees the case reference and the summary.
  const bootle = inboxes['bootle-house'];
  await bootle.reload();
  await expect(bootle.locator('main')).toContainText(caseReference);
  await expect(bootle.locator('main')).toContainText('Known to the youth offending team.');
  const mersey = inboxes['mersey-living'];
  await mersey.reload();
  await expect(mersey.locator('main')).toContainText('Unsuccessful');
  await expect(mersey.locator('main')).not.toContainText(caseReference);
  await expect(mersey.locator('main')).not.toContainText('youth offending');
});

test('Sefton cuts the support from 10 to 6 hours a week from a date and reads the exact cost of a period', async () => {
  await fillDate(sefton, 'hours-from', drop);
  await sefton.getByLabel('Support a week').fill('6');
  await sefton.getByRole('button', { name: 'Change support hours' }).click();
  await expect(sefton.getByText(`Support changes to 6 hours a week from ${ukDate(drop)}.`)).toBeVisible();
  const rows = sefton.locator('#hours-history tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(ukDate(drop));
  await expect(rows.nth(1)).toContainText('360');

  await fillDate(sefton, 'cost-from', start);
  await fillDate(sefton, 'cost-to', costTo);
  await sefton.getByRole('button', { name: 'Work out the cost' }).click();
  await expect(sefton.locator('#cost-table')).toBeVisible();
  const shown = (await sefton.locator('#cost-total').textContent())!.trim();
  const name = placementPath.slice(1);
  const cost = await api<{ totalPence: string; segments: unknown[] }>(sefton, `${name}/cost?first_day=${iso(start)}&last_day=${iso(costTo)}`);
  expect(cost.status).toBe(200);
  const pence = BigInt(cost.body.totalPence);
  const expected = `£${(pence / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(pence % 100n).toString().padStart(2, '0')}`;
  expect(shown).toBe(expected);
  await expect(sefton.locator('#cost-table tbody tr')).toHaveCount(cost.body.segments.length + 1);
  await checkPage(sefton, '15-commissioner-placement');
});

test("Wirral's commissioner cannot open Sefton's referral", async ({ browser }) => {
  const wirral = await person(browser, "Wirral's commissioner");
  const answer = wirral.waitForResponse((r) => r.url().includes(`/v1${referralPath}`) && r.request().method() === 'GET');
  await wirral.goto(referralPath);
  expect((await answer).status()).toBe(404);
  await expect(wirral.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(wirral.locator('#error-detail')).toContainText('belong to another organisation');
  await expect(wirral.locator('main')).not.toContainText(caseReference);
  await checkPage(wirral, '16-other-commissioner-not-found');
});

test('Tameside opens an extension ballot and the six strategic leads vote it through', async ({ browser }) => {
  const lead = await person(browser, "Tameside's contract manager");
  await expect(lead.locator('#members')).toContainText('Strategic Lead, Sefton');
  await checkPage(lead, '22-lead-framework');
  await lead.getByRole('link', { name: 'Ballots' }).click();
  await checkPage(lead, '23-lead-ballots');
  await lead.getByRole('button', { name: 'Open extension ballot' }).click();
  await expect(lead.getByText(/Ballot \d+ is open on option 1/)).toBeVisible();
  await expect(lead.locator('#tally')).toContainText('0 of 6');
  const ballotPath = new URL(lead.url()).pathname;

  const leads = ['Sefton', 'Wirral', 'Halton', 'Knowsley', 'Liverpool', 'Tameside'];
  for (const [i, who] of leads.entries()) {
    const voter = await person(browser, `${who}'s head of children's services`);
    await expect(voter.getByRole('heading', { name: 'Extension ballots' })).toBeVisible();
    if (i === 0) await checkPage(voter, '60-strategic-lead-ballots');
    await voter.getByRole('link', { name: 'Vote on this ballot' }).click();
    await voter.getByLabel('Approve the extension').check();
    await voter.getByLabel('Comment (optional)').fill(`${who} supports another year.`);
    if (i === 0) await checkPage(voter, '61-strategic-lead-vote');
    await voter.getByRole('button', { name: 'Cast vote' }).click();
    await expect(voter.getByText('Your vote is cast.')).toBeVisible();
    await expect(voter.locator('main')).toContainText(`${who} voted: Approve the extension`);
    await expect(voter.locator('#cast-vote')).toHaveCount(0);
    // The lead's page fills as the votes come in (it polls; no reload).
    if (i === 2) await expect(lead.locator('#tally')).toContainText('3 of 6');
  }
  await expect(lead.locator('#ballot-status')).toContainText('Passed', { timeout: 15_000 });
  expect(new URL(lead.url()).pathname).toBe(ballotPath);
  await expect(lead.locator('#ballot-status')).toContainText('31 March 2028');
  await checkPage(lead, '24-lead-ballot-passed');
});

test("the lead's other pages: admission, providers and a suspension, cost sharing, figures", async ({ browser }) => {
  const lead = await person(browser, "Tameside's contract manager");
  await lead.goto('/frameworks/nw-16plus/admission');
  await expect(lead.locator('#windows')).toContainText('Ad-hoc round');
  await checkPage(lead, '25-lead-admission');
  await lead.getByLabel('Lot 3: floating support').check();
  await lead.getByRole('button', { name: 'Open admission round' }).click();
  await expect(lead.getByText('The admission round is open')).toBeVisible();
  await lead.getByRole('button', { name: 'Close now round 2' }).click();
  await expect(lead.getByText('Round 2 is closed.')).toBeVisible();

  // A member ceases to use the framework and is added again.
  await lead.getByRole('link', { name: 'Framework', exact: true }).click();
  await lead.getByRole('link', { name: 'Cease liverpool’s membership' }).click();
  await checkPage(lead, '25b-lead-cease-member');
  await lead.getByRole('button', { name: 'Cease membership' }).click();
  await expect(lead.getByText(/Liverpool City Council ceases to use the framework/)).toBeVisible();
  await lead.getByText('Add a member').click();
  await lead.getByLabel('Authority').selectOption({ label: 'Liverpool City Council' });
  await lead.getByLabel('Strategic lead’s full name').fill('Strategic Lead, Liverpool');
  await lead.getByLabel('Strategic lead’s work e-mail').fill('childrens.services@liverpool.example');
  await lead.getByRole('button', { name: 'Add member' }).click();
  await expect(lead.getByText('Liverpool City Council is a member.')).toBeVisible();
  await expect(lead.locator('#members')).toContainText('Ceased');

  await lead.getByRole('link', { name: 'Providers' }).click();
  await expect(lead.locator('#accredited')).toContainText(third.name);
  await checkPage(lead, '26-lead-providers');
  await lead.getByRole('link', { name: `Suspend ${third.id}` }).click();
  await lead.getByLabel('Why').fill('Staffing ratios below the agreed level at an unannounced visit.');
  await lead.getByLabel('Item 1', { exact: true }).fill('Restore the agreed staffing ratio and send the rota for four weeks.');
  await checkPage(lead, '27-lead-suspend');
  await lead.getByRole('button', { name: 'Suspend framework-wide' }).click();
  await expect(lead.getByText(`${third.name} is suspended framework-wide.`)).toBeVisible();
  const suspension = new URL(lead.url()).pathname;

  const provider = await thirdProvider(browser);
  await provider.goto('/suspensions');
  await checkPage(provider, '44-provider-action-plans');
  await provider.goto(suspension);
  await provider.getByLabel('Your evidence for item 1').fill('Rota for the four weeks from today attached; ratio restored.');
  await provider.getByRole('button', { name: 'Send evidence' }).click();
  await expect(provider.getByText('Your evidence for item 1 is sent.')).toBeVisible();

  await lead.reload();
  await lead.getByRole('button', { name: 'Accept evidence for item 1' }).click();
  await expect(lead.getByText('Item 1 is accepted.')).toBeVisible();
  await checkPage(lead, '28-lead-suspension');
  await lead.getByRole('button', { name: 'Reinstate provider' }).click();
  await expect(lead.getByText(`${third.name} is reinstated.`)).toBeVisible();

  await lead.getByRole('link', { name: 'Cost sharing' }).click();
  await lead.getByLabel('The cost to share').fill('12,500.00');
  await lead.getByRole('button', { name: 'Issue statement' }).click();
  await expect(lead.locator('#shares-total')).toHaveText('£12,500.00');
  await checkPage(lead, '29-lead-cost-share');

  await lead.getByRole('link', { name: 'Figures' }).click();
  await expect(lead.locator('#key-figures')).toBeVisible();
  await checkPage(lead, '29b-lead-figures');
});

test("the commissioner's prices, block contracts and figures", async () => {
  await sefton.getByRole('link', { name: 'Placements' }).click();
  await expect(sefton.locator('#placements')).toContainText(caseReference);
  await checkPage(sefton, '17-commissioner-placements');
  await sefton.getByRole('link', { name: 'Prices' }).click();
  await expect(sefton.locator('#price-books')).toContainText('Bootle House Ltd');
  await checkPage(sefton, '18-commissioner-price-books');
  await sefton.locator('#price-books a').first().click();
  await expect(sefton.locator('#rate-cards')).toBeVisible();
  await checkPage(sefton, '18b-commissioner-price-book');
  await sefton.goto('/benchmark');
  await expect(sefton.locator('#benchmark')).toContainText('Median');
  await checkPage(sefton, '18c-commissioner-benchmark');
  await sefton.goto('/uplift');
  await checkPage(sefton, '18d-commissioner-uplift');
  await sefton.getByRole('link', { name: 'Block contracts' }).click();
  await sefton.getByLabel('Provider').selectOption({ label: 'Bootle House Ltd' });
  await expect(sefton.getByLabel('Places reserved')).toBeVisible();
  await sefton.getByLabel('Strand Road, Bootle').check();
  await sefton.getByLabel('Places reserved').fill('2');
  await sefton.getByLabel('Each place a week').fill('800.00');
  await sefton.getByLabel('Support an hour in block places').fill('18.00');
  await checkPage(sefton, '19-commissioner-block-contracts');
  await sefton.getByRole('button', { name: 'Record block contract' }).click();
  await expect(sefton.getByText(/Block contract \d+ is recorded\./)).toBeVisible();
  await expect(sefton.locator('main')).toContainText('Place days');
  await checkPage(sefton, '19a-commissioner-block-occupancy');
  await sefton.getByRole('link', { name: 'Figures' }).click();
  await expect(sefton.locator('#chart-within-20')).toBeVisible();
  await expect(sefton.locator('#chart-declines')).toBeVisible();
  await checkPage(sefton, '19b-commissioner-figures');
});

test("the provider's settings, applications, price books and placements", async () => {
  const bootle = inboxes['bootle-house'];
  await bootle.getByRole('link', { name: 'Settings and vacancies' }).click();
  await expect(bootle.locator('#settings')).toContainText('Strand Road');
  await checkPage(bootle, '34-provider-settings');
  await bootle.getByRole('link', { name: 'Applications' }).click();
  await checkPage(bootle, '35-provider-applications');
  await bootle.getByRole('link', { name: 'Price books' }).click();
  await checkPage(bootle, '36-provider-price-books');
  await bootle.getByRole('link', { name: 'Placements' }).click();
  await expect(bootle.locator('#placements')).toContainText(caseReference);
  await checkPage(bootle, '37-provider-placements');
});

test("Sefton reads what was sent to its endpoint, then deletes it", async () => {
  await sefton.goto(webhookPath);
  const deliveries = sefton.locator('#webhook-deliveries tbody tr');
  // Two offers and a decline for each of the other invited providers.
  await expect(deliveries).toHaveCount(eligible.length, { timeout: 15_000 });
  await expect(deliveries.filter({ hasText: 'A provider offered' })).toHaveCount(OFFERING.length);
  await expect(deliveries.filter({ hasText: 'A provider declined' })).toHaveCount(eligible.length - OFFERING.length);
  await expect(deliveries.first()).toContainText('Pending');
  await checkPage(sefton, '19e-commissioner-webhook-deliveries');
  await sefton.getByRole('link', { name: 'All endpoints' }).click();
  await sefton.getByRole('button', { name: `Delete endpoint ${webhookPath.split('/').pop()}` }).click();
  await expect(sefton.getByText(/Endpoint \d+ is deleted: nothing more is sent to it\./)).toBeVisible();
  await expect(sefton.locator('#webhook-endpoints')).toContainText('Deleted');
  await expect(sefton.getByRole('button', { name: /Delete endpoint/ })).toHaveCount(0);
});
