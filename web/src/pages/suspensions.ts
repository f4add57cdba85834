// Admitted providers on a framework (the lead), suspending one framework-wide
// with an action plan, accepting the provider's evidence, reinstating and
// removing; the provider's own suspensions with their action plans.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { authorityShortName, providerName } from '../lib/directory';
import { type DateValue, addDays, compareDates, idOf, todayInLondon, ukDate, ukTime } from '../lib/format';
import { Form } from '../lib/forms';
import { button, dateInput, details, h2, heading, link, p, summaryList, table, tag, textarea, warning } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { Accreditation, Suspension } from '../lib/types';
import { twoThirds } from './common';

export async function frameworkProvidersPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}`;
  ctx.title('Providers');
  const [accreditations, suspensions] = await Promise.all([
    api.listAll<Accreditation>('accreditations', 'accreditations', { framework: name }),
    api.listAll<Suspension>('suspensions', 'suspensions', { framework: name }, 200),
  ]);
  const byProvider = new Map<string, Accreditation[]>();
  for (const a of accreditations) byProvider.set(a.provider, [...(byProvider.get(a.provider) ?? []), a]);
  const rows = await Promise.all(
    [...byProvider.entries()].map(async ([provider, accs]) => {
      const usable = accs.some((a) => a.status !== 'REMOVED');
      return [
        await providerName(provider),
        accs.map((a) => `${a.lotId} (${a.status?.toLowerCase()})`).join(', '),
        (Math.max(...accs.map((a) => a.qualityScore ?? 0))).toFixed(1),
        [...new Set(accs.flatMap((a) => a.suspendedFor ?? []))].map(idOf).join(', ') || '–',
        usable
          ? h(
              'span',
              {},
              link(`/${name}/${provider}/suspend`, h('span', {}, 'Suspend', h('span', { class: 'govuk-visually-hidden' }, ` ${idOf(provider)}`))),
              ' · ',
              link(`/${name}/${provider}/remove`, h('span', {}, 'Remove', h('span', { class: 'govuk-visually-hidden' }, ` ${idOf(provider)}`))),
            )
          : 'Removed',
      ];
    }),
  );
  const suspensionRows = await Promise.all(
    suspensions.map(async (s) => [
      link(`/${s.name}`, `Suspension ${idOf(s.name)}`),
      await providerName(s.provider),
      s.scope === 'FRAMEWORK_WIDE' ? 'Framework-wide' : `For ${await authorityShortName(s.authority)} only`,
      ukTime(s.suspendTime),
      `${(s.actionPlan ?? []).filter((i) => i.accepted).length} of ${(s.actionPlan ?? []).length} accepted`,
      tag(s.status === 'ACTIVE' ? 'SUSPENDED' : 'LIFTED', s.status === 'ACTIVE' ? 'In force' : 'Lifted'),
    ]),
  );
  ctx.main.append(
    heading('Providers', 'Admitted to the framework'),
    table({ caption: 'Accredited providers', captionSize: 'm', id: 'accredited', head: ['Provider', 'Lots', 'Quality score', 'Suspended for members', ''], numeric: [2], rows, empty: 'No provider is admitted yet.' }),
    table({ caption: 'Suspensions', captionSize: 'm', id: 'suspensions', head: ['Suspension', 'Provider', 'Scope', 'Suspended', 'Action plan', 'State'], rows: suspensionRows, empty: 'No suspensions.' }),
  );
}

export async function suspendPage(ctx: PageContext): Promise<void> {
  const framework = `frameworks/${ctx.params.framework}`;
  const provider = `providers/${ctx.params.provider}`;
  const who = await providerName(provider);
  ctx.title(`Suspend ${who}`);
  const rowsCount = 3;
  const map: Record<string, string> = { 'suspension.reason': 'reason', 'suspension.action_plan': 'item-1' };
  for (let i = 0; i < rowsCount; i += 1) {
    map[`suspension.action_plan[${i}]`] = `item-${i + 1}`;
    map[`suspension.action_plan[${i}].due_date`] = `due-${i + 1}`;
  }
  const form = new Form(map, { id: 'suspend-form', 'aria-label': 'Suspend' });
  const action = new Action();
  form.append(
    warning('A framework-wide suspension stops every member from inviting this provider. Its open invitations are withdrawn.'),
    textarea({ id: 'reason', label: 'Why', hint: '1 to 2,000 characters. The provider and every member see it.', rows: 3 }),
    h2('Action plan', 's'),
    p('What the provider must put right, each by a date. Leave a row blank to use fewer items.'),
  );
  for (let i = 1; i <= rowsCount; i += 1) {
    form.append(
      textarea({ id: `item-${i}`, label: `Item ${i}`, rows: 2 }),
      dateInput({ id: `due-${i}`, legend: `Item ${i} is due by`, value: i === 1 ? addDays(todayInLondon(), 28) : undefined }),
    );
  }
  form.append(button('Suspend framework-wide', { warning: true }));
  form.onSubmit(async () => {
    const reason = form.value('reason');
    if (!reason) form.error('reason', 'Say why the provider is suspended');
    const items: { description: string; dueDate?: DateValue }[] = [];
    for (let i = 1; i <= rowsCount; i += 1) {
      const description = form.value(`item-${i}`);
      const due = form.date(`due-${i}`, `the due date of item ${i}`, !!description);
      if (!description) continue;
      if (due && compareDates(due, todayInLondon()) < 0) form.error(`due-${i}`, 'The due date must be today or later');
      items.push({ description, dueDate: due });
    }
    if (!items.length) form.error('item-1', 'Give at least one action-plan item');
    if (form.hasErrors()) return;
    const s = await api.post<Suspension>(`${provider}:suspend`, { suspension: { provider, framework, scope: 'FRAMEWORK_WIDE', reason, actionPlan: items } }, action);
    flash(`${who} is suspended framework-wide.`);
    navigate(`/${s.name}`);
  });
  ctx.main.append(twoThirds(heading(`Suspend ${who}`, framework), form.el));
}

export async function removePage(ctx: PageContext): Promise<void> {
  const framework = `frameworks/${ctx.params.framework}`;
  const provider = `providers/${ctx.params.provider}`;
  const who = await providerName(provider);
  ctx.title(`Remove ${who}`);
  const form = new Form({ reason: 'reason' }, { id: 'remove-form', 'aria-label': 'Remove' });
  const action = new Action();
  form.append(
    warning('Removal ends every accreditation of this provider on the framework. It cannot be undone: the provider would have to apply again.'),
    textarea({ id: 'reason', label: 'Why', hint: '1 to 2,000 characters.', rows: 3 }),
    button('Remove from the framework', { warning: true }),
  );
  form.onSubmit(async () => {
    const reason = form.value('reason');
    if (!reason) form.error('reason', 'Say why the provider is removed');
    if (form.hasErrors()) return;
    await api.post(`${framework}/${provider}:remove`, { reason }, action);
    flash(`${who} is removed from the framework.`);
    navigate(`/${framework}/providers`);
  });
  ctx.main.append(twoThirds(heading(`Remove ${who}`, framework), form.el));
}

export async function suspensionPage(ctx: PageContext): Promise<void> {
  const name = `suspensions/${ctx.params.number}`;
  const s = await api.get<Suspension>(name);
  const me = ctx.session!;
  const isSuspender = me.organisation === s.authority && (me.roles.includes('LEAD_ADMIN') || (s.scope === 'MEMBER_ONLY' && me.roles.includes('COMMISSIONER')));
  const isProvider = me.organisation === s.provider && me.roles.includes('PROVIDER_USER');
  ctx.title(`Suspension ${ctx.params.number}`);
  const active = s.status === 'ACTIVE';
  const main = ctx.main;
  main.append(
    heading(`Suspension ${idOf(s.name)}`, await providerName(s.provider)),
    summaryList([
      ['State', tag(active ? 'SUSPENDED' : 'LIFTED', active ? 'In force' : 'Lifted')],
      ['Framework', s.framework ?? ''],
      ['Scope', s.scope === 'FRAMEWORK_WIDE' ? 'Framework-wide (every member)' : `${await authorityShortName(s.authority)} only`],
      ['Suspended by', `${await authorityShortName(s.authority)} (${s.suspendedBy ?? ''}), ${ukTime(s.suspendTime)}`],
      ['Why', s.reason ?? ''],
      s.reinstateTime ? ['Reinstated', `${ukTime(s.reinstateTime)} by ${s.reinstatedBy ?? ''}`] : null,
    ]),
    h2('Action plan'),
  );
  for (const item of s.actionPlan ?? []) {
    const section = h(
      'div',
      { class: 'fhub-action-item', id: `item-${item.number}` },
      h('h3', { class: 'govuk-heading-s' }, `Item ${item.number}: due ${ukDate(item.dueDate)} `, tag(item.accepted ? 'ACCEPTED' : item.evidence ? 'SUBMITTED' : 'OPEN', item.accepted ? 'Accepted' : item.evidence ? 'Evidence sent' : 'Open')),
      p(item.description ?? ''),
      item.evidence ? summaryList([['Evidence', item.evidence], ['Sent', ukTime(item.evidenceTime)], ...(item.accepted ? ([['Accepted', `${ukTime(item.acceptTime)} by ${item.acceptedBy ?? ''}`]] as [string, string][]) : [])]) : p(h('em', {}, 'No evidence yet.')),
    );
    if (active && isProvider && !item.accepted) {
      const f = new Form({ evidence: `evidence-${item.number}` }, { 'aria-label': `Evidence for item ${item.number}` });
      const action = new Action();
      f.append(textarea({ id: `evidence-${item.number}`, label: `Your evidence for item ${item.number}`, hint: '1 to 10,000 characters; replaces what you sent before.', rows: 3 }), button('Send evidence', { secondary: true }));
      f.onSubmit(async () => {
        const evidence = f.value(`evidence-${item.number}`);
        if (!evidence) f.error(`evidence-${item.number}`, 'Enter your evidence');
        if (evidence.length > 10000) f.error(`evidence-${item.number}`, 'Evidence must be 10,000 characters or fewer');
        if (f.hasErrors()) return;
        await api.post(`${name}:submitActionEvidence`, { itemNumber: item.number, evidence }, action);
        flash(`Your evidence for item ${item.number} is sent.`);
        ctx.rerender();
      });
      section.append(f.el);
    }
    if (active && isSuspender && item.evidence && !item.accepted) {
      const f = new Form({}, { 'aria-label': `Accept item ${item.number}` });
      const action = new Action();
      f.append(h('button', { class: 'govuk-button', type: 'submit', 'data-module': 'govuk-button' }, 'Accept evidence', h('span', { class: 'govuk-visually-hidden' }, ` for item ${item.number}`)));
      f.onSubmit(async () => {
        await api.post(`${name}:acceptActionItem`, { itemNumber: item.number }, action);
        flash(`Item ${item.number} is accepted.`);
        ctx.rerender();
      });
      section.append(f.el);
    }
    main.append(section);
  }
  if (active && isSuspender) {
    const all = (s.actionPlan ?? []).every((i) => i.accepted);
    const f = new Form({}, { id: 'reinstate-form', 'aria-label': 'Reinstate' });
    const action = new Action();
    f.append(all ? p('Every item is accepted: you can lift the suspension.') : p('Reinstatement needs every item accepted.'), button('Reinstate provider', { secondary: !all }));
    f.onSubmit(async () => {
      await api.post(`${name}:reinstate`, {}, action);
      flash(`${await providerName(s.provider)} is reinstated.`);
      ctx.rerender();
    });
    main.append(h2('Reinstate'), f.el);
  }
}

export async function providerSuspensionsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Action plans');
  const suspensions = await api.listAll<Suspension>('suspensions', 'suspensions', { provider: org }, 200);
  const rows = await Promise.all(
    suspensions.map(async (s) => [
      link(`/${s.name}`, `Suspension ${idOf(s.name)}`),
      s.framework ?? '',
      s.scope === 'FRAMEWORK_WIDE' ? 'Framework-wide' : `${await authorityShortName(s.authority)} only`,
      s.reason ?? '',
      `${(s.actionPlan ?? []).filter((i) => i.evidence).length} sent, ${(s.actionPlan ?? []).filter((i) => i.accepted).length} accepted of ${(s.actionPlan ?? []).length}`,
      tag(s.status === 'ACTIVE' ? 'SUSPENDED' : 'LIFTED', s.status === 'ACTIVE' ? 'In force' : 'Lifted'),
    ]),
  );
  ctx.main.append(
    heading('Suspensions and action plans', await providerName(org)),
    table({ caption: 'Your suspensions, newest first', id: 'my-suspensions', head: ['Suspension', 'Framework', 'Scope', 'Why', 'Action plan', 'State'], rows, empty: 'You are not suspended anywhere.' }),
    details('What a suspension means', p('While suspended, the hub does not invite you for the suspending members’ referrals. Send evidence for each action-plan item; once every item is accepted, the suspender can reinstate you.')),
  );
}
