// Cost-share statements: the lead's contract-management cost for a period
// split among the members by the framework's method, in whole pence that
// add up exactly to the cost.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { authorityName } from '../lib/directory';
import { type DateValue, compareDates, humanise, idOf, money, parsePounds, todayInLondon, ukDate, ukTime } from '../lib/format';
import { Form, isWhole } from '../lib/forms';
import { button, dateInput, h2, heading, input, link, p, radios, select, summaryList, table, textarea } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { CostShareStatement, Framework, Membership } from '../lib/types';

function lastFinancialYear(today: DateValue): [DateValue, DateValue] {
  const endYear = today.month! >= 4 ? today.year! : today.year! - 1;
  return [{ year: endYear - 1, month: 4, day: 1 }, { year: endYear, month: 3, day: 31 }];
}

export async function statementsPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}`;
  const [f, res, members] = await Promise.all([
    api.get<Framework>(name),
    api.get<{ statements?: CostShareStatement[] }>(`${name}/costShareStatements`),
    api.listAll<Membership>(`${name}/members`, 'memberships'),
  ]);
  const statements = res.statements ?? [];
  const isLead = f.leadAuthority === ctx.session!.organisation && ctx.session!.roles.includes('LEAD_ADMIN');
  ctx.title('Cost sharing');
  const main = ctx.main;
  main.append(
    heading('Cost sharing', f.title),
    p(`The lead authority’s contract-management cost is shared ${f.costSharingMethod === 'PRO_RATA_PLACEMENTS' ? 'in proportion to the placements each member started in the period' : humanise(f.costSharingMethod).toLowerCase()}. A statement never changes; a correction is a new statement.`),
    table({
      caption: 'Statements, newest first',
      captionSize: 'm',
      id: 'statements',
      head: ['Statement', 'Period', 'Cost', 'Method applied', 'Issued'],
      numeric: [2],
      rows: statements.map((s) => [
        link(`/${s.name}`, `Statement ${idOf(s.name)}`),
        `${ukDate(s.periodStartDate)} to ${ukDate(s.periodEndDate)}`,
        money(s.costPence),
        humanise(s.appliedMethod),
        ukTime(s.issueTime),
      ]),
      empty: 'No statements yet.',
    }),
  );
  if (!isLead) return;
  const [from, to] = lastFinancialYear(todayInLondon());
  const map: Record<string, string> = {
    period_start_date: 'from',
    period_end_date: 'to',
    cost_pence: 'cost',
    placement_counts: 'counts',
    corrects: 'corrects',
    note: 'note',
  };
  const form = new Form(map, { id: 'statement-form', 'aria-label': 'Issue a statement' });
  const action = new Action();
  const countInputs = members.map((m) => input({ id: `count-${idOf(m.authority)}`, label: idOf(m.authority), width: '3', inputmode: 'numeric', value: '0' }));
  form.append(
    dateInput({ id: 'from', legend: 'First day of the period', value: from }),
    dateInput({ id: 'to', legend: 'Last day of the period', value: to }),
    input({ id: 'cost', label: 'The cost to share', prefix: '£', width: '10', inputmode: 'decimal' }),
    f.costSharingMethod === 'PRO_RATA_PLACEMENTS'
      ? radios({
          id: 'counts',
          legend: 'Placements each member started',
          items: [
            { value: 'hub', label: 'Count them from the hub’s placements', hint: 'The referrals service counts the placements started in the period.' },
            { value: 'mine', label: 'I will give them', conditional: h('div', {}, ...countInputs) },
          ],
          value: 'hub',
        })
      : null,
    statements.length ? select({ id: 'corrects', label: 'Corrects (optional)', options: [['', 'Nothing: a new statement'], ...statements.map((s): [string, string] => [s.name, `Statement ${idOf(s.name)}`])] }) : null,
    textarea({ id: 'note', label: 'Note (optional)', hint: 'Up to 1,000 characters.', rows: 2 }),
    button('Issue statement', { id: 'issue-statement' }),
  );
  form.onSubmit(async () => {
    const a = form.date('from', 'the first day', true);
    const b = form.date('to', 'the last day', true);
    if (a && b && compareDates(a, b) > 0) form.error('to', 'The last day must not be before the first');
    const cost = parsePounds(form.value('cost'));
    if (cost === null) form.error('cost', 'Enter the cost in pounds, for example 12,500.00');
    const placementCounts: { authority: string; placements: number }[] = [];
    if (form.radio('counts') === 'mine') {
      for (const m of members) {
        const v = form.value(`count-${idOf(m.authority)}`) || '0';
        if (!isWhole(v, 0, 1_000_000)) form.error('counts', `Placements for ${idOf(m.authority)} must be a whole number`);
        else placementCounts.push({ authority: m.authority, placements: Number(v) });
      }
    }
    if (form.hasErrors()) return;
    const s = await api.post<CostShareStatement>(
      `${name}/costShareStatements`,
      { periodStartDate: a, periodEndDate: b, costPence: cost, placementCounts, corrects: form.value('corrects'), note: form.value('note') },
      action,
    );
    flash(`Statement ${idOf(s.name)} is issued.`);
    navigate(`/${s.name}`);
  });
  main.append(h2('Issue a statement'), form.el);
}

export async function statementPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}/costShareStatements/${ctx.params.number}`;
  const s = await api.get<CostShareStatement>(name);
  ctx.title(`Cost-share statement ${ctx.params.number}`);
  const rows = await Promise.all(
    (s.shares ?? []).map(async (x) => [
      await authorityName(x.authority),
      s.appliedMethod === 'FIXED_FEES' ? money(x.basis) : s.appliedMethod === 'EQUAL_SHARES' ? 'Equal share' : `${x.basis ?? 0} placements`,
      money(x.amountPence),
    ]),
  );
  const total = (s.shares ?? []).reduce((a, x) => a + BigInt(x.amountPence ?? '0'), 0n);
  ctx.main.append(
    heading(`Cost-share statement ${idOf(s.name)}`, `${ukDate(s.periodStartDate)} to ${ukDate(s.periodEndDate)}`),
    summaryList([
      ['Cost shared', money(s.costPence)],
      ['Method', humanise(s.method)],
      ['Method applied', `${humanise(s.appliedMethod)}${s.appliedMethod !== s.method ? ' (no placements started in the period, so shared equally)' : ''}`],
      ['Placements counted by', s.placementCountSource === 'REFERRALS_SERVICE' ? 'The hub’s placements' : s.placementCountSource === 'SUPPLIED_BY_LEAD' ? 'The lead authority' : 'Not used'],
      s.corrects ? ['Corrects', link(`/${s.corrects}`, `Statement ${idOf(s.corrects)}`)] : null,
      s.note ? ['Note', s.note] : null,
      ['Issued', ukTime(s.issueTime)],
    ]),
    table({
      caption: 'Shares',
      captionSize: 'm',
      id: 'shares',
      head: ['Member', 'Basis', 'Share'],
      numeric: [2],
      rows: [...rows, [h('strong', {}, 'Total'), '', h('strong', { id: 'shares-total' }, money(total))]],
    }),
  );
}
