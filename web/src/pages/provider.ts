// The provider's side: the inbox of invitations (live, from the hub's
// Server-Sent Events stream), answering one with an offer or a decline,
// registering the organisation, and its settings, Ofsted details and
// vacancies.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action, ApiError } from '../lib/api';
import { h, replaceChildren } from '../lib/dom';
import { authorityShortName, forgetProviders, lotTitle, providerName, settingName } from '../lib/directory';
import {
  type DateValue, compareDates, hoursFromMinutes, idOf, miles, money, parseHoursToMinutes, parsePounds, penceToPoundsInput, todayInLondon, ukDate, ukTime,
} from '../lib/format';
import { Form, isNumber, isWhole } from '../lib/forms';
import {
  button, buttonLink, dateInput, details, h2, heading, input, inset, link, p, radios, select, summaryList, table, tag, textarea, warning,
} from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import { MAX_HOURLY_PENCE, MAX_WEEKLY_PENCE } from '../lib/rules';
import { type StreamState, follow } from '../lib/sse';
import { TOWNS, townByName } from '../lib/towns';
import type { Invitation, PriceBook, Provider, RateCard, Setting, Vacancy } from '../lib/types';
import { ACCOMMODATION_TYPES, DECLINE_REASONS, JUDGEMENTS, NEEDS, REGISTRATION_TYPES, label } from '../lib/vocab';
import { orDash, twoThirds } from './common';

function authorityOf(name: string): string {
  return name.split('/').slice(0, 2).join('/');
}

function referralOf(name: string): string {
  return name.split('/').slice(0, 4).join('/');
}

/** Whether the signed-in provider has registered its organisation. */
async function registered(org: string): Promise<Provider | null> {
  try {
    return await api.get<Provider>(org);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function notRegistered(ctx: PageContext): void {
  ctx.main.append(
    heading('Register your organisation'),
    p(`${ctx.session!.organisation} is not registered in the hub yet. Register it first; then add your settings, and apply to a framework.`),
    buttonLink('/register', 'Register your organisation'),
  );
}

// --- the inbox ------------------------------------------------------------------

const STATE_TEXT: Record<StreamState, string> = {
  connecting: 'Connecting to the hub…',
  live: 'Live: new invitations appear here as they arrive.',
  reconnecting: 'Connection lost: reconnecting…',
  stopped: 'Not following new invitations.',
};

async function invitationRow(inv: Invitation): Promise<HTMLElement[]> {
  const r = inv.referral ?? { name: '' };
  const who = await authorityShortName(authorityOf(inv.name));
  return [
    link(`/${inv.name}`, `${who} referral ${idOf(referralOf(inv.name))}`),
    r.lotId ?? '',
    String(r.age ?? ''),
    (r.needs ?? []).map((n) => label(NEEDS, n)).join(', ') || '–',
    hoursFromMinutes(r.supportMinutesPerWeek),
    miles(inv.distanceMiles),
    ukDate(r.wantedStartDate),
    ukTime(r.responseDeadline),
    tag(inv.status),
  ].map((c) => (c instanceof HTMLElement ? c : h('span', {}, c)));
}

export async function invitationsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Invitations');
  if (!(await registered(org))) return notRegistered(ctx);
  const invitations = new Map<string, Invitation>();
  const stateLine = h('p', { class: 'govuk-body fhub-stream-state', id: 'stream-state', 'data-state': 'connecting' }, STATE_TEXT.connecting);
  const announce = h('div', { class: 'govuk-visually-hidden', 'aria-live': 'polite', id: 'announcements' });
  const open = h('div', { id: 'open-invitations' });
  const answered = h('div', { id: 'answered-invitations' });
  const head = ['Referral', 'Lot', 'Age', 'Needs', 'Support a week', 'Distance', 'Wanted from', 'Answer by', 'Status'];

  let rendering = Promise.resolve();
  const render = () => {
    rendering = rendering.then(async () => {
      const all = [...invitations.values()].sort((a, b) => (b.inviteTime ?? '').localeCompare(a.inviteTime ?? ''));
      const waiting = all.filter((i) => i.status === 'INVITED');
      const rest = all.filter((i) => i.status !== 'INVITED');
      replaceChildren(
        open,
        table({ caption: `Waiting for your answer (${waiting.length})`, captionSize: 'm', id: 'waiting-table', head, rows: await Promise.all(waiting.map(invitationRow)), small: true, empty: 'Nothing is waiting for your answer.' }),
      );
      replaceChildren(
        answered,
        table({ caption: `Answered and closed (${rest.length})`, captionSize: 'm', id: 'answered-table', head, rows: await Promise.all(rest.map(invitationRow)), small: true, empty: 'None yet.' }),
      );
    });
    return rendering;
  };

  const load = async () => {
    const list = await api.listAll<Invitation>(`${org}/invitations`, 'invitations', {}, 200);
    for (const inv of list) invitations.set(inv.name, inv);
    await render();
  };
  await load();
  let first = true;
  const stop = follow({
    url: `/v1/${org}/invitations:stream`,
    onConnect: () => {
      // After a drop, changes to answered invitations are not re-sent: reload.
      if (!first) void load().catch(() => undefined);
      first = false;
    },
    onMessage: (m) => {
      const inv = JSON.parse(m.data) as Invitation;
      const isNew = !invitations.has(inv.name);
      invitations.set(inv.name, inv);
      void render();
      if (isNew && inv.status === 'INVITED') {
        void authorityShortName(authorityOf(inv.name)).then((who) => {
          announce.textContent = `New invitation: ${who} referral ${idOf(referralOf(inv.name))}`;
        });
      }
    },
    onState: (state, detail) => {
      stateLine.textContent = STATE_TEXT[state] + (detail && state !== 'live' ? ` (${detail})` : '');
      stateLine.setAttribute('data-state', state);
    },
  });
  ctx.onLeave(stop);
  ctx.main.append(
    heading('Invitations', await providerName(org)),
    p('Councils’ referrals that the hub found you eligible for. You see each without the council’s case reference and confidential summary, which only the provider awarded the placement sees.'),
    stateLine,
    announce,
    open,
    answered,
  );
}

// --- one invitation ---------------------------------------------------------------

/** The card of the most specific accepted book that applies, if any. */
export function priceFor(books: PriceBook[], inv: Invitation, setting: string, on: DateValue): { book: PriceBook; card: RateCard } | null {
  const r = inv.referral ?? { name: '' };
  const authority = authorityOf(inv.name);
  const fits = books.filter(
    (b) =>
      b.status === 'ACCEPTED' &&
      b.authority === authority &&
      b.framework === r.framework &&
      (!b.lotId || b.lotId === r.lotId) &&
      (!b.setting || b.setting === setting) &&
      b.startDate &&
      compareDates(b.startDate, on) <= 0,
  );
  fits.sort((a, b) => Number(!!b.setting) - Number(!!a.setting) || Number(!!b.lotId) - Number(!!a.lotId));
  const book = fits[0];
  if (!book) return null;
  const cards = (book.rateCards ?? []).filter((c) => c.effectiveFrom && compareDates(c.effectiveFrom, on) <= 0);
  const card = cards[cards.length - 1];
  return card ? { book, card } : null;
}

const OFFER_FIELDS = {
  'offer.setting': 'offer-setting',
  'offer.available_date': 'offer-available',
  'offer.accommodation_weekly_pence': 'offer-accommodation',
  'offer.support_hourly_pence': 'offer-support-rate',
  'offer.support_minutes_per_week': 'offer-hours',
  'offer.notes': 'offer-notes',
};

export async function invitationPage(ctx: PageContext): Promise<void> {
  const { authority, number, provider } = ctx.params;
  const name = `authorities/${authority}/referrals/${number}/invitations/${provider}`;
  const inv = await api.get<Invitation>(name);
  const r = inv.referral ?? { name: '' };
  const who = await authorityShortName(`authorities/${authority}`);
  ctx.title(`${who} referral ${number}`);
  const main = ctx.main;
  main.append(heading(`${who} referral ${number}`, 'Invitation'));

  const rows = summaryList([
    ['Status', tag(inv.status)],
    ['Lot', await lotTitle(r.framework, r.lotId).catch(() => r.lotId ?? '')],
    ['Age', String(r.age ?? '')],
    ['Needs', (r.needs ?? []).map((n) => label(NEEDS, n)).join(', ') || 'None given'],
    ['Support wanted', `${hoursFromMinutes(r.supportMinutesPerWeek)} a week`],
    ['Accommodation', label(ACCOMMODATION_TYPES, r.accommodationType)],
    ['Your eligible setting', `${await settingName(inv.setting)} (${miles(inv.distanceMiles)} from home)`],
    ['Wanted from', ukDate(r.wantedStartDate)],
    ['Answer by', ukTime(r.responseDeadline)],
    r.caseReference ? ['Case reference', r.caseReference] : null,
    r.confidentialSummary ? ['Confidential summary', r.confidentialSummary] : null,
    inv.answerTime ? ['Answered', ukTime(inv.answerTime)] : null,
    inv.declineReason ? ['Declined because', `${label(DECLINE_REASONS, inv.declineReason)}${inv.declineNote ? `: ${inv.declineNote}` : ''}`] : null,
  ]);
  main.append(rows);

  if (inv.status === 'OFFER_AWARDED') main.append(inset('The council awarded you this placement. The case reference and the confidential summary are shown above.'));
  if (inv.offer && inv.status !== 'INVITED') {
    main.append(
      h2('Your offer'),
      summaryList([
        ['Setting', await settingName(inv.offer.setting)],
        ['Available from', ukDate(inv.offer.availableDate)],
        ['Accommodation', `${money(inv.offer.accommodationWeeklyPence)} a week`],
        ['Support', `${money(inv.offer.supportHourlyPence)} an hour for ${hoursFromMinutes(inv.offer.supportMinutesPerWeek)} a week`],
        ['Weekly cost', money(inv.offerWeeklyPence)],
        inv.spotPrice ? ['Spot price', 'Above the council’s price book (it accepts spot prices)'] : null,
        ['Notes', orDash(inv.offer.notes)],
      ]),
    );
  }
  if (inv.status === 'OFFERED') {
    const withdraw = new Form({}, { id: 'withdraw-form', 'aria-label': 'Withdraw the offer' });
    const action = new Action();
    withdraw.append(button('Withdraw offer', { warning: true }));
    withdraw.onSubmit(async () => {
      await api.post(`${name}:withdrawOffer`, {}, action);
      flash('Your offer is withdrawn.');
      ctx.rerender();
    });
    main.append(withdraw.el);
  }
  if (inv.status === 'INVITED') {
    main.append(await offerForm(ctx, name, inv), await declineForm(ctx, name));
  }
  if (inv.status === 'INVITED' || inv.status === 'OFFERED') {
    ctx.every(5000, async () => {
      const now = await api.get<Invitation>(name);
      if (ctx.alive() && now.status !== inv.status) ctx.rerender();
    });
  }
  main.append(p(link('/invitations', 'Back to your invitations')));
}

async function offerForm(ctx: PageContext, name: string, inv: Invitation): Promise<HTMLElement> {
  const r = inv.referral ?? { name: '' };
  const org = ctx.session!.organisation;
  const [settings, books] = await Promise.all([
    api.listAll<Setting>(`${org}/settings`, 'settings'),
    api.listAll<PriceBook>('priceBooks', 'priceBooks').catch(() => [] as PriceBook[]),
  ]);
  const serving = settings.filter((s) => (s.lots ?? []).some((l) => l.framework === r.framework && l.lotId === r.lotId));
  const start = r.wantedStartDate ?? todayInLondon();
  const price = priceFor(books, inv, inv.setting ?? '', start);
  const form = new Form(OFFER_FIELDS, { id: 'offer-form', 'aria-label': 'Make an offer' });
  const action = new Action();
  form.append(
    select({
      id: 'offer-setting',
      label: 'Setting',
      hint: 'Within the referral’s distance of the young person’s home.',
      options: (serving.length ? serving : settings).map((s) => [s.name, `${s.displayName ?? idOf(s.name)}${s.address?.town ? `, ${s.address.town}` : ''}`]),
      value: inv.setting,
    }),
    dateInput({ id: 'offer-available', legend: 'Available from', value: start }),
    input({
      id: 'offer-accommodation',
      label: 'Accommodation a week',
      hint: price ? `Your price book with the council (${price.book.name}) allows up to ${money(price.card.accommodationWeeklyPence)}.` : 'You have no accepted price book with this council for this lot.',
      prefix: '£',
      width: '10',
      inputmode: 'decimal',
      value: price ? penceToPoundsInput(price.card.accommodationWeeklyPence) : '',
    }),
    input({
      id: 'offer-support-rate',
      label: 'Support an hour',
      hint: price ? `Up to ${money(price.card.supportHourlyPence)} under your price book.` : undefined,
      prefix: '£',
      width: '5',
      inputmode: 'decimal',
      value: price ? penceToPoundsInput(price.card.supportHourlyPence) : '',
    }),
    input({ id: 'offer-hours', label: 'Support you propose', hint: 'Hours a week (0 to 168).', suffix: 'hours a week', width: '4', inputmode: 'decimal', value: String(Number(r.supportMinutesPerWeek ?? 0) / 60) }),
    textarea({ id: 'offer-notes', label: 'Notes for the council (optional)', hint: 'Up to 2,000 characters.', rows: 3 }),
    button('Make offer', { id: 'make-offer' }),
  );
  form.onSubmit(async () => {
    const setting = form.value('offer-setting');
    if (!setting) form.error('offer-setting', 'Choose the setting you offer');
    const available = form.date('offer-available', 'the date the place is available', true);
    const accommodation = parsePounds(form.value('offer-accommodation'));
    if (accommodation === null || BigInt(accommodation) > MAX_WEEKLY_PENCE) form.error('offer-accommodation', 'Enter the accommodation a week in pounds, for example 850.00');
    const rate = parsePounds(form.value('offer-support-rate'));
    if (rate === null || BigInt(rate) > MAX_HOURLY_PENCE) form.error('offer-support-rate', 'Enter the support an hour in pounds, for example 18.50 (at most £595.23)');
    const minutes = parseHoursToMinutes(form.value('offer-hours'));
    if (minutes === null || minutes > 10080) form.error('offer-hours', 'Enter the support a week in hours, from 0 to 168');
    const notes = form.value('offer-notes');
    if (notes.length > 2000) form.error('offer-notes', 'Notes must be 2,000 characters or fewer');
    if (form.hasErrors()) return;
    await api.post(
      `${name}:makeOffer`,
      { offer: { setting, availableDate: available, accommodationWeeklyPence: accommodation, supportHourlyPence: rate, supportMinutesPerWeek: String(minutes), notes } },
      action,
    );
    flash('Your offer is with the council.');
    ctx.rerender();
  });
  return h('div', {}, h2('Make an offer'), form.el);
}

async function declineForm(ctx: PageContext, name: string): Promise<HTMLElement> {
  const form = new Form({ reason: 'decline-reason', note: 'decline-note' }, { id: 'decline-form', 'aria-label': 'Decline' });
  const action = new Action();
  form.append(
    radios({ id: 'decline-reason', legend: 'Why you cannot offer', items: DECLINE_REASONS.map(([value, text]) => ({ value, label: text })), small: true }),
    textarea({ id: 'decline-note', label: 'Note (optional; required with Other)', hint: 'Up to 1,000 characters.', rows: 2 }),
    button('Decline', { secondary: true, id: 'decline' }),
  );
  form.onSubmit(async () => {
    const reason = form.radio('decline-reason');
    const note = form.value('decline-note');
    if (!reason) form.error('decline-reason', 'Choose why you are declining');
    if (reason === 'OTHER' && !note) form.error('decline-note', 'Say why, as you chose Other');
    if (note.length > 1000) form.error('decline-note', 'The note must be 1,000 characters or fewer');
    if (form.hasErrors()) return;
    await api.post(`${name}:decline`, { reason, note }, action);
    flash('You declined the invitation.');
    ctx.rerender();
  });
  return h('div', {}, h2('Or decline'), form.el);
}

// --- registration ---------------------------------------------------------------

export async function registerPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Register your organisation');
  if (await registered(org)) {
    ctx.main.append(heading('Register your organisation'), p(`${org} is already registered.`), p(link('/settings', 'Your settings')));
    return;
  }
  const form = new Form(
    {
      provider_id: 'legal-name',
      'provider.legal_name': 'legal-name',
      'provider.kind': 'kind',
      'provider.company_number': 'company-number',
      'provider.charity_number': 'charity-number',
      'provider.contacts': 'contact-name',
      'provider.contacts[0].email': 'contact-email',
      'provider.address': 'address-line',
      'provider.address.town': 'town',
      'provider.address.postcode': 'postcode',
    },
    { id: 'register-form', 'aria-label': 'Register' },
  );
  const action = new Action();
  form.append(
    input({ id: 'legal-name', label: 'Legal name', width: 'two-thirds' }),
    radios({
      id: 'kind',
      legend: 'What kind of organisation',
      items: [
        { value: 'COMPANY', label: 'Company', hint: 'With a Companies House number' },
        { value: 'CHARITY', label: 'Charity', hint: 'With a Charity Commission number (and a company number if a charitable company)' },
        { value: 'SOLE_TRADER', label: 'Sole trader' },
      ],
    }),
    input({ id: 'company-number', label: 'Companies House number', hint: 'For example 01234567 or SC123456', width: '10', spellcheck: false }),
    input({ id: 'charity-number', label: 'Charity Commission number', hint: 'For example 1123456', width: '10' }),
    input({ id: 'contact-name', label: 'Contact’s full name', width: 'one-half' }),
    input({ id: 'contact-email', label: 'Contact’s e-mail address', type: 'email', width: 'one-half', spellcheck: false }),
    input({ id: 'address-line', label: 'Address line 1', width: 'two-thirds' }),
    input({ id: 'town', label: 'Town or city', width: 'one-half' }),
    input({ id: 'postcode', label: 'Postcode', width: '10' }),
    button('Register'),
  );
  form.onSubmit(async () => {
    const kind = form.radio('kind');
    const req = (id: string, text: string) => {
      if (!form.value(id)) form.error(id, text);
    };
    req('legal-name', 'Enter the legal name');
    if (!kind) form.error('kind', 'Choose what kind of organisation it is');
    if (kind === 'COMPANY') req('company-number', 'Enter the Companies House number');
    if (kind === 'CHARITY') req('charity-number', 'Enter the Charity Commission number');
    req('contact-name', 'Enter a contact’s name');
    req('contact-email', 'Enter a contact’s e-mail address');
    req('address-line', 'Enter the first line of the address');
    req('town', 'Enter the town');
    req('postcode', 'Enter the postcode');
    if (form.hasErrors()) return;
    await api.post(
      'providers',
      {
        providerId: idOf(org),
        provider: {
          legalName: form.value('legal-name'),
          kind,
          companyNumber: form.value('company-number'),
          charityNumber: form.value('charity-number'),
          contacts: [{ fullName: form.value('contact-name'), email: form.value('contact-email') }],
          address: { lines: [form.value('address-line')], town: form.value('town'), postcode: form.value('postcode') },
        },
      },
      action,
    );
    forgetProviders();
    flash('Your organisation is registered. Add your settings next.');
    navigate('/settings');
  });
  ctx.main.append(twoThirds(heading('Register your organisation', org), form.el));
}

// --- settings and vacancies ---------------------------------------------------------

function lotsText(s: Setting): string {
  return (s.lots ?? []).map((l) => `${idOf(l.framework)}/${l.lotId}`).join(', ');
}

function judgementText(s: Setting): string {
  if (s.registrationType === 'NONE') return 'Not registered with Ofsted';
  const j = s.latestJudgement;
  return j?.judgement ? `${label(JUDGEMENTS, j.judgement)} (${ukDate(j.date)})` : 'Not yet inspected';
}

export async function settingsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Settings and vacancies');
  if (!(await registered(org))) return notRegistered(ctx);
  const settings = await api.listAll<Setting>(`${org}/settings`, 'settings');
  const vacancies = await Promise.all(settings.map((s) => api.get<{ vacancies?: Vacancy[] }>(`${s.name}/vacancies`).then((v) => v.vacancies ?? [])));
  ctx.main.append(
    heading('Settings and vacancies', await providerName(org)),
    buttonLink('/settings/new', 'Add a setting'),
    table({
      caption: 'Your settings',
      id: 'settings',
      head: ['Setting', 'Where', 'Lots', 'Places', 'Ofsted', 'Vacancies'],
      numeric: [3],
      rows: settings.map((s, i) => [
        link(`/${s.name}`, s.displayName ?? idOf(s.name)),
        `${s.address?.town ?? ''} ${s.address?.postcode ?? ''}`.trim(),
        lotsText(s),
        String(s.capacity ?? 0),
        `${label(REGISTRATION_TYPES, s.registrationType)}${s.ofstedUrn ? `, URN ${s.ofstedUrn}` : ''}; ${judgementText(s)}`,
        vacancies[i].map((v) => `${v.places} from ${ukDate(v.availableFrom)}`).join('; ') || 'None',
      ]),
      empty: 'No settings yet. Add one: the hub finds you for referrals near your settings.',
    }),
  );
}

const SETTING_FIELDS = {
  setting_id: 'setting-id',
  'setting.display_name': 'display-name',
  'setting.address': 'address-line',
  'setting.address.town': 'town',
  'setting.address.postcode': 'postcode',
  'setting.latitude': 'latitude',
  'setting.longitude': 'longitude',
  'setting.lots': 'lots',
  'setting.capacity': 'capacity',
  'setting.registration_type': 'registration-type',
  'setting.ofsted_urn': 'ofsted-urn',
  'setting.latest_judgement': 'judgement',
  'setting.latest_judgement.date': 'judgement-date',
  'setting.service_radius_miles': 'radius',
};

function settingFields(form: Form, s?: Setting): HTMLElement[] {
  const town = select({
    id: 'town-pick',
    label: 'Fill the position from a town (optional)',
    options: [['', 'Choose a town'], ...TOWNS.map((t): [string, string] => [t.name, `${t.name} (${t.area})`])],
    onchange: (e) => {
      const t = townByName((e.target as HTMLSelectElement).value);
      if (!t) return;
      (form.el.querySelector('#latitude') as HTMLInputElement).value = String(t.latitude);
      (form.el.querySelector('#longitude') as HTMLInputElement).value = String(t.longitude);
    },
  });
  return [
    input({ id: 'display-name', label: 'Name', hint: 'What you call it, for example Strand Road', value: s?.displayName ?? '', width: 'two-thirds' }),
    input({ id: 'address-line', label: 'Address line 1', value: s?.address?.lines?.[0] ?? '', width: 'two-thirds' }),
    input({ id: 'town', label: 'Town or city', value: s?.address?.town ?? '', width: 'one-half' }),
    input({ id: 'postcode', label: 'Postcode', value: s?.address?.postcode ?? '', width: '10' }),
    town,
    input({ id: 'latitude', label: 'Latitude', hint: 'Decimal degrees, for example 53.4872', value: s ? String(s.latitude ?? 0) : '', width: '10', inputmode: 'decimal' }),
    input({ id: 'longitude', label: 'Longitude', hint: 'Decimal degrees, west negative, for example -3.0343', value: s ? String(s.longitude ?? 0) : '', width: '10', inputmode: 'decimal' }),
    input({
      id: 'lots',
      label: 'Lots it serves',
      hint: 'Framework and lot ids, separated by commas, for example nw-16plus/lot-1, nw-16plus/lot-3. (The hub does not yet let providers list frameworks: the lead authority publishes them.)',
      value: s ? lotsText(s) : '',
      width: 'two-thirds',
      spellcheck: false,
    }),
    input({ id: 'capacity', label: 'Places', hint: '1 to 500', value: s ? String(s.capacity ?? '') : '', width: '3', inputmode: 'numeric' }),
    radios({ id: 'registration-type', legend: 'Ofsted registration', items: REGISTRATION_TYPES.map(([value, text]) => ({ value, label: text })), value: s?.registrationType, small: true }),
    input({ id: 'ofsted-urn', label: 'Ofsted URN', hint: 'For example SC123456 or 2745123. Not needed if not registered.', value: s?.ofstedUrn ?? '', width: '10', spellcheck: false }),
    select({ id: 'judgement', label: 'Latest Ofsted judgement', options: [['', 'Not yet inspected'], ...JUDGEMENTS], value: s?.latestJudgement?.judgement ?? '' }),
    dateInput({ id: 'judgement-date', legend: 'Date of that inspection', hint: 'Not in the future.', value: s?.latestJudgement?.date }),
    input({ id: 'radius', label: 'Service radius for floating support (optional)', hint: '0 to 100 miles; 0 means no limit of your own.', value: s?.serviceRadiusMiles ? String(s.serviceRadiusMiles) : '', width: '4', suffix: 'miles', inputmode: 'decimal' }),
  ];
}

function readSetting(form: Form): Record<string, unknown> | null {
  const req = (id: string, text: string) => {
    if (!form.value(id)) form.error(id, text);
  };
  req('display-name', 'Enter the setting’s name');
  req('address-line', 'Enter the first line of the address');
  req('town', 'Enter the town');
  req('postcode', 'Enter the postcode');
  const lat = form.value('latitude');
  const lng = form.value('longitude');
  if (!isNumber(lat) || Math.abs(Number(lat)) > 90) form.error('latitude', 'Latitude must be a number from -90 to 90');
  if (!isNumber(lng) || Math.abs(Number(lng)) > 180) form.error('longitude', 'Longitude must be a number from -180 to 180');
  const lots = form
    .value('lots')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => x.replace(/^frameworks\//, '').split('/'));
  if (!lots.length || lots.some((l) => l.length !== 2 || !l[0] || !l[1])) form.error('lots', 'Give each lot as framework/lot, for example nw-16plus/lot-1');
  const capacity = form.value('capacity');
  if (!isWhole(capacity, 1, 500)) form.error('capacity', 'Places must be a whole number from 1 to 500');
  const registrationType = form.radio('registration-type');
  if (!registrationType) form.error('registration-type', 'Choose the Ofsted registration');
  const judgement = form.value('judgement');
  const date = form.date('judgement-date', 'the inspection date', !!judgement);
  if (date && compareDates(date, todayInLondon()) > 0) form.error('judgement-date', 'The inspection date cannot be in the future');
  const radius = form.value('radius');
  if (radius && (!isNumber(radius) || Number(radius) < 0 || Number(radius) > 100)) form.error('radius', 'The radius must be 0 to 100 miles');
  if (form.hasErrors()) return null;
  return {
    displayName: form.value('display-name'),
    address: { lines: [form.value('address-line')], town: form.value('town'), postcode: form.value('postcode') },
    latitude: Number(lat),
    longitude: Number(lng),
    lots: lots.map(([f, l]) => ({ framework: `frameworks/${f}`, lotId: l })),
    capacity: Number(capacity),
    registrationType,
    ofstedUrn: registrationType === 'NONE' ? '' : form.value('ofsted-urn'),
    ...(judgement && registrationType !== 'NONE' ? { latestJudgement: { judgement, date } } : {}),
    serviceRadiusMiles: radius ? Number(radius) : 0,
  };
}

export async function newSettingPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Add a setting');
  const form = new Form(SETTING_FIELDS, { id: 'setting-form', 'aria-label': 'Setting' });
  const action = new Action();
  form.append(
    input({ id: 'setting-id', label: 'Setting id', hint: 'A short name for addresses: lowercase letters, digits and hyphens, for example coronation-road', width: '20', spellcheck: false }),
    ...settingFields(form),
    button('Add setting'),
  );
  form.onSubmit(async () => {
    const id = form.value('setting-id');
    if (!/^[a-z][a-z0-9-]{1,62}$/.test(id)) form.error('setting-id', 'The id must be 2 to 63 lowercase letters, digits and hyphens, starting with a letter');
    const setting = readSetting(form);
    if (!setting || form.hasErrors()) return;
    const created = await api.post<Setting>(`${org}/settings`, { settingId: id, setting }, action);
    flash(`${created.displayName} is added. Record its vacancies so that councils’ referrals find it.`);
    navigate(`/${created.name}`);
  });
  ctx.main.append(twoThirds(heading('Add a setting', await providerName(org)), form.el));
}

export async function settingPage(ctx: PageContext): Promise<void> {
  const name = `providers/${ctx.params.provider}/settings/${ctx.params.setting}`;
  const [s, v] = await Promise.all([api.get<Setting>(name), api.get<{ vacancies?: Vacancy[] }>(`${name}/vacancies`)]);
  ctx.title(s.displayName ?? 'Setting');
  const mine = ctx.session!.organisation === `providers/${ctx.params.provider}`;
  const main = ctx.main;
  main.append(
    heading(s.displayName ?? idOf(s.name), await providerName(`providers/${ctx.params.provider}`)),
    summaryList([
      ['Address', [...(s.address?.lines ?? []), s.address?.town, s.address?.postcode].filter(Boolean).join(', ')],
      ['Position', `${s.latitude ?? 0}, ${s.longitude ?? 0}`],
      ['Lots', lotsText(s)],
      ['Places', String(s.capacity ?? 0)],
      ['Ofsted registration', label(REGISTRATION_TYPES, s.registrationType)],
      ['Ofsted URN', orDash(s.ofstedUrn)],
      ['Latest judgement', judgementText(s)],
    ]),
  );
  const vacancies = v.vacancies ?? [];
  const vacancyRows = vacancies.map((vac) => {
    const cells: (string | HTMLElement)[] = [String(vac.places ?? 0), ukDate(vac.availableFrom), ukTime(vac.createTime)];
    if (mine) {
      const f = new Form({}, { 'aria-label': `Withdraw vacancy ${idOf(vac.name)}` });
      const action = new Action();
      f.append(h('button', { class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'submit', 'data-module': 'govuk-button' }, 'Withdraw', h('span', { class: 'govuk-visually-hidden' }, ` the vacancy of ${vac.places} from ${ukDate(vac.availableFrom)}`)));
      f.onSubmit(async () => {
        await api.post(`${vac.name}:withdraw`, {}, action);
        flash('The vacancy is withdrawn.');
        ctx.rerender();
      });
      cells.push(f.el);
    }
    return cells;
  });
  main.append(
    table({
      caption: 'Open vacancies',
      captionSize: 'm',
      id: 'vacancies',
      head: ['Places', 'Free from', 'Recorded', ...(mine ? ['Action'] : [])],
      numeric: [0],
      rows: vacancyRows,
      empty: 'No open vacancies: the hub will not invite you for referrals at this setting.',
    }),
  );
  if (!mine) return;

  const record = new Form({ 'vacancy.places': 'places', 'vacancy.available_from': 'available-from', parent: 'places' }, { id: 'vacancy-form', 'aria-label': 'Record a vacancy' });
  const recordAction = new Action();
  record.append(
    input({ id: 'places', label: 'Places', hint: `Up to the setting’s ${s.capacity ?? 0} places, counting the other open vacancies.`, width: '3', inputmode: 'numeric' }),
    dateInput({ id: 'available-from', legend: 'Free from', value: todayInLondon() }),
    button('Record vacancy'),
  );
  record.onSubmit(async () => {
    const places = record.value('places');
    if (!isWhole(places, 1, s.capacity ?? 500)) record.error('places', `Places must be a whole number from 1 to ${s.capacity ?? 500}`);
    const from = record.date('available-from', 'the date the places are free', true);
    if (record.hasErrors()) return;
    await api.post(`${name}/vacancies`, { vacancy: { places: Number(places), availableFrom: from } }, recordAction);
    flash('The vacancy is recorded.');
    ctx.rerender();
  });
  main.append(h2('Record a vacancy'), record.el);

  const edit = new Form(SETTING_FIELDS, { id: 'setting-edit-form', 'aria-label': 'Change the setting' });
  const editAction = new Action();
  edit.append(...settingFields(edit, s), button('Save changes', { secondary: true }));
  edit.onSubmit(async () => {
    const setting = readSetting(edit);
    if (!setting) return;
    await api.write('PATCH', name, { setting: { ...setting, name } }, editAction);
    flash('The setting is updated.');
    ctx.rerender();
  });
  main.append(details('Change the setting’s details or Ofsted judgement', edit.el));
  if (s.registrationType === 'NONE') main.append(warning('Lots for 16 and 17 year olds need Ofsted-registered supported accommodation.'));
}
