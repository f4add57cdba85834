// Block contracts: places an authority reserves with a provider beside the
// framework, and how full they were over a period.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { authorityShortName, defaultFramework, loadProviders, providerName, settingName } from '../lib/directory';
import { addDays, addMonths, compareDates, idOf, isoDate, money, parsePounds, todayInLondon, ukDate } from '../lib/format';
import { Form, isWhole } from '../lib/forms';
import { button, checkboxes, dateInput, details, h2, heading, p, select, summaryList, table, input, link } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import { MAX_HOURLY_PENCE, MAX_WEEKLY_PENCE } from '../lib/rules';
import type { BlockContract, BlockOccupancy, Setting } from '../lib/types';
import { dateParam, queryString } from './common';

export async function blockContractsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Block contracts');
  const res = await api.get<{ blockContracts?: BlockContract[] }>(`${org}/blockContracts`);
  const blocks = res.blockContracts ?? [];
  const main = ctx.main;
  const rows = await Promise.all(
    blocks.map(async (b) => [
      link(`/${b.name}`, `Block ${idOf(b.name)}`),
      await providerName(b.provider),
      b.lotId ?? '',
      String(b.places ?? 0),
      `${ukDate(b.startDate)} to ${ukDate(b.endDate)}`,
      money(b.weeklyPencePerPlace),
    ]),
  );
  main.append(
    heading('Block contracts', await authorityShortName(org)),
    p('Places you reserve with a provider. A referral can go straight into a free block place before any mini-competition.'),
    table({ caption: 'Your block contracts', id: 'blocks', head: ['Contract', 'Provider', 'Lot', 'Places', 'Period', 'A place a week'], numeric: [3, 5], rows, empty: 'No block contracts.' }),
    await newBlockForm(ctx, org),
  );
}

async function newBlockForm(ctx: PageContext, org: string): Promise<HTMLElement> {
  const providers = await loadProviders();
  const fw = await defaultFramework();
  const chosen = ctx.query.get('provider') ?? '';
  const form = new Form(
    {
      'block_contract.provider': 'provider',
      'block_contract.framework': 'provider',
      'block_contract.lot_id': 'lot',
      'block_contract.settings': 'settings',
      'block_contract.places': 'places',
      'block_contract.start_date': 'start',
      'block_contract.end_date': 'end',
      'block_contract.weekly_pence_per_place': 'weekly',
      'block_contract.support_hourly_pence': 'support',
    },
    { id: 'block-form', 'aria-label': 'Record a block contract' },
  );
  const action = new Action();
  const settings = chosen ? await api.listAll<Setting>(`${chosen}/settings`, 'settings').catch(() => [] as Setting[]) : [];
  const providerPick = select({
    id: 'provider',
    label: 'Provider',
    options: [['', 'Choose a provider'], ...[...providers.values()].map((x): [string, string] => [x.name, x.legalName ?? x.name])],
    value: chosen,
    onchange: (e) => navigate(`/blockContracts?provider=${encodeURIComponent((e.target as HTMLSelectElement).value)}#block-form`, true),
  });
  form.append(providerPick);
  if (chosen) {
    const start = todayInLondon();
    form.append(
      select({ id: 'lot', label: 'Lot', options: (fw?.lots ?? []).map((l) => [l.lotId, l.title ?? l.lotId]) }),
      checkboxes({ id: 'settings', legend: 'Settings where the places are', items: settings.map((s) => ({ value: s.name, label: `${s.displayName ?? idOf(s.name)}, ${s.address?.town ?? ''}` })), small: true }),
      input({ id: 'places', label: 'Places reserved', hint: '1 to 500', width: '3', inputmode: 'numeric' }),
      dateInput({ id: 'start', legend: 'First day', value: start }),
      dateInput({ id: 'end', legend: 'Last day', value: addDays(addMonths(start, 12), -1) }),
      input({ id: 'weekly', label: 'Each place a week', prefix: '£', width: '10', inputmode: 'decimal' }),
      input({ id: 'support', label: 'Support an hour in block places', prefix: '£', width: '5', inputmode: 'decimal' }),
      button('Record block contract'),
    );
  } else {
    form.append(button('Choose the provider', { secondary: true }));
  }
  form.onSubmit(async () => {
    const provider = form.value('provider');
    if (!provider) {
      form.error('provider', 'Choose the provider');
      return;
    }
    if (!chosen || chosen !== provider) {
      navigate(`/blockContracts?provider=${encodeURIComponent(provider)}#block-form`, true);
      return;
    }
    const chosenSettings = form.checked('settings');
    if (!chosenSettings.length) form.error('settings', 'Choose at least one setting');
    const places = form.value('places');
    if (!isWhole(places, 1, 500)) form.error('places', 'Places must be a whole number from 1 to 500');
    const start = form.date('start', 'the first day', true);
    const end = form.date('end', 'the last day', true);
    if (start && end && compareDates(end, start) < 0) form.error('end', 'The last day must not be before the first');
    const weekly = parsePounds(form.value('weekly'));
    if (weekly === null || BigInt(weekly) > MAX_WEEKLY_PENCE) form.error('weekly', 'Enter the price of a place a week in pounds');
    const support = parsePounds(form.value('support') || '0');
    if (support === null || BigInt(support) > MAX_HOURLY_PENCE) form.error('support', 'Enter the support an hour in pounds');
    if (form.hasErrors()) return;
    const created = await api.post<BlockContract>(
      `${org}/blockContracts`,
      {
        blockContract: {
          provider,
          framework: fw?.name,
          lotId: form.value('lot'),
          settings: chosenSettings,
          places: Number(places),
          startDate: start,
          endDate: end,
          weeklyPencePerPlace: weekly,
          supportHourlyPence: support,
        },
      },
      action,
    );
    flash(`Block contract ${idOf(created.name)} is recorded.`);
    navigate(`/${created.name}`);
  });
  return h('div', {}, h2('Record a block contract'), form.el);
}

export async function blockContractPage(ctx: PageContext): Promise<void> {
  const org = `authorities/${ctx.params.authority}`;
  const name = `${org}/blockContracts/${ctx.params.number}`;
  const all = await api.get<{ blockContracts?: BlockContract[] }>(`${org}/blockContracts`);
  const b = (all.blockContracts ?? []).find((x) => x.name === name);
  if (!b) throw new api.ApiError(404, 5, `${name} was not found`);
  ctx.title(`Block contract ${ctx.params.number}`);
  const first = dateParam(ctx.query, 'from', b.startDate ?? todayInLondon());
  const last = dateParam(ctx.query, 'to', todayInLondon());
  const occ = await api.get<BlockOccupancy>(`${name}/occupancy`, { first_day: isoDate(first), last_day: isoDate(last) }).catch(() => null);
  const settings = await Promise.all((b.settings ?? []).map(settingName));
  const form = new Form({ first_day: 'from', last_day: 'to' }, { id: 'occupancy-form', 'aria-label': 'Occupancy period' });
  form.append(dateInput({ id: 'from', legend: 'From', value: first }), dateInput({ id: 'to', legend: 'To', value: last }), button('Show occupancy', { secondary: true }));
  form.onSubmit(() => {
    const a = form.date('from', 'the first day', true);
    const z = form.date('to', 'the last day', true);
    if (form.hasErrors()) return;
    navigate(`/${name}?${queryString({ from: a, to: z })}`, true);
  });
  const placeDays = Number(occ?.placeDays ?? 0);
  ctx.main.append(
    heading(`Block contract ${idOf(b.name)}`, await providerName(b.provider)),
    summaryList([
      ['Lot', b.lotId ?? ''],
      ['Settings', settings.join('; ')],
      ['Places', String(b.places ?? 0)],
      ['Period', `${ukDate(b.startDate)} to ${ukDate(b.endDate)}`],
      ['A place a week', money(b.weeklyPencePerPlace)],
      ['Support an hour', money(b.supportHourlyPence)],
    ]),
    h2('Occupancy'),
    form.el,
    occ
      ? summaryList([
          ['Days of the period in the contract', String(occ.contractDays ?? 0)],
          ['Place days', String(occ.placeDays ?? 0)],
          ['Occupied place days', `${occ.occupiedPlaceDays ?? 0}${placeDays ? ` (${Math.round((Number(occ.occupiedPlaceDays ?? 0) / placeDays) * 100)}%)` : ''}`],
          ['Empty place days', String(occ.emptyPlaceDays ?? 0)],
          [`Occupied on ${ukDate(last)}`, String(occ.occupiedOnLastDay ?? 0)],
          [`Free on ${ukDate(last)}`, String(occ.freeOnLastDay ?? 0)],
        ])
      : p('The occupancy could not be worked out for this period.'),
    details('Placing a referral in a block place', p('Open a referral that is not yet awarded and choose “Place in a block contract instead”.')),
  );
}
