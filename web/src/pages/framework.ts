// The lead authority's framework overview: its term (current and maximum
// end), lots, members with their strategic leads, the admission windows;
// adding and ceasing members; opening and closing ad-hoc admission rounds.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { authorityName, loadAuthorities, resetDirectory } from '../lib/directory';
import { type DateValue, addDays, humanise, idOf, londonToInstant, todayInLondon, ukDate, ukTime } from '../lib/format';
import { Form } from '../lib/forms';
import { button, checkboxes, dateInput, details, h2, heading, input, link, p, select, summaryList, table, tag, textarea } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { AdmissionStatus, AdmissionWindow, Framework, Membership } from '../lib/types';
import { dateTimeInput, readTime, twoThirds } from './common';

function termRows(f: Framework): [string, string][] {
  const t = f.term ?? {};
  const options = (t.extensionOptions ?? []).map((o) => `+${o.months} months`).join(', ') || 'None';
  return [
    ['Started', ukDate(t.startDate)],
    ['Initial term ends', ukDate(t.initialEndDate)],
    ['Current end', ukDate(t.currentEndDate)],
    ['Maximum end', ukDate(t.maximumEndDate)],
    ['Extension options', `${options} (${t.extensionsTaken ?? 0} taken)`],
  ];
}

function windowText(w: AdmissionWindow | undefined): string {
  if (!w) return '';
  return `${ukTime(w.openTime)} to ${ukTime(w.closeTime)}${w.admissionRound ? ` (ad-hoc round ${idOf(w.admissionRound)})` : ''}`;
}

export async function frameworkPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}`;
  const [f, members] = await Promise.all([
    api.get<Framework>(name),
    api.listAll<Membership>(`${name}/members`, 'memberships', { include_ceased: true }),
  ]);
  const isLead = f.leadAuthority === ctx.session!.organisation && ctx.session!.roles.includes('LEAD_ADMIN');
  ctx.title(f.title ?? name);
  const statuses = await Promise.all(
    (f.lots ?? []).map((l) => api.get<AdmissionStatus>(`${name}/lots/${l.lotId}/admissionStatus`).catch(() => ({}) as AdmissionStatus)),
  );
  const main = ctx.main;
  main.append(
    heading(f.title ?? name, `Led by ${await authorityName(f.leadAuthority)}`),
    summaryList([
      ['Status', tag(f.status)],
      ['Procurement route', humanise(f.procurementRoute)],
      ...termRows(f),
      ['Ages', `${f.ageRange?.minimumAge ?? 0} to ${f.ageRange?.maximumAge ?? 0}`],
      [
        'Admission',
        f.admissionPolicy?.kind === 'PERIODIC'
          ? `Windows of ${f.admissionPolicy.windowDays} days every ${f.admissionPolicy.intervalMonths} months, plus ad-hoc rounds`
          : 'Continuous',
      ],
      [
        'Extension ballots',
        `Quorum ${f.ballotRules?.quorumPercent ?? 0}% of the electorate; ${f.ballotRules?.unanimous ? 'unanimous approval' : `${f.ballotRules?.passThresholdPercent ?? 0}% of non-abstaining votes to pass`}`,
      ],
      ['Cost sharing', humanise(f.costSharingMethod)],
    ]),
  );

  main.append(
    table({
      caption: 'Lots and admission',
      captionSize: 'm',
      id: 'lots',
      head: ['Lot', 'Service', 'Ofsted registration', 'Admission now', 'Next admission window'],
      rows: (f.lots ?? []).map((l, i) => [
        l.title ?? l.lotId,
        humanise(l.serviceType),
        l.ofstedRegistrationRequired ? `Required${l.lowestOfstedGrade ? `, at least ${humanise(l.lowestOfstedGrade)}` : ''}` : 'Not required',
        statuses[i].open ? `Open until ${ukTime(statuses[i].currentWindow?.closeTime)}` : 'Closed',
        statuses[i].nextWindow ? windowText(statuses[i].nextWindow) : `None before the term ends (${ukDate(f.term?.currentEndDate)})`,
      ]),
    }),
  );
  if (isLead) main.append(p(link(`/${name}/admission`, 'Admission windows and rounds')));

  const rows = await Promise.all(
    members.map(async (m) => [
      await authorityName(m.authority),
      h('span', {}, m.strategicLead?.fullName ?? '', h('br'), h('span', { class: 'govuk-body-s' }, [m.strategicLead?.jobTitle, m.strategicLead?.email].filter(Boolean).join(', '))),
      ukDate(m.joinedDate),
      m.ceasedDate ? ukDate(m.ceasedDate) : '–',
      tag(m.state),
      isLead && m.state === 'MEMBERSHIP_ACTIVE' && !m.ceasedDate
        ? link(`/${m.name}/cease`, h('span', {}, 'Cease', h('span', { class: 'govuk-visually-hidden' }, ` ${idOf(m.authority)}’s membership`)))
        : '',
    ]),
  );
  main.append(
    table({
      caption: `Members (${members.filter((m) => m.state === 'MEMBERSHIP_ACTIVE').length} active)`,
      captionSize: 'm',
      id: 'members',
      head: ['Member', 'Strategic lead', 'Joined', 'Ceases', 'State', ...(isLead ? [''] : [])],
      rows,
      small: true,
    }),
  );
  if (isLead) main.append(await addMemberForm(ctx, name, members));
}

async function addMemberForm(ctx: PageContext, name: string, members: Membership[]): Promise<HTMLElement> {
  const all = await loadAuthorities();
  const active = new Set(members.filter((m) => m.state === 'MEMBERSHIP_ACTIVE').map((m) => m.authority));
  const candidates = [...all.values()].filter((a) => !active.has(a.name));
  const form = new Form(
    {
      authority: 'authority',
      'strategic_lead.full_name': 'lead-name',
      'strategic_lead.email': 'lead-email',
      'strategic_lead.job_title': 'lead-title',
      strategic_lead: 'lead-name',
      joined_date: 'joined',
    },
    { id: 'add-member-form', 'aria-label': 'Add a member' },
  );
  const action = new Action();
  form.append(
    select({ id: 'authority', label: 'Authority', options: [['', 'Choose an authority'], ...candidates.map((a): [string, string] => [a.name, a.displayName ?? a.name])] }),
    input({ id: 'lead-name', label: 'Strategic lead’s full name', width: 'one-half' }),
    input({ id: 'lead-email', label: 'Strategic lead’s work e-mail', type: 'email', width: 'one-half', spellcheck: false }),
    input({ id: 'lead-title', label: 'Job title (optional)', value: 'Director of Children’s Services', width: 'one-half' }),
    dateInput({ id: 'joined', legend: 'Joins on (optional)', hint: 'Leave blank for today.' }),
    button('Add member'),
  );
  form.onSubmit(async () => {
    const authority = form.value('authority');
    if (!authority) form.error('authority', 'Choose the authority to add');
    if (!form.value('lead-name')) form.error('lead-name', 'Enter the strategic lead’s name');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.value('lead-email'))) form.error('lead-email', 'Enter the strategic lead’s e-mail address, like name@council.gov.uk');
    const joined = form.date('joined', 'the joining date', false);
    if (form.hasErrors()) return;
    await api.post(
      `${name}/members`,
      { authority, strategicLead: { fullName: form.value('lead-name'), email: form.value('lead-email'), jobTitle: form.value('lead-title') }, ...(joined ? { joinedDate: joined } : {}) },
      action,
    );
    resetDirectory();
    flash(`${await authorityName(authority)} is a member.`);
    ctx.rerender();
  });
  return details('Add a member', form.el);
}

export async function ceaseMemberPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}/members/${ctx.params.authority}`;
  const who = await authorityName(`authorities/${ctx.params.authority}`);
  ctx.title(`Cease ${who}’s membership`);
  const form = new Form({ ceased_date: 'ceased', reason: 'reason' }, { id: 'cease-form', 'aria-label': 'Cease the membership' });
  const action = new Action();
  form.append(
    dateInput({ id: 'ceased', legend: 'No longer uses the framework from', hint: 'Leave blank for today. Not before it joined.', value: todayInLondon() }),
    textarea({ id: 'reason', label: 'Why (optional)', hint: 'Up to 1,000 characters.', rows: 3 }),
    button('Cease membership', { warning: true }),
  );
  form.onSubmit(async () => {
    const date = form.date('ceased', 'the date', false);
    if (form.value('reason').length > 1000) form.error('reason', 'The reason must be 1,000 characters or fewer');
    if (form.hasErrors()) return;
    await api.post(`${name}:cease`, { ...(date ? { ceasedDate: date } : {}), reason: form.value('reason') }, action);
    flash(`${who} ceases to use the framework from ${ukDate(date ?? todayInLondon())}. Its open referrals stop taking new invitations.`);
    navigate(`/frameworks/${ctx.params.framework}`);
  });
  ctx.main.append(twoThirds(heading(`Cease ${who}’s membership`), form.el));
}

export async function admissionPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}`;
  const f = await api.get<Framework>(name);
  const year = Number(ctx.query.get('year') ?? todayInLondon().year);
  const res = await api.get<{ windows?: AdmissionWindow[] }>(`${name}/admissionWindows`, { year });
  ctx.title('Admission windows and rounds');
  const now = Date.now();
  const rows = (res.windows ?? []).map((w) => {
    const open = Date.parse(w.openTime ?? '') <= now && now < Date.parse(w.closeTime ?? '');
    let action: HTMLElement | string = '';
    if (w.admissionRound && Date.parse(w.closeTime ?? '') > now) {
      const form = new Form({}, { 'aria-label': `Close round ${idOf(w.admissionRound)}` });
      const a = new Action();
      form.append(h('button', { class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0', type: 'submit', 'data-module': 'govuk-button' }, 'Close now', h('span', { class: 'govuk-visually-hidden' }, ` round ${idOf(w.admissionRound)}`)));
      form.onSubmit(async () => {
        await api.post(`${w.admissionRound}:close`, {}, a);
        flash(`Round ${idOf(w.admissionRound!)} is closed.`);
        ctx.rerender();
      });
      action = form.el;
    }
    return [
      w.admissionRound ? `Ad-hoc round ${idOf(w.admissionRound)}` : 'Scheduled window',
      (w.lotIds ?? []).join(', ') || 'Every lot',
      ukTime(w.openTime),
      ukTime(w.closeTime),
      open ? tag('OPEN') : Date.parse(w.closeTime ?? '') <= now ? tag('CLOSED') : 'Not yet open',
      action,
    ];
  });
  const form = new Form({ lot_ids: 'round-lots', open_time: 'round-open', close_time: 'round-close' }, { id: 'round-form', 'aria-label': 'Open an admission round' });
  const action = new Action();
  form.append(
    checkboxes({ id: 'round-lots', legend: 'Lots', hint: 'Leave all unticked for every lot.', items: (f.lots ?? []).map((l) => ({ value: l.lotId, label: l.title ?? l.lotId })), small: true }),
    ...dateTimeInput('round-open', 'Opens (optional)', 'Leave the date blank to open now.', undefined, '09:00'),
    ...dateTimeInput('round-close', 'Closes', 'After it opens.', addDays(todayInLondon(), 28) as DateValue, '17:00'),
    button('Open admission round'),
  );
  form.onSubmit(async () => {
    const openDate = form.date('round-open', 'the opening date', false);
    let openTime: string | undefined;
    if (openDate) {
      const t = readTime(form, 'round-open-time');
      if (t) openTime = londonToInstant(openDate, t[0], t[1]);
    }
    const closeDate = form.date('round-close', 'the closing date', true);
    let closeTime: string | undefined;
    if (closeDate) {
      const t = readTime(form, 'round-close-time');
      if (t) closeTime = londonToInstant(closeDate, t[0], t[1]);
    }
    if (closeTime && Date.parse(closeTime) <= Math.max(Date.now(), openTime ? Date.parse(openTime) : 0)) form.error('round-close', 'The round must close after it opens');
    if (form.hasErrors()) return;
    await api.post(`${name}/admissionRounds`, { lotIds: form.checked('round-lots'), ...(openTime ? { openTime } : {}), closeTime }, action);
    flash('The admission round is open: providers may apply until it closes.');
    ctx.rerender();
  });
  ctx.main.append(
    heading('Admission windows and rounds', f.title),
    table({ caption: `Windows in ${year}`, id: 'windows', head: ['Window', 'Lots', 'Opens', 'Closes', 'Now', ''], rows, empty: `No windows in ${year}.` }),
    p(link(`/${name}/admission?year=${year + 1}`, `Windows in ${year + 1}`)),
    h2('Open an ad-hoc round'),
    form.el,
  );
}
