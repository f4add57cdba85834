// Placements: the authority's (or, for a provider, its own) list, and a
// placement's page: agreed rates, the dated history of support hours, a
// change of hours from a date, the end, and the exact cost over a period
// as the hub works it out.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { authorityShortName, providerName, settingName } from '../lib/directory';
import {
  type DateValue, addDays, addMonths, compareDates, hoursFromMinutes, idOf, isoDate, miles, money, parseHoursToMinutes, todayInLondon, ukDate, ukTime,
} from '../lib/format';
import { Form } from '../lib/forms';
import { button, dateInput, details, h2, heading, input, link, p, radios, summaryList, table, tag, textarea } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { Placement, PlacementCost } from '../lib/types';
import { END_REASONS, label } from '../lib/vocab';
import { dateParam, orDash, queryString } from './common';

function currentMinutes(pl: Placement, on: DateValue = todayInLondon()): string {
  const hours = pl.hours ?? [];
  let now = hours[0]?.supportMinutesPerWeek ?? '0';
  for (const c of hours) if (c.effectiveDate && compareDates(c.effectiveDate, on) <= 0) now = c.supportMinutesPerWeek ?? '0';
  return now;
}

/** accommodation + round(hourly x minutes / 60), halves up, in whole pence. */
export function weeklyPence(accommodation: string | undefined, hourly: string | undefined, minutes: string | undefined): string {
  const support = BigInt(hourly ?? '0') * BigInt(minutes ?? '0');
  const rounded = (support * 2n + 60n) / 120n;
  return (BigInt(accommodation ?? '0') + rounded).toString();
}

export async function placementsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  const isProvider = org.startsWith('providers/');
  ctx.title('Placements');
  const placements = await api.listAll<Placement>(`${org}/placements`, 'placements', {}, 200);
  const rows = await Promise.all(
    placements.map(async (pl) => [
      isProvider ? `Placement ${idOf(pl.name)} (${await authorityShortName(pl.name.split('/').slice(0, 2).join('/'))})` : link(`/${pl.name}`, `Placement ${idOf(pl.name)}`),
      pl.caseReference ?? '',
      isProvider ? await settingName(pl.setting) : await providerName(pl.provider),
      ukDate(pl.startDate),
      `${hoursFromMinutes(currentMinutes(pl))} a week`,
      pl.endDate ? `${ukDate(pl.endDate)}` : '–',
      tag(pl.endDate ? 'ENDED' : 'LIVE', pl.endDate ? 'Ended' : 'Live'),
    ]),
  );
  ctx.main.append(
    heading('Placements', isProvider ? await providerName(org) : await authorityShortName(org)),
    table({
      caption: `${placements.length} ${placements.length === 1 ? 'placement' : 'placements'}, newest first`,
      id: 'placements',
      head: ['Placement', 'Case reference', isProvider ? 'Setting' : 'Provider', 'Started', 'Support now', 'Ended', 'Status'],
      rows,
      empty: 'No placements yet.',
    }),
  );
}

export async function placementPage(ctx: PageContext): Promise<void> {
  const name = `authorities/${ctx.params.authority}/placements/${ctx.params.number}`;
  const pl = await api.get<Placement>(name);
  ctx.title(`Placement ${ctx.params.number}`);
  const main = ctx.main;
  const ended = !!pl.endDate;
  main.append(heading(`Placement ${idOf(pl.name)}`, `${await authorityShortName(`authorities/${ctx.params.authority}`)} · ${pl.caseReference ?? ''}`));
  main.append(
    summaryList([
      ['Status', tag(ended ? 'ENDED' : 'LIVE', ended ? 'Ended' : 'Live')],
      ['Provider', await providerName(pl.provider)],
      ['Setting', await settingName(pl.setting)],
      ['Started', ukDate(pl.startDate)],
      ended ? ['Ended', `${ukDate(pl.endDate)} (${label(END_REASONS, pl.endReason)})`] : null,
      ['Accommodation', `${money(pl.accommodationWeeklyPence)} a week`],
      ['Support', `${money(pl.supportHourlyPence)} an hour`],
      ['Support now', `${hoursFromMinutes(currentMinutes(pl))} a week`],
      ['Distance from home', miles(pl.distanceMiles)],
      pl.blockContract ? ['Block contract', pl.blockContract] : null,
      ['Referral', pl.referral ? link(`/${pl.referral}`, `Referral ${idOf(pl.referral)}`) : '–'],
      ['Why this offer', orDash(pl.awardReason)],
    ]),
  );

  main.append(
    table({
      caption: 'Support hours',
      captionSize: 'm',
      id: 'hours-history',
      head: ['From', 'Support a week', 'Minutes a week', 'Weekly cost', 'Recorded'],
      numeric: [2, 3],
      rows: (pl.hours ?? []).map((c) => [
        ukDate(c.effectiveDate),
        hoursFromMinutes(c.supportMinutesPerWeek),
        String(c.supportMinutesPerWeek ?? '0'),
        money(weeklyPence(pl.accommodationWeeklyPence, pl.supportHourlyPence, c.supportMinutesPerWeek)),
        ukTime(c.recordTime),
      ]),
    }),
  );

  if (!ended) main.append(hoursForm(ctx, name, pl));
  main.append(await costSection(ctx, name, pl));
  if (!ended) main.append(endForm(ctx, name, pl));
}

function hoursForm(ctx: PageContext, name: string, pl: Placement): HTMLElement {
  const form = new Form(
    { 'change.effective_date': 'hours-from', 'change.support_minutes_per_week': 'hours-new', change: 'hours-new' },
    { id: 'hours-form', 'aria-label': 'Change support hours' },
  );
  const action = new Action();
  form.append(
    dateInput({ id: 'hours-from', legend: 'From', hint: `Not before the start (${ukDate(pl.startDate)}). A second change on the same day replaces the first.` }),
    input({ id: 'hours-new', label: 'Support a week', hint: 'Hours, for example 6 or 7.5 (0 to 168).', width: '4', suffix: 'hours a week', inputmode: 'decimal' }),
    button('Change support hours', { id: 'change-hours' }),
  );
  form.onSubmit(async () => {
    const from = form.date('hours-from', 'the date the new hours start', true);
    if (from && pl.startDate && compareDates(from, pl.startDate) < 0) form.error('hours-from', `The new hours cannot start before the placement (${ukDate(pl.startDate)})`);
    const text = form.value('hours-new');
    const minutes = parseHoursToMinutes(text);
    if (!text) form.error('hours-new', 'Enter the support a week, in hours');
    else if (minutes === null || minutes > 10080) form.error('hours-new', 'Support must be a number of hours from 0 to 168');
    if (form.hasErrors()) return;
    await api.post(`${name}:adjustSupportHours`, { change: { effectiveDate: from, supportMinutesPerWeek: String(minutes) } }, action);
    flash(`Support changes to ${hoursFromMinutes(minutes!)} a week from ${ukDate(from)}.`);
    ctx.rerender();
  });
  return h('div', {}, h2('Change the support hours'), form.el);
}

async function costSection(ctx: PageContext, name: string, pl: Placement): Promise<HTMLElement> {
  const start = pl.startDate ?? todayInLondon();
  const first = dateParam(ctx.query, 'from', start);
  const last = dateParam(ctx.query, 'to', addDays(addMonths(start, 3), -1));
  const form = new Form({ first_day: 'cost-from', last_day: 'cost-to' }, { id: 'cost-form', 'aria-label': 'Cost over a period' });
  form.append(
    dateInput({ id: 'cost-from', legend: 'First day', value: first }),
    dateInput({ id: 'cost-to', legend: 'Last day', hint: 'Inclusive; at most 3 years after the first.', value: last }),
    button('Work out the cost', { secondary: true, id: 'work-out-cost' }),
  );
  form.onSubmit(() => {
    const a = form.date('cost-from', 'the first day', true);
    const b = form.date('cost-to', 'the last day', true);
    if (a && b && compareDates(a, b) > 0) form.error('cost-to', 'The last day must not be before the first');
    if (form.hasErrors()) return;
    navigate(`${location.pathname}?${queryString({ from: a, to: b })}#cost`, true);
  });
  const section = h('div', { id: 'cost' }, h2('Cost over a period'), form.el);
  if (ctx.query.has('from') || ctx.query.has('to')) {
    try {
      const cost = await api.get<PlacementCost>(`${name}/cost`, { first_day: isoDate(first), last_day: isoDate(last) });
      section.append(
        table({
          caption: `Cost from ${ukDate(first)} to ${ukDate(last)}`,
          id: 'cost-table',
          head: ['From', 'To', 'Days', 'Support a week', 'Weekly cost', 'Cost'],
          numeric: [2, 4, 5],
          rows: [
            ...(cost.segments ?? []).map((s) => [
              ukDate(s.firstDay),
              ukDate(s.lastDay),
              String(s.days ?? 0),
              hoursFromMinutes(s.supportMinutesPerWeek),
              money(s.weeklyPence),
              money(s.costPence),
            ]),
            [h('strong', {}, 'Total'), '', String((cost.segments ?? []).reduce((a, s) => a + (s.days ?? 0), 0)), '', '', h('strong', { id: 'cost-total' }, money(cost.totalPence))],
          ],
        }),
        details(
          'How the cost is worked out',
          p('Each day costs the agreed weekly amount (accommodation, plus the support hours in force that day at the agreed hourly rate) divided by 7. Consecutive days at the same hours are costed together and rounded to the penny, halves up. Days outside the placement cost nothing.'),
        ),
      );
    } catch (e) {
      form.apiError(e);
    }
  }
  return section;
}

function endForm(ctx: PageContext, name: string, pl: Placement): HTMLElement {
  const form = new Form({ end_date: 'end-date', reason: 'end-reason', note: 'end-note' }, { id: 'end-form', 'aria-label': 'End the placement' });
  const action = new Action();
  form.append(
    dateInput({ id: 'end-date', legend: 'Last day', hint: 'Not before the start nor before the last change of hours. The place is free from the next day.' }),
    radios({ id: 'end-reason', legend: 'Why it ends', items: END_REASONS.map(([value, text]) => ({ value, label: text })), small: true }),
    textarea({ id: 'end-note', label: 'Note (optional)', hint: 'Up to 1,000 characters.', rows: 2 }),
    button('End placement', { warning: true }),
  );
  form.onSubmit(async () => {
    const end = form.date('end-date', 'the last day', true);
    const lastChange = (pl.hours ?? []).map((c) => c.effectiveDate!).filter(Boolean).sort(compareDates).pop();
    if (end && lastChange && compareDates(end, lastChange) < 0) form.error('end-date', `The last day cannot be before the last change of hours (${ukDate(lastChange)})`);
    const reason = form.radio('end-reason');
    if (!reason) form.error('end-reason', 'Choose why the placement ends');
    const note = form.value('end-note');
    if (note.length > 1000) form.error('end-note', 'The note must be 1,000 characters or fewer');
    if (form.hasErrors()) return;
    await api.post(`${name}:end`, { endDate: end, reason, note }, action);
    flash(`The placement ends on ${ukDate(end)}.`);
    ctx.rerender();
  });
  return details('End this placement', form.el);
}
