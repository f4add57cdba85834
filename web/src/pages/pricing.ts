// Prices: each member's own price books with its providers, their
// effective-dated rate cards, uplifts, the spot-price policy and where the
// member stands in the regional benchmark. A provider sees its books and
// accepts those proposed to it.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h, svg } from '../lib/dom';
import { authorityShortName, defaultFramework, framework as getFramework, loadFrameworks, loadProviders, providerName, settingName } from '../lib/directory';
import { type DateValue, addDays, compareDates, idOf, money, parsePounds, penceToPoundsInput, todayInLondon, ukDate, ukTime } from '../lib/format';
import { Form } from '../lib/forms';
import {
  button, buttonLink, checkboxes, dateInput, details, h2, heading, input, inset, link, p, radios, select, summaryList, table, tag,
} from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import { MAX_HOURLY_PENCE, MAX_WEEKLY_PENCE } from '../lib/rules';
import type { Benchmark, PriceBook, PricingPolicy, RateCard } from '../lib/types';
import { POSITIONS, ROUNDING_RULES } from '../lib/vocab';
import { twoThirds } from './common';

function cardInForce(book: PriceBook, on: DateValue = todayInLondon()): RateCard | undefined {
  const cards = (book.rateCards ?? []).filter((c) => c.effectiveFrom && compareDates(c.effectiveFrom, on) <= 0);
  return cards[cards.length - 1] ?? book.rateCards?.[0];
}

function scopeText(b: PriceBook): string {
  return [b.lotId ? `lot ${b.lotId}` : 'every lot', b.setting ? `setting ${idOf(b.setting)}` : 'every setting'].join(', ');
}

export async function priceBooksPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  const isProvider = org.startsWith('providers/');
  ctx.title('Price books');
  const books = await api.listAll<PriceBook>('priceBooks', 'priceBooks');
  const main = ctx.main;
  main.append(heading(isProvider ? 'Price books' : 'Prices', isProvider ? await providerName(org) : await authorityShortName(org)));
  if (isProvider) {
    main.append(p('What each council pays you under a framework. A book prices nothing until you accept it.'));
  } else {
    main.append(
      p('What your authority pays each provider. Other members, other providers and the lead authority never see these books.'),
      h('div', { class: 'govuk-button-group' }, buttonLink('/priceBooks/new', 'Propose a price book'), buttonLink('/uplift', 'Apply an uplift', true), buttonLink('/benchmark', 'Regional benchmark', true)),
    );
  }
  const rows = await Promise.all(
    books.map(async (b) => {
      const card = cardInForce(b);
      const cells: (string | HTMLElement)[] = [
        link(`/${b.name}`, `Book ${idOf(b.name)}`),
        isProvider ? await authorityShortName(b.authority) : await providerName(b.provider),
        scopeText(b),
        ukDate(b.startDate),
        card ? money(card.accommodationWeeklyPence) : '–',
        card ? money(card.supportHourlyPence) : '–',
        String(b.rateCards?.length ?? 0),
        tag(b.status),
      ];
      if (isProvider) {
        if (b.status === 'PROPOSED') {
          const f = new Form({}, { 'aria-label': `Accept book ${idOf(b.name)}` });
          const action = new Action();
          f.append(h('button', { class: 'govuk-button govuk-!-margin-bottom-0', type: 'submit', 'data-module': 'govuk-button' }, 'Accept', h('span', { class: 'govuk-visually-hidden' }, ` book ${idOf(b.name)}`)));
          f.onSubmit(async () => {
            await api.post(`${b.name}:accept`, {}, action);
            flash(`You accepted book ${idOf(b.name)}: offers to ${await authorityShortName(b.authority)} are now priced by it.`);
            ctx.rerender();
          });
          cells.push(f.el);
        } else {
          cells.push(`Accepted ${ukTime(b.acceptTime)}`);
        }
      }
      return cells;
    }),
  );
  main.append(
    table({
      caption: 'Books, newest first (rates of the card in force today)',
      id: 'price-books',
      head: ['Book', isProvider ? 'Council' : 'Provider', 'Applies to', 'From', 'Accommodation a week', 'Support an hour', 'Cards', 'Status', ...(isProvider ? ['Action'] : [])],
      numeric: [4, 5, 6],
      rows,
      small: true,
      empty: 'No price books yet.',
    }),
  );
  if (!isProvider) main.append(await policySection(ctx, org));
}

async function policySection(ctx: PageContext, org: string): Promise<HTMLElement> {
  const policy = await api.get<PricingPolicy>(`${org}/pricingPolicy`).catch(() => ({}) as PricingPolicy);
  const form = new Form({}, { id: 'policy-form', 'aria-label': 'Spot prices' });
  const action = new Action();
  form.append(
    radios({
      id: 'spot',
      legend: 'Offers from providers without a price book, or above it',
      items: [
        { value: 'refuse', label: 'Refuse them', hint: 'Offers must be within your price book.' },
        { value: 'allow', label: 'Accept them at the offered (spot) price', hint: 'They are marked as spot prices in the ranking.' },
      ],
      value: policy.allowSpotPrices ? 'allow' : 'refuse',
    }),
    button('Save policy', { secondary: true }),
  );
  form.onSubmit(async () => {
    await api.write('PUT', `${org}/pricingPolicy`, { policy: { allowSpotPrices: form.radio('spot') === 'allow' } }, action);
    flash('Your spot-price policy is saved.');
    ctx.rerender();
  });
  return h('div', {}, h2('Spot prices'), form.el);
}

const CARD_FIELDS = {
  'rate_card.effective_from': 'card-from',
  'first_card.effective_from': 'card-from',
  'rate_card.accommodation_weekly_pence': 'accommodation',
  'first_card.accommodation_weekly_pence': 'accommodation',
  'rate_card.support_hourly_pence': 'support',
  'first_card.support_hourly_pence': 'support',
  'rate_card.waking_night_hourly_pence': 'waking-night',
  'first_card.waking_night_hourly_pence': 'waking-night',
  'rate_card.sleep_in_nightly_pence': 'sleep-in',
  'first_card.sleep_in_nightly_pence': 'sleep-in',
  'rate_card.extras': 'extras',
  'first_card.extras': 'extras',
};

function cardFields(card?: RateCard, from?: DateValue, withDate = true): HTMLElement[] {
  return [
    withDate ? dateInput({ id: 'card-from', legend: 'Effective from', hint: 'Later cards must start after today.', value: from ?? card?.effectiveFrom }) : null,
    input({ id: 'accommodation', label: 'Accommodation a week', prefix: '£', width: '10', inputmode: 'decimal', value: card ? penceToPoundsInput(card.accommodationWeeklyPence) : '' }),
    input({ id: 'support', label: 'Support an hour', hint: 'The fixed hourly rate, at most £595.23.', prefix: '£', width: '5', inputmode: 'decimal', value: card ? penceToPoundsInput(card.supportHourlyPence) : '' }),
    input({ id: 'waking-night', label: 'Waking night an hour', prefix: '£', width: '5', inputmode: 'decimal', value: card ? penceToPoundsInput(card.wakingNightHourlyPence) : '0.00' }),
    input({ id: 'sleep-in', label: 'Sleep-in a night', prefix: '£', width: '5', inputmode: 'decimal', value: card ? penceToPoundsInput(card.sleepInNightlyPence) : '0.00' }),
    input({
      id: 'extras',
      label: 'Extras (optional)',
      hint: 'Name=pounds:WEEKLY or ONE_OFF, separated by commas, for example Bills allowance=25.00:WEEKLY, Setting-up home grant=150.00:ONE_OFF',
      width: 'full',
      value: (card?.extras ?? []).map((x) => `${x.name}=${penceToPoundsInput(x.amountPence)}:${x.kind}`).join(', '),
    }),
  ].filter((x): x is HTMLElement => !!x);
}

function readCard(form: Form, withDate = true): Record<string, unknown> | null {
  const from = withDate ? form.date('card-from', 'the date the card applies from', true) : undefined;
  const money_ = (id: string, what: string, max: bigint) => {
    const v = parsePounds(form.value(id) || '0');
    if (v === null || BigInt(v) > max) form.error(id, `Enter ${what} in pounds, for example 18.50`);
    return v;
  };
  const accommodation = money_('accommodation', 'the accommodation a week', MAX_WEEKLY_PENCE);
  const support = money_('support', 'the support an hour', MAX_HOURLY_PENCE);
  const waking = money_('waking-night', 'the waking night an hour', MAX_HOURLY_PENCE);
  const sleep = money_('sleep-in', 'the sleep-in a night', 1_428_571n);
  const extras: { name: string; amountPence: string; kind: string }[] = [];
  const text = form.value('extras');
  if (text) {
    for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
      const m = /^(.+?)\s*=\s*£?([\d.,]+)\s*:\s*(WEEKLY|ONE_OFF)$/i.exec(part);
      const amount = m ? parsePounds(m[2]) : null;
      if (!m || amount === null) {
        form.error('extras', `“${part}” is not Name=pounds:WEEKLY or Name=pounds:ONE_OFF`);
        break;
      }
      extras.push({ name: m[1], amountPence: amount, kind: m[3].toUpperCase() });
    }
  }
  if (form.hasErrors()) return null;
  return {
    ...(from ? { effectiveFrom: from } : {}),
    accommodationWeeklyPence: accommodation,
    supportHourlyPence: support,
    wakingNightHourlyPence: waking,
    sleepInNightlyPence: sleep,
    extras,
  };
}

export async function newPriceBookPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Propose a price book');
  const [providers, frameworks] = await Promise.all([loadProviders(), loadFrameworks()]);
  const fw = await defaultFramework();
  const form = new Form(
    {
      'price_book.provider': 'provider',
      'price_book.framework': 'framework',
      'price_book.lot_id': 'lot',
      'price_book.setting': 'setting',
      'price_book.start_date': 'start',
      price_book: 'provider',
      ...CARD_FIELDS,
    },
    { id: 'book-form', 'aria-label': 'Price book' },
  );
  const action = new Action();
  const lots = fw?.lots ?? [];
  form.append(
    select({ id: 'provider', label: 'Provider', options: [['', 'Choose a provider'], ...[...providers.values()].map((x): [string, string] => [x.name, x.legalName ?? x.name])] }),
    select({ id: 'framework', label: 'Framework', options: frameworks.filter((f) => f.status === 'ACTIVE').map((f) => [f.name, f.title ?? f.name]), value: fw?.name }),
    select({ id: 'lot', label: 'Lot (optional)', hint: 'A book for one lot wins over a general one.', options: [['', 'Every lot'], ...lots.map((l): [string, string] => [l.lotId, l.title ?? l.lotId])] }),
    input({ id: 'setting', label: 'Setting (optional)', hint: 'To price one setting only: its id, for example strand-road. The most specific book applies.', width: '20', spellcheck: false }),
    dateInput({ id: 'start', legend: 'First day the book applies', value: addDays(todayInLondon(), 1) }),
    h2('First rate card', 's'),
    ...cardFields(undefined, undefined, false),
    button('Propose price book'),
  );
  form.onSubmit(async () => {
    const provider = form.value('provider');
    if (!provider) form.error('provider', 'Choose the provider');
    const start = form.date('start', 'the first day', true);
    const card = readCard(form, false);
    if (!card || form.hasErrors()) return;
    const setting = form.value('setting');
    const book = await api.post<PriceBook>(
      'priceBooks',
      {
        priceBook: { authority: org, provider, framework: form.value('framework'), lotId: form.value('lot'), setting: setting ? `${provider}/settings/${setting}` : '', startDate: start },
        firstCard: { ...card, effectiveFrom: start },
      },
      action,
    );
    flash(`Book ${idOf(book.name)} is proposed to ${await providerName(provider)}. It prices nothing until they accept it.`);
    navigate(`/${book.name}`);
  });
  ctx.main.append(twoThirds(heading('Propose a price book', await authorityShortName(org)), form.el));
}

export async function priceBookPage(ctx: PageContext): Promise<void> {
  const name = `priceBooks/${ctx.params.number}`;
  const book = await api.get<PriceBook>(name);
  const org = ctx.session!.organisation;
  const buyer = book.authority === org;
  ctx.title(`Price book ${ctx.params.number}`);
  const main = ctx.main;
  const today = todayInLondon();
  main.append(
    heading(`Price book ${idOf(book.name)}`, `${await authorityShortName(book.authority)} with ${await providerName(book.provider)}`),
    summaryList([
      ['Status', tag(book.status)],
      ['Framework', (await getFramework(book.framework!).catch(() => null))?.title ?? book.framework ?? ''],
      ['Applies to', `${book.lotId ? `Lot ${book.lotId}` : 'Every lot'}${book.setting ? `, ${await settingName(book.setting)}` : ', every setting'}`],
      ['From', ukDate(book.startDate)],
      book.acceptTime ? ['Accepted', `${ukTime(book.acceptTime)} by ${book.acceptedBy ?? ''}`] : null,
    ]),
    table({
      caption: 'Rate cards',
      captionSize: 'm',
      id: 'rate-cards',
      head: ['Version', 'From', 'Accommodation a week', 'Support an hour', 'Waking night an hour', 'Sleep-in a night', 'Extras', ''],
      numeric: [2, 3, 4, 5],
      rows: (book.rateCards ?? []).map((c) => [
        String(c.version ?? ''),
        ukDate(c.effectiveFrom),
        money(c.accommodationWeeklyPence),
        money(c.supportHourlyPence),
        money(c.wakingNightHourlyPence),
        money(c.sleepInNightlyPence),
        (c.extras ?? []).map((x) => `${x.name} ${money(x.amountPence)} ${x.kind === 'ONE_OFF' ? 'once' : 'a week'}`).join('; ') || '–',
        buyer && c.effectiveFrom && compareDates(c.effectiveFrom, today) > 0 ? link(`/${c.name}`, h('span', {}, 'Correct', h('span', { class: 'govuk-visually-hidden' }, ` version ${c.version}`))) : '',
      ]),
    }),
  );
  if (!buyer) return;
  const form = new Form(CARD_FIELDS, { id: 'card-form', 'aria-label': 'Add a rate card' });
  const action = new Action();
  const last = book.rateCards?.[book.rateCards.length - 1];
  form.append(...cardFields(last, addDays(today, 1)), button('Add rate card'));
  form.onSubmit(async () => {
    const card = readCard(form);
    if (!card) return;
    await api.post(`${name}/rateCards`, { rateCard: card }, action);
    flash('The rate card is added.');
    ctx.rerender();
  });
  main.append(details('Add a rate card', form.el));
}

export async function rateCardPage(ctx: PageContext): Promise<void> {
  const bookName = `priceBooks/${ctx.params.number}`;
  const book = await api.get<PriceBook>(bookName);
  const card = (book.rateCards ?? []).find((c) => String(c.version) === ctx.params.version);
  if (!card) throw new api.ApiError(404, 5, `${bookName}/rateCards/${ctx.params.version} is not a card of this book`);
  ctx.title(`Correct rate card ${card.version}`);
  const form = new Form(CARD_FIELDS, { id: 'correct-form', 'aria-label': 'Correct the rate card' });
  const action = new Action();
  form.append(
    inset('Only a card whose date has not yet come can be corrected; past and current cards never change.'),
    ...cardFields(card),
    button('Save correction'),
  );
  form.onSubmit(async () => {
    const c = readCard(form);
    if (!c) return;
    await api.write('PATCH', card.name!, { rateCard: { ...c, name: card.name } }, action);
    flash(`Version ${card.version} is corrected.`);
    navigate(`/${bookName}`);
  });
  ctx.main.append(twoThirds(heading(`Correct rate card ${card.version}`, `Price book ${idOf(bookName)}`), form.el));
}

export async function upliftPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Apply an uplift');
  const books = (await api.listAll<PriceBook>('priceBooks', 'priceBooks')).filter((b) => b.authority === org);
  const items = await Promise.all(books.map(async (b) => ({ value: b.name, label: `Book ${idOf(b.name)}: ${await providerName(b.provider)} (${scopeText(b)})` })));
  const form = new Form(
    { basis_points: 'percent', rounding: 'rounding', effective_from: 'uplift-from', price_books: 'books' },
    { id: 'uplift-form', 'aria-label': 'Apply an uplift' },
  );
  const action = new Action();
  form.append(
    input({ id: 'percent', label: 'Uplift', hint: 'A percentage, for example 2.5 (from -50 to 100; at most two decimal places).', width: '4', suffix: '%', inputmode: 'decimal' }),
    radios({ id: 'rounding', legend: 'How each new amount is rounded to the penny', items: ROUNDING_RULES.map(([value, text]) => ({ value, label: text })), value: 'NEAREST_PENNY', small: true }),
    dateInput({ id: 'uplift-from', legend: 'New cards apply from', hint: 'After today.' }),
    checkboxes({ id: 'books', legend: 'Books', hint: 'Leave all unticked for every book with a card in force on that day.', items, small: true }),
    button('Apply uplift'),
  );
  form.onSubmit(async () => {
    const text = form.value('percent');
    const m = /^(-?)(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
    const bp = m ? (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0')) : NaN;
    if (!m || bp < -5000 || bp > 10000) form.error('percent', 'Enter the uplift as a percentage from -50 to 100, for example 2.5');
    const from = form.date('uplift-from', 'the date the new cards apply from', true);
    if (from && compareDates(from, todayInLondon()) <= 0) form.error('uplift-from', 'The uplift must start after today');
    if (form.hasErrors()) return;
    const res = await api.post<{ rateCards?: RateCard[] }>(
      `${org}:applyUplift`,
      { priceBooks: form.checked('books'), basisPoints: bp, rounding: form.radio('rounding'), effectiveFrom: from },
      action,
    );
    flash(`The uplift added ${res.rateCards?.length ?? 0} rate cards from ${ukDate(from)}.`);
    navigate('/priceBooks');
  });
  ctx.main.append(twoThirds(heading('Apply an uplift', await authorityShortName(org)), p('Adds a new card to each chosen book, all in one go.'), form.el));
}

/** Four quartile bands with the caller's own marked. */
function band(position: string | undefined, what: string): HTMLElement {
  const bands = ['BELOW_LOWER_QUARTILE', 'LOWER_QUARTILE_TO_MEDIAN', 'MEDIAN_TO_UPPER_QUARTILE', 'ABOVE_UPPER_QUARTILE'];
  const names = ['Below lower quartile', 'Lower quartile to median', 'Median to upper quartile', 'Above upper quartile'];
  const w = 150;
  return h(
    'figure',
    { class: 'fhub-figure' },
    h('figcaption', { class: 'govuk-body-s' }, `Your ${what}: ${position ? POSITIONS[position] ?? position : 'no books of your own in force'}`),
    svg(
      'svg',
      { class: 'fhub-band', viewBox: `0 0 ${w * 4} 54`, width: String(w * 4), height: '54', role: 'img', 'aria-label': `Your ${what} is ${position ? POSITIONS[position] ?? position : 'not placed'}` },
      bands.map((b, i) =>
        svg(
          'g',
          {},
          svg('rect', { x: String(i * w + 1), y: '2', width: String(w - 2), height: '28', class: b === position ? 'fhub-band__own' : 'fhub-band__cell' }),
          svg('text', { x: String(i * w + w / 2), y: '47', 'text-anchor': 'middle', class: 'fhub-band__label' }, names[i]),
        ),
      ),
    ),
  );
}

export async function benchmarkPage(ctx: PageContext): Promise<void> {
  ctx.title('Regional benchmark');
  const fw = await defaultFramework();
  if (!fw) {
    ctx.main.append(heading('Regional benchmark'), p('Your authority uses no framework.'));
    return;
  }
  const lot = ctx.query.get('lot') ?? fw.lots?.[0]?.lotId ?? '';
  const b = await api.get<Benchmark>(`${fw.name}/lots/${lot}/benchmark`);
  const main = ctx.main;
  const pick = new Form({}, { 'aria-label': 'Lot', id: 'lot-form' });
  pick.append(select({ id: 'lot', label: 'Lot', options: (fw.lots ?? []).map((l) => [l.lotId, l.title ?? l.lotId]), value: lot }), button('Show', { secondary: true }));
  pick.onSubmit(() => navigate(`/benchmark?lot=${encodeURIComponent(pick.value('lot'))}`));
  main.append(heading('Regional benchmark', fw.title), pick.el);
  if (b.withheld) {
    main.append(inset('Withheld: fewer than three authorities or three providers have books in force on this lot, so no council’s price could be kept private.'));
    return;
  }
  const stats = (label_: string, s?: { count?: number; lowerQuartilePence?: string; medianPence?: string; upperQuartilePence?: string }) => [
    label_,
    String(s?.count ?? 0),
    money(s?.lowerQuartilePence),
    money(s?.medianPence),
    money(s?.upperQuartilePence),
  ];
  main.append(
    table({
      caption: `Rates in force today on ${lot}`,
      id: 'benchmark',
      head: ['Rate', 'Books', 'Lower quartile', 'Median', 'Upper quartile'],
      numeric: [1, 2, 3, 4],
      rows: [stats('Accommodation a week', b.accommodationWeekly), stats('Support an hour', b.supportHourly)],
    }),
    h2('Where your rates stand', 's'),
    band(b.ownAccommodationPosition, 'accommodation rate'),
    band(b.ownSupportPosition, 'support rate'),
    p('Your band is placed by the median of your own books in force today.'),
  );
}
