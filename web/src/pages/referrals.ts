// The member commissioner's referrals: the list, the form that creates one
// (checked as the hub checks it), and a referral's page, which follows the
// mini-competition by polling (a commissioner has no stream), ranks the
// offers and awards one.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { authorityShortName, defaultFramework, framework as getFramework, loadFrameworks, lotTitle, providerName, settingName } from '../lib/directory';
import {
  addDays, compareDates, hoursFromMinutes, idOf, londonToInstant, miles, money, parseHoursToMinutes, parsePounds, todayInLondon, ukDate, ukTime,
} from '../lib/format';
import { Form, isNumber, isWhole } from '../lib/forms';
import {
  button, buttonLink, checkboxes, dateInput, details, h2, heading, input, inset, link, p, radios, select, summaryList, table, tag, textarea, warning,
} from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import { MAX_DISTANCE_MILES, MAX_MINUTES_PER_WEEK, MAX_WEEKLY_PENCE, looksLikeDate, printable } from '../lib/rules';
import { TOWNS, townByName } from '../lib/towns';
import type { BlockContract, Framework, RankedOffer, Referral } from '../lib/types';
import { ACCOMMODATION_TYPES, NEEDS, label } from '../lib/vocab';
import { dateTimeInput, orDash, readTime, twoThirds } from './common';

export function referralPath(name: string): string {
  return `/${name}`;
}

function needsText(needs: string[] | undefined): string {
  return (needs ?? []).map((n) => label(NEEDS, n)).join(', ') || 'None given';
}

// --- the list ------------------------------------------------------------------

export async function referralsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Referrals');
  const referrals = await api.listAll<Referral>(`${org}/referrals`, 'referrals', {}, 200);
  const who = await authorityShortName(org);
  ctx.main.append(
    heading('Referrals', who),
    buttonLink('/referrals/new', 'Create a referral'),
    table({
      caption: `${referrals.length} ${referrals.length === 1 ? 'referral' : 'referrals'}, newest first`,
      id: 'referrals',
      head: ['Referral', 'Case reference', 'Lot', 'Wanted from', 'Invited', 'Offers', 'Declines', 'Status'],
      numeric: [4, 5, 6],
      rows: referrals.map((r) => [
        link(referralPath(r.name), `Referral ${idOf(r.name)}`),
        r.caseReference ?? '',
        r.lotId ?? '',
        ukDate(r.wantedStartDate),
        String(r.invitationCount ?? 0),
        String(r.offerCount ?? 0),
        String(r.declineCount ?? 0),
        tag(r.status),
      ]),
      empty: 'No referrals yet.',
    }),
  );
}

// --- the form --------------------------------------------------------------------

/** API field paths -> the form's controls. */
const REFERRAL_FIELDS = {
  'referral.framework': 'framework',
  'referral.lot_id': 'lot',
  'referral.case_reference': 'case-reference',
  'referral.age': 'age',
  'referral.needs': 'needs',
  'referral.support_minutes_per_week': 'support-hours',
  'referral.accommodation_type': 'accommodation-type',
  'referral.home_location': 'latitude',
  'referral.home_location.latitude': 'latitude',
  'referral.home_location.longitude': 'longitude',
  'referral.max_distance_miles': 'max-distance',
  'referral.wanted_start_date': 'wanted-start',
  'referral.response_deadline': 'deadline',
  'referral.weights': 'weights',
  'referral.weekly_budget_pence': 'budget',
  'referral.confidential_summary': 'summary',
  parent: 'framework',
};

export async function newReferralPage(ctx: PageContext): Promise<void> {
  ctx.title('Create a referral');
  const org = ctx.session!.organisation;
  const frameworks = (await loadFrameworks()).filter((f) => f.status === 'ACTIVE');
  const chosenName = ctx.query.get('framework') ?? (await defaultFramework())?.name ?? frameworks[0]?.name;
  if (!chosenName) {
    ctx.main.append(heading('Create a referral'), p('Your authority is not a member of any active framework.'));
    return;
  }
  const fw: Framework = await getFramework(chosenName);
  const ages = fw.ageRange ?? {};
  const action = new Action();
  const form = new Form(REFERRAL_FIELDS, { id: 'referral-form', 'aria-label': 'Referral' });

  const latitude = input({
    id: 'latitude',
    label: 'Latitude',
    hint: 'Decimal degrees north, for example 53.4466',
    width: '10',
    inputmode: 'decimal',
  });
  const longitude = input({ id: 'longitude', label: 'Longitude', hint: 'Decimal degrees east (west is negative), for example -2.9929', width: '10', inputmode: 'decimal' });
  const town = select({
    id: 'town',
    label: 'Town',
    hint: 'Choosing a town fills in its latitude and longitude below.',
    options: [['', 'Choose a town'], ...TOWNS.map((t): [string, string] => [t.name, `${t.name} (${t.area})`])],
    onchange: (e) => {
      const t = townByName((e.target as HTMLSelectElement).value);
      if (!t) return;
      (form.el.querySelector('#latitude') as HTMLInputElement).value = String(t.latitude);
      (form.el.querySelector('#longitude') as HTMLInputElement).value = String(t.longitude);
    },
  });

  form.append(
    frameworks.length > 1
      ? select({ id: 'framework', label: 'Framework', options: frameworks.map((f) => [f.name, f.title ?? f.name]), value: fw.name })
      : h('div', { class: 'govuk-form-group', 'data-field': 'framework' }, h('div', { class: 'fhub-error-slot' }), p(h('strong', {}, 'Framework: '), fw.title ?? fw.name)),
    radios({
      id: 'lot',
      legend: 'Lot',
      hint: 'The kind of service the young person needs.',
      items: (fw.lots ?? []).map((l) => ({ value: l.lotId, label: l.title ?? l.lotId })),
      value: fw.lots?.[0]?.lotId,
    }),
    input({ id: 'case-reference', label: 'Case reference', hint: 'Your own case reference, 1 to 64 characters. No names and no dates of birth.', width: '20', spellcheck: false }),
    input({ id: 'age', label: 'Age', hint: `In years: ${ages.minimumAge ?? 0} to ${ages.maximumAge ?? 25} on this framework.`, width: '2', inputmode: 'numeric' }),
    checkboxes({ id: 'needs', legend: 'Needs', hint: 'Select all that apply.', items: NEEDS.map(([value, text]) => ({ value, label: text })), small: true }),
    input({ id: 'support-hours', label: 'Support wanted', hint: 'Hours a week, for example 10 or 7.5 (0 to 168).', width: '4', inputmode: 'decimal', suffix: 'hours a week' }),
    radios({ id: 'accommodation-type', legend: 'Accommodation wanted', items: ACCOMMODATION_TYPES.map(([value, text]) => ({ value, label: text })), small: true }),
    h(
      'div',
      { class: 'govuk-form-group', 'data-field': 'location' },
      h(
        'fieldset',
        { class: 'govuk-fieldset', 'aria-describedby': 'location-hint' },
        h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'Where the young person lives'),
        h(
          'div',
          { class: 'govuk-hint', id: 'location-hint' },
          'No postcode lookup is available here. Choose one of the towns this hub knows, or give the home’s position in decimal degrees (you can read it off a map: right-click a point in most online maps).',
        ),
        town,
        latitude,
        longitude,
      ),
    ),
    input({ id: 'max-distance', label: 'Greatest distance from home', hint: 'Above 0 and at most 700 miles. Councils aim to place within 20 miles.', value: '20', width: '4', inputmode: 'decimal', suffix: 'miles' }),
    dateInput({ id: 'wanted-start', legend: 'When the placement should start', hint: `Today or later, for example ${ukDateHint(addDays(todayInLondon(), 14))}.` }),
    ...dateTimeInput('deadline', 'When providers must answer by (optional)', 'Leave the date blank for 24 hours after you submit. At most 60 days away.', undefined, '17:00'),
    h(
      'div',
      { class: 'govuk-form-group', 'data-field': 'weights' },
      h(
        'fieldset',
        { class: 'govuk-fieldset', 'aria-describedby': 'weights-hint' },
        h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'How offers are ranked'),
        h('div', { class: 'govuk-hint', id: 'weights-hint' }, 'Whole percentages that add up to 100.'),
        h('div', { class: 'fhub-error-slot' }),
        input({ id: 'weight-quality', label: 'Quality', value: '60', width: '3', inputmode: 'numeric', suffix: '%' }),
        input({ id: 'weight-price', label: 'Price', value: '40', width: '3', inputmode: 'numeric', suffix: '%' }),
        input({ id: 'weight-distance', label: 'Distance', value: '0', width: '3', inputmode: 'numeric', suffix: '%' }),
      ),
    ),
    input({ id: 'budget', label: 'Weekly budget (optional)', hint: 'Offers above it rank after those within it.', width: '10', inputmode: 'decimal', prefix: '£' }),
    textarea({
      id: 'summary',
      label: 'Confidential summary (optional)',
      hint: 'Up to 4,000 characters. Only your authority sees it, and, after the award, the provider you choose. Other providers never do.',
      rows: 5,
    }),
    button('Create referral'),
  );

  form.onSubmit(async () => {
    const body = readReferral(form, fw);
    if (!body) return;
    const created = await api.post<Referral>(`${org}/referrals`, { referral: body }, action);
    flash(`Referral ${idOf(created.name)} is saved as a draft. Check it, then submit it to invite providers.`);
    navigate(referralPath(created.name));
  });

  ctx.main.append(
    twoThirds(
      heading('Create a referral', await authorityShortName(org)),
      p('Providers see the referral without the case reference and the confidential summary. Nothing is sent to providers until you submit it.'),
      form.el,
    ),
  );
}

function ukDateHint(d: { year?: number; month?: number; day?: number }): string {
  return `${d.day} ${d.month} ${d.year}`;
}

/** The referral the form describes, or null (with the form's errors recorded). */
export function readReferral(form: Form, fw: Framework): Record<string, unknown> | null {
  const ages = fw.ageRange ?? {};
  const lot = form.radio('lot');
  if (!lot) form.error('lot', 'Choose the lot');
  const caseReference = form.value('case-reference');
  if (!caseReference) form.error('case-reference', 'Enter your case reference');
  else if ([...caseReference].length > 64) form.error('case-reference', 'The case reference must be 64 characters or fewer');
  else if (!printable(caseReference)) form.error('case-reference', 'The case reference must be one line of printable characters');
  else if (looksLikeDate(caseReference)) {
    form.error('case-reference', 'The case reference holds something shaped like a date: a case reference must not carry a date of birth');
  }
  const ageText = form.value('age');
  const min = ages.minimumAge ?? 0;
  const max = ages.maximumAge ?? 25;
  if (!ageText) form.error('age', 'Enter the young person’s age');
  else if (!isWhole(ageText, min, max)) form.error('age', `Age must be a whole number from ${min} to ${max} on this framework`);
  const needs = form.checked('needs');
  const hoursText = form.value('support-hours');
  const minutes = parseHoursToMinutes(hoursText);
  if (!hoursText) form.error('support-hours', 'Enter the support wanted, in hours a week (0 if none)');
  else if (minutes === null || minutes > MAX_MINUTES_PER_WEEK) form.error('support-hours', 'Support must be a number of hours from 0 to 168, for example 7.5');
  const accommodation = form.radio('accommodation-type');
  if (!accommodation) form.error('accommodation-type', 'Choose the accommodation wanted');
  const latText = form.value('latitude');
  const lngText = form.value('longitude');
  if (!latText && !lngText) form.error('latitude', 'Choose a town, or enter the latitude and longitude of the young person’s home');
  else {
    if (!isNumber(latText) || Math.abs(Number(latText)) > 90) form.error('latitude', 'Latitude must be a number from -90 to 90');
    if (!isNumber(lngText) || Math.abs(Number(lngText)) > 180) form.error('longitude', 'Longitude must be a number from -180 to 180');
  }
  const distText = form.value('max-distance');
  const distance = distText === '' ? 20 : Number(distText);
  if (!isNumber(distText || '20') || distance <= 0 || distance > MAX_DISTANCE_MILES) {
    form.error('max-distance', 'The greatest distance must be above 0 and at most 700 miles');
  }
  const today = todayInLondon();
  const wanted = form.date('wanted-start', 'the date the placement should start', true);
  if (wanted && compareDates(wanted, today) < 0) form.error('wanted-start', 'The start date must be today or in the future');
  let deadline: string | undefined;
  const deadlineDate = form.date('deadline', 'the deadline', false);
  if (deadlineDate) {
    const time = readTime(form, 'deadline-time');
    if (time) {
      deadline = londonToInstant(deadlineDate, time[0], time[1]);
      const t = Date.parse(deadline);
      if (t <= Date.now()) form.error('deadline', 'The deadline must be in the future');
      else if (t > Date.now() + 60 * 24 * 3600 * 1000) form.error('deadline', 'The deadline must be at most 60 days away');
    }
  }
  const weights = ['quality', 'price', 'distance'].map((k) => form.value(`weight-${k}`) || '0');
  if (weights.some((w) => !isWhole(w, 0, 100))) form.error('weights', 'Each weight must be a whole number from 0 to 100');
  else if (weights.reduce((a, w) => a + Number(w), 0) !== 100) {
    form.error('weights', `The weights add up to ${weights.reduce((a, w) => a + Number(w), 0)}; they must add up to 100`);
  }
  const budgetText = form.value('budget');
  const budget = budgetText ? parsePounds(budgetText) : '0';
  if (budget === null || BigInt(budget) > MAX_WEEKLY_PENCE) form.error('budget', 'The budget must be an amount in pounds, for example 1,100.00, at most £100,000.00');
  const summary = form.value('summary');
  if ([...summary].length > 4000) form.error('summary', 'The confidential summary must be 4,000 characters or fewer');
  if (form.hasErrors()) return null;
  return {
    framework: fw.name,
    lotId: lot,
    caseReference,
    age: Number(ageText),
    needs,
    supportMinutesPerWeek: String(minutes),
    accommodationType: accommodation,
    homeLocation: { latitude: Number(latText), longitude: Number(lngText) },
    maxDistanceMiles: distance,
    wantedStartDate: wanted,
    ...(deadline ? { responseDeadline: deadline } : {}),
    weights: { quality: Number(weights[0]), price: Number(weights[1]), distance: Number(weights[2]) },
    weeklyBudgetPence: budget,
    confidentialSummary: summary,
  };
}

// --- one referral ----------------------------------------------------------------

function progress(r: Referral): HTMLElement {
  const invited = r.invitationCount ?? 0;
  const offers = r.offerCount ?? 0;
  const declines = r.declineCount ?? 0;
  const waiting = Math.max(invited - offers - declines, 0);
  return h(
    'div',
    { id: 'competition', 'aria-live': 'polite' },
    summaryList([
      ['Providers invited', h('span', { id: 'invited-count' }, String(invited))],
      ['Offers', h('span', { id: 'offer-count' }, String(offers))],
      ['Declines', h('span', { id: 'decline-count' }, String(declines))],
      ['Still to answer', h('span', { id: 'waiting-count' }, String(waiting))],
      ['Providers must answer by', ukTime(r.responseDeadline)],
    ]),
  );
}

async function referralDetails(r: Referral): Promise<HTMLElement> {
  const lot = await lotTitle(r.framework, r.lotId);
  return summaryList([
    ['Status', tag(r.status)],
    ['Case reference', r.caseReference ?? ''],
    ['Lot', lot],
    ['Age', String(r.age ?? '')],
    ['Needs', needsText(r.needs)],
    ['Support wanted', `${hoursFromMinutes(r.supportMinutesPerWeek)} a week`],
    ['Accommodation', label(ACCOMMODATION_TYPES, r.accommodationType)],
    ['Home location', `${r.homeLocation?.latitude ?? 0}, ${r.homeLocation?.longitude ?? 0}`],
    ['Greatest distance', miles(r.maxDistanceMiles)],
    ['Wanted from', ukDate(r.wantedStartDate)],
    ['Ranking weights', `Quality ${r.weights?.quality ?? 0}%, price ${r.weights?.price ?? 0}%, distance ${r.weights?.distance ?? 0}%`],
    ['Weekly budget', r.weeklyBudgetPence && r.weeklyBudgetPence !== '0' ? money(r.weeklyBudgetPence) : 'None'],
    ['Confidential summary', orDash(r.confidentialSummary)],
    ['Created', ukTime(r.createTime)],
    r.submitTime ? ['Submitted', ukTime(r.submitTime)] : null,
    r.awardTime ? ['Awarded', ukTime(r.awardTime)] : null,
    r.cancelReason ? ['Why it was cancelled', r.cancelReason] : null,
  ]);
}

async function rankedTable(offers: RankedOffer[]): Promise<HTMLElement> {
  const rows = await Promise.all(
    offers.map(async (o) => [
      String(o.rank ?? ''),
      h(
        'span',
        {},
        h('strong', {}, await providerName(o.provider)),
        h('br'),
        await settingName(o.offer?.setting),
        h('br'),
        h('span', { class: 'fhub-muted' }, `from ${ukDate(o.offer?.availableDate)}`),
      ),
      money(o.offer?.accommodationWeeklyPence),
      h('span', {}, `${money(o.offer?.supportHourlyPence)} an hour`, h('br'), `for ${hoursFromMinutes(o.offer?.supportMinutesPerWeek)}`),
      h('strong', {}, money(o.weeklyPence)),
      miles(o.distanceMiles),
      (o.qualityScore ?? 0).toFixed(1),
      h('strong', {}, (o.score ?? 0).toFixed(1)),
      [o.withinBudget === false ? 'Over budget' : '', o.spotPrice ? 'Spot price' : ''].filter(Boolean).join(', ') || '–',
    ]),
  );
  const t = table({
    caption: 'Offers, best first',
    id: 'ranked-offers',
    head: ['Rank', 'Offer', 'Accommodation a week', 'Support', 'Weekly cost', 'Distance', 'Quality', 'Score', 'Notes'],
    numeric: [2, 4, 5, 6, 7],
    rows,
  });
  t.classList.add('fhub-table-compact');
  return t;
}

export async function referralPage(ctx: PageContext): Promise<void> {
  const name = `authorities/${ctx.params.authority}/referrals/${ctx.params.number}`;
  const r = await api.get<Referral>(name);
  ctx.title(`Referral ${ctx.params.number}`);
  const main = ctx.main;
  main.append(heading(`Referral ${idOf(r.name)}`, `${await authorityShortName(`authorities/${ctx.params.authority}`)} · ${r.caseReference ?? ''}`));

  const status = r.status ?? '';
  if (status === 'DRAFT') {
    const submit = new Form({ name: 'submit' }, { id: 'submit-form', 'aria-label': 'Submit the referral' });
    const action = new Action();
    submit.append(
      inset('This referral is a draft: no provider has seen it. Submitting it asks the registry which providers are eligible (admitted on the lot, not suspended for you, within the distance, with a vacancy by the start date) and invites each of them.'),
      button('Submit and invite providers', { id: 'submit-referral' }),
    );
    submit.onSubmit(async () => {
      const done = await api.post<Referral>(`${name}:submit`, {}, action);
      flash(
        done.status === 'NO_SUITABLE_OFFER'
          ? 'No provider was eligible: the referral has no suitable offer. You can re-open it with a greater distance.'
          : `Referral submitted: ${done.invitationCount ?? 0} providers invited.`,
      );
      ctx.rerender();
    });
    main.append(submit.el);
  }

  if (status === 'OPEN') {
    main.append(
      h2('The mini-competition'),
      p('Providers are answering. This page checks for news every few seconds; the offers can be ranked once every provider has answered or the deadline has passed.'),
      progress(r),
    );
    const shown = h('p', { class: 'govuk-body-s fhub-muted', id: 'last-checked' }, `Last checked ${ukTime(new Date().toISOString())}`);
    main.append(shown);
    ctx.every(3000, async () => {
      const now = await api.get<Referral>(name);
      if (!ctx.alive()) return;
      if (now.status !== r.status) {
        ctx.rerender();
        return;
      }
      const region = main.querySelector('#competition');
      if (region) region.replaceWith(progress(now));
      shown.textContent = `Last checked ${ukTime(new Date().toISOString())}`;
    });
  }

  if (status === 'EVALUATING' || status === 'AWARDED') {
    const ranked = await api.get<{ offers?: RankedOffer[] }>(`${name}/rankedOffers`);
    const offers = ranked.offers ?? [];
    main.append(h2(status === 'AWARDED' ? 'The offers as ranked at the award' : 'Offers ranked'), await rankedTable(offers));
    main.append(
      details(
        'How the score is worked out',
        p('Each offer scores quality (the provider’s moderated quality score out of 100), price (the lowest weekly cost among the offers divided by this one’s) and distance (1 less the distance over the greatest distance), weighted by the referral’s weights. Offers within the budget rank before those over it.'),
      ),
    );
    if (status === 'EVALUATING' && offers.length) main.append(await awardForm(name, offers));
    if (status === 'EVALUATING' && !offers.length) main.append(p('No live offers.'));
  }

  if (status === 'AWARDED' && r.placement) {
    main.append(h2('Placement'), p(link(`/${r.placement}`, `Placement ${idOf(r.placement)}`), ' started from this referral.'));
  }

  if (status === 'NO_SUITABLE_OFFER') {
    main.append(warning('No suitable offer: nobody was eligible, or the competition closed without a live offer.'), await reopenForm(ctx, name, r));
  }

  main.append(h2('The referral'), await referralDetails(r));

  if (['DRAFT', 'OPEN', 'EVALUATING'].includes(status)) {
    const block = await blockForm(name, r);
    if (block) main.append(block);
  }

  if (['DRAFT', 'OPEN', 'EVALUATING', 'NO_SUITABLE_OFFER'].includes(status)) {
    const cancel = new Form({ reason: 'cancel-reason' }, { id: 'cancel-form', 'aria-label': 'Cancel the referral' });
    const action = new Action();
    cancel.append(textarea({ id: 'cancel-reason', label: 'Why you are cancelling it', hint: '1 to 1,000 characters.', rows: 2 }), button('Cancel referral', { warning: true }));
    cancel.onSubmit(async () => {
      const reason = cancel.value('cancel-reason');
      if (!reason) cancel.error('cancel-reason', 'Say why you are cancelling the referral');
      else if (reason.length > 1000) cancel.error('cancel-reason', 'The reason must be 1,000 characters or fewer');
      if (cancel.hasErrors()) return;
      await api.post(`${name}:cancel`, { reason }, action);
      flash('The referral is cancelled; any open invitations are closed.');
      ctx.rerender();
    });
    main.append(details('Cancel this referral', cancel.el));
  }
}

async function awardForm(name: string, offers: RankedOffer[]): Promise<HTMLElement> {
  const form = new Form({ invitation: 'invitation', reason: 'award-reason' }, { id: 'award-form', 'aria-label': 'Award' });
  const action = new Action();
  const items = await Promise.all(
    offers.map(async (o) => ({
      value: o.invitation,
      label: `${o.rank}. ${await providerName(o.provider)}: ${money(o.weeklyPence)} a week, score ${(o.score ?? 0).toFixed(1)}`,
      hint: `${await settingName(o.offer?.setting)}, ${miles(o.distanceMiles)} from home, available ${ukDate(o.offer?.availableDate)}`,
    })),
  );
  form.append(
    radios({ id: 'invitation', legend: 'Award the placement to', legendSize: 'm', items, value: offers[0]?.invitation }),
    textarea({ id: 'award-reason', label: 'Why you chose this offer', hint: 'Required when you do not choose the offer ranked first (1 to 1,000 characters).', rows: 3 }),
    button('Award placement', { id: 'award' }),
  );
  form.onSubmit(async () => {
    const invitation = form.radio('invitation');
    const reason = form.value('award-reason');
    if (!invitation) form.error('invitation', 'Choose the offer to award');
    if (invitation && invitation !== offers[0]?.invitation && !reason) {
      form.error('award-reason', 'Give a reason: this offer is not the one ranked first');
    }
    if (reason.length > 1000) form.error('award-reason', 'The reason must be 1,000 characters or fewer');
    if (form.hasErrors()) return;
    const placement = await api.post<{ name: string }>(`${name}:award`, { invitation, reason }, action);
    flash(`Awarded. Placement ${idOf(placement.name)} has started.`);
    navigate(`/${placement.name}`);
  });
  return form.el;
}

async function reopenForm(ctx: PageContext, name: string, r: Referral): Promise<HTMLElement> {
  const form = new Form({ max_distance_miles: 'reopen-distance', response_deadline: 'reopen-deadline' }, { id: 'reopen-form', 'aria-label': 'Re-open' });
  const action = new Action();
  form.append(
    input({ id: 'reopen-distance', label: 'Greatest distance', hint: `Not less than the ${miles(r.maxDistanceMiles)} it was.`, value: String(r.maxDistanceMiles ?? 20), width: '4', suffix: 'miles', inputmode: 'decimal' }),
    ...dateTimeInput('reopen-deadline', 'New deadline (optional)', 'Leave blank for 24 hours from now.'),
    button('Re-open and invite more providers', { secondary: true }),
  );
  form.onSubmit(async () => {
    const d = form.value('reopen-distance');
    if (!isNumber(d) || Number(d) < (r.maxDistanceMiles ?? 0) || Number(d) > MAX_DISTANCE_MILES) {
      form.error('reopen-distance', `The distance must be from ${r.maxDistanceMiles ?? 0} to 700 miles`);
    }
    const date = form.date('reopen-deadline', 'the deadline', false);
    let deadline: string | undefined;
    if (date) {
      const t = readTime(form, 'reopen-deadline-time');
      if (t) deadline = londonToInstant(date, t[0], t[1]);
    }
    if (form.hasErrors()) return;
    await api.post(`${name}:reopen`, { maxDistanceMiles: Number(d), ...(deadline ? { responseDeadline: deadline } : {}) }, action);
    flash('The referral is open again.');
    ctx.rerender();
  });
  return details('Re-open with a greater distance', form.el);
}

/** Straight into a free place of one of the authority's block contracts, if any serve the lot. */
async function blockForm(name: string, r: Referral): Promise<HTMLElement | null> {
  const authority = name.split('/').slice(0, 2).join('/');
  const res = await api.get<{ blockContracts?: BlockContract[] }>(`${authority}/blockContracts`).catch(() => ({ blockContracts: [] }));
  const today = todayInLondon();
  const blocks = (res.blockContracts ?? []).filter(
    (b) => b.framework === r.framework && b.lotId === r.lotId && b.endDate && compareDates(b.endDate, today) >= 0,
  );
  if (!blocks.length) return null;
  const options: [string, string][] = [];
  for (const b of blocks) {
    for (const s of b.settings ?? []) options.push([`${b.name}|${s}`, `Block ${idOf(b.name)} (${await providerName(b.provider)}): ${await settingName(s)}`]);
  }
  const form = new Form({ block_contract: 'block', setting: 'block', start_date: 'block-start' }, { id: 'block-form', 'aria-label': 'Place in a block contract' });
  const action = new Action();
  form.append(
    select({ id: 'block', label: 'Block place', options }),
    dateInput({ id: 'block-start', legend: 'First day (optional)', hint: 'Leave blank for the referral’s wanted start.' }),
    button('Place in this block', { secondary: true }),
  );
  form.onSubmit(async () => {
    const [blockContract, setting] = form.value('block').split('|');
    const startDate = form.date('block-start', 'the first day', false);
    if (form.hasErrors()) return;
    const placement = await api.post<{ name: string }>(`${name}:placeInBlock`, { blockContract, setting, ...(startDate ? { startDate } : {}) }, action);
    flash(`Placed in block ${idOf(blockContract)}: placement ${idOf(placement.name)} has started. Open invitations are closed.`);
    navigate(`/${placement.name}`);
  });
  return details('Place in a block contract instead', form.el);
}
