// Figures over a period with simple charts: placements within 20 miles,
// time from submission to award, and declines by reason; a member sees its
// own, the lead and the strategic leads the consortium's.

import * as api from '../lib/api';
import { barChart } from '../lib/charts';
import { h } from '../lib/dom';
import { authorityShortName, defaultFramework, framework as getFramework } from '../lib/directory';
import { type DateValue, addDays, addMonths, compareDates, isoDate, money, percent, todayInLondon, ukDate } from '../lib/format';
import { Form } from '../lib/forms';
import { button, dateInput, h2, heading, inset, p, table } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { Figures } from '../lib/types';
import { DECLINE_REASONS, label } from '../lib/vocab';
import { dateParam, keyFigures, queryString } from './common';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar months a period touches, at most 12 (the latest). */
function months(first: DateValue, last: DateValue): [DateValue, DateValue][] {
  const out: [DateValue, DateValue][] = [];
  let start: DateValue = { year: first.year, month: first.month, day: 1 };
  while (compareDates(start, last) <= 0) {
    const end = addDays(addMonths(start, 1), -1);
    out.push([compareDates(start, first) < 0 ? first : start, compareDates(end, last) > 0 ? last : end]);
    start = addMonths(start, 1);
  }
  return out.slice(-12);
}

function hours(h_: number | undefined): string {
  const v = h_ ?? 0;
  if (v === 0) return '–';
  if (v < 1) return `${Math.max(1, Math.round(v * 60))} min`;
  return `${v.toFixed(1)} h`;
}

export async function figuresPage(ctx: PageContext): Promise<void> {
  const s = ctx.session!;
  const consortium = !s.roles.includes('COMMISSIONER') || !!ctx.params.framework;
  const fwName = ctx.params.framework ? `frameworks/${ctx.params.framework}` : (await defaultFramework())?.name;
  if (!fwName) {
    ctx.main.append(heading('Figures'), p('No framework to show figures for.'));
    return;
  }
  const fw = await getFramework(fwName);
  const today = todayInLondon();
  const first = dateParam(ctx.query, 'from', { year: addMonths(today, -5).year, month: addMonths(today, -5).month, day: 1 });
  const last = dateParam(ctx.query, 'to', addDays(addMonths({ year: today.year, month: today.month, day: 1 }, 1), -1));
  const authority = consortium ? '' : s.organisation;
  const who = consortium ? 'The consortium' : await authorityShortName(s.organisation);
  ctx.title(`Figures: ${who}`);
  const ask = (a: DateValue, b: DateValue) => api.get<Figures>(`${fwName}/figures`, { authority, first_day: isoDate(a), last_day: isoDate(b) });
  const periods = months(first, last);
  const [whole, ...monthly] = await Promise.all([ask(first, last), ...periods.map(([a, b]) => ask(a, b))]);

  const form = new Form({ first_day: 'from', last_day: 'to' }, { id: 'period-form', 'aria-label': 'Period' });
  form.append(
    h('div', { class: 'fhub-inline-dates' }, dateInput({ id: 'from', legend: 'From', value: first }), dateInput({ id: 'to', legend: 'To', value: last })),
    button('Show figures', { secondary: true }),
  );
  form.onSubmit(() => {
    const a = form.date('from', 'the first day', true);
    const b = form.date('to', 'the last day', true);
    if (a && b && compareDates(a, b) > 0) form.error('to', 'The last day must not be before the first');
    if (form.hasErrors()) return;
    navigate(`${location.pathname}?${queryString({ from: a, to: b })}`);
  });

  const main = ctx.main;
  main.append(
    heading(`Figures: ${who}`, fw.title),
    p(`From ${ukDate(first)} to ${ukDate(last)}. Referrals, offers, declines and awards count the referrals submitted in the period; placements count those that started or ended in it.`),
    form.el,
    keyFigures(
      [
        [String(whole.referrals ?? 0), 'referrals submitted'],
        [String(whole.offers ?? 0), `offers (${(whole.offersPerReferral ?? 0).toFixed(1)} a referral)`],
        [String(whole.awarded ?? 0), 'awarded'],
        [percent(whole.shareWithin20Miles), 'placed within 20 miles'],
        [hours(whole.meanHoursToAward), 'mean time to award'],
        [money(whole.meanWeeklyPence), 'mean weekly cost at start'],
      ],
      'key-figures',
    ),
  );

  const label_ = ([a]: [DateValue, DateValue]) => `${MONTHS[a.month! - 1]} ${a.year}`;
  main.append(
    h2('Placements within 20 miles of home'),
    barChart({
      id: 'chart-within-20',
      title: 'Share of the placements started each month that are within 20 miles',
      bars: periods.map((m, i) => ({
        label: label_(m),
        value: (monthly[i].shareWithin20Miles ?? 0) * 100,
        text: monthly[i].placementsStarted ? `${percent(monthly[i].shareWithin20Miles)} of ${monthly[i].placementsStarted}` : 'none started',
      })),
      max: 100,
    }),
    h2('Time from submission to award'),
    barChart({
      id: 'chart-time-to-award',
      title: 'Mean hours from submitting a referral to the award, by month of submission',
      bars: periods.map((m, i) => ({ label: label_(m), value: monthly[i].meanHoursToAward ?? 0, text: monthly[i].awarded ? `${hours(monthly[i].meanHoursToAward)} (${monthly[i].awarded} awarded)` : 'none awarded' })),
    }),
    h2('Declines by reason'),
    (whole.declines ?? []).length
      ? barChart({
          id: 'chart-declines',
          title: `Declines by reason, ${ukDate(first)} to ${ukDate(last)}`,
          bars: DECLINE_REASONS.map(([reason, text]) => {
            const n = whole.declines?.find((d) => d.reason === reason)?.count ?? 0;
            return { label: text, value: n, text: String(n) };
          }),
        })
      : inset('No declines in this period.'),
    table({
      caption: 'The figures by month',
      id: 'figures-by-month',
      head: ['Month', 'Referrals', 'Invitations', 'Offers', 'Declines', 'Awarded', 'Started', 'Ended', 'Within 20 miles', 'Mean time to award'],
      numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      rows: periods.map((m, i) => {
        const f = monthly[i];
        return [
          label_(m),
          String(f.referrals ?? 0),
          String(f.invitations ?? 0),
          String(f.offers ?? 0),
          String((f.declines ?? []).reduce((a, d) => a + (d.count ?? 0), 0)),
          String(f.awarded ?? 0),
          String(f.placementsStarted ?? 0),
          String(f.placementsEnded ?? 0),
          f.placementsStarted ? percent(f.shareWithin20Miles) : '–',
          hours(f.meanHoursToAward),
        ];
      }),
      small: true,
    }),
  );
  if (whole.declines?.length) {
    main.append(
      table({
        caption: 'Declines by reason',
        head: ['Reason', 'Declines'],
        numeric: [1],
        rows: (whole.declines ?? []).map((d) => [label(DECLINE_REASONS, d.reason), String(d.count ?? 0)]),
      }),
    );
  }
  if (consortium && s.roles.includes('LEAD_ADMIN') && fw.leadAuthority === s.organisation) {
    const counts = await api
      .get<{ members?: { authority: string; placements?: number }[] }>(`${fwName}/placementCounts`, { first_day: isoDate(first), last_day: isoDate(last) })
      .catch(() => ({ members: [] }));
    const bars = await Promise.all((counts.members ?? []).map(async (m) => ({ label: await authorityShortName(m.authority), value: m.placements ?? 0, text: String(m.placements ?? 0) })));
    main.append(
      h2('Placements started by member'),
      bars.length ? barChart({ id: 'chart-members', title: 'Placements started by each member in the period', bars }) : inset('No placements started in this period.'),
    );
  }
}
