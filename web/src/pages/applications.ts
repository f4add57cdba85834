// Applications to join a framework: the lead's queue with evaluations and
// moderated scores, admitting or rejecting with feedback; the evaluator's
// list and scoring against the questionnaire; the provider's own
// applications, a new application and its submission.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { defaultFramework, loadFrameworks, providerName } from '../lib/directory';
import { idOf, ukTime } from '../lib/format';
import { Form } from '../lib/forms';
import { button, buttonLink, details, h2, heading, input, inset, link, p, radios, summaryList, table, tag, textarea, warning } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { Accreditation, Application, Questionnaire } from '../lib/types';
import { orDash, twoThirds } from './common';

const LIVE = ['SUBMITTED', 'UNDER_EVALUATION'];

async function detailed(apps: Application[]): Promise<Application[]> {
  // The list leaves out the evaluations and the moderated result: read each live one.
  return Promise.all(apps.map((a) => (LIVE.includes(a.status ?? '') ? api.get<Application>(a.name).catch(() => a) : Promise.resolve(a))));
}

function moderated(a: Application): string {
  const m = a.moderatedResult;
  if (!m?.evaluationCount) return `${a.evaluationCount ?? 0} evaluations`;
  return `${(m.total ?? 0).toFixed(1)} of 100 (${m.passed ? 'passes' : 'does not pass'}; pass mark ${m.passMark ?? 0})`;
}

export async function leadApplicationsPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}`;
  ctx.title('Applications');
  const apps = await detailed(await api.listAll<Application>('applications', 'applications', { framework: name }, 200));
  const row = async (a: Application) => [
    link(`/${a.name}`, `Application ${idOf(a.name)}`),
    await providerName(a.provider),
    (a.lotIds ?? []).join(', '),
    ukTime(a.submitTime),
    String(a.moderatedResult?.evaluationCount ?? a.evaluationCount ?? 0),
    moderated(a),
    tag(a.status),
  ];
  const live = apps.filter((a) => LIVE.includes(a.status ?? ''));
  const decided = apps.filter((a) => !LIVE.includes(a.status ?? ''));
  const head = ['Application', 'Provider', 'Lots', 'Submitted', 'Evaluations', 'Moderated score', 'Status'];
  ctx.main.append(
    heading('Applications', 'Admission on quality'),
    table({ caption: `To decide (${live.length})`, captionSize: 'm', id: 'applications-live', head, rows: await Promise.all(live.map(row)), numeric: [4], empty: 'No applications wait for a decision.' }),
    table({ caption: `Decided (${decided.length})`, captionSize: 'm', id: 'applications-decided', head, rows: await Promise.all(decided.map(row)), numeric: [4], empty: 'None yet.' }),
  );
}

export async function evaluatorApplicationsPage(ctx: PageContext): Promise<void> {
  ctx.title('Applications to score');
  const frameworks = await loadFrameworks();
  const main = ctx.main;
  main.append(heading('Applications to score'), p('Applications submitted to the frameworks your authority is a member of. Each needs the questionnaire’s number of evaluations before the lead authority decides.'));
  for (const f of frameworks) {
    const apps = await detailed(await api.listAll<Application>('applications', 'applications', { framework: f.name }, 200));
    const live = apps.filter((a) => LIVE.includes(a.status ?? ''));
    main.append(
      table({
        caption: f.title ?? f.name,
        captionSize: 'm',
        id: `to-score-${idOf(f.name)}`,
        head: ['Application', 'Provider', 'Lots', 'Submitted', 'Evaluations so far', 'Status'],
        numeric: [4],
        rows: await Promise.all(
          live.map(async (a) => [link(`/${a.name}`, `Application ${idOf(a.name)}`), await providerName(a.provider), (a.lotIds ?? []).join(', '), ukTime(a.submitTime), String(a.evaluationCount ?? a.moderatedResult?.evaluationCount ?? 0), tag(a.status)]),
        ),
        empty: 'Nothing to score.',
      }),
    );
  }
}

export async function providerApplicationsPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Applications');
  const [apps, accreditations] = await Promise.all([
    api.listAll<Application>('applications', 'applications', { provider: org }, 200),
    api.listAll<Accreditation>('accreditations', 'accreditations', { provider: org }).catch(() => [] as Accreditation[]),
  ]);
  ctx.main.append(
    heading('Applications', await providerName(org)),
    buttonLink('/applications/new', 'Apply to a framework'),
    table({
      caption: 'Your applications, newest first',
      id: 'my-applications',
      head: ['Application', 'Framework', 'Lots', 'Submitted', 'Status', 'Feedback'],
      rows: apps.map((a) => [link(`/${a.name}`, `Application ${idOf(a.name)}`), idOf(a.framework), (a.lotIds ?? []).join(', '), a.submitTime ? ukTime(a.submitTime) : 'Not yet', tag(a.status), orDash(a.feedback)]),
      empty: 'No applications yet.',
    }),
    table({
      caption: 'Where you are admitted',
      id: 'accreditations',
      head: ['Framework', 'Lot', 'Quality score', 'Status', 'Suspended for'],
      numeric: [2],
      rows: accreditations.map((a) => [idOf(a.framework), a.lotId ?? '', (a.qualityScore ?? 0).toFixed(1), tag(a.status), (a.suspendedFor ?? []).map(idOf).join(', ') || '–']),
      empty: 'Not admitted to any framework yet.',
    }),
  );
}

export async function newApplicationPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Apply to a framework');
  const fwParam = ctx.query.get('framework');
  const main = ctx.main;
  main.append(heading('Apply to a framework', await providerName(org)));
  if (!fwParam) {
    const pick = new Form({}, { id: 'framework-form', 'aria-label': 'Framework' });
    pick.append(
      input({ id: 'framework', label: 'Framework id', hint: 'As the lead authority published it, for example nw-16plus. (Providers cannot list the hub’s frameworks yet.)', width: '20', spellcheck: false }),
      button('Continue'),
    );
    pick.onSubmit(() => {
      const id = pick.value('framework').replace(/^frameworks\//, '');
      if (!/^[a-z][a-z0-9-]{1,62}$/.test(id)) {
        pick.error('framework', 'Enter the framework id: lowercase letters, digits and hyphens');
        return;
      }
      navigate(`/applications/new?framework=${encodeURIComponent(id)}`);
    });
    main.append(twoThirds(pick.el));
    return;
  }
  const framework = `frameworks/${fwParam}`;
  const q = await api.get<Questionnaire>(`${framework}/questionnaire`);
  const fields: Record<string, string> = { 'application.lot_ids': 'lots', 'application.framework': 'lots', 'application.answers': 'lots' };
  (q.criteria ?? []).forEach((c, i) => {
    fields[`application.answers[${i}]`] = `answer-${c.criterionId}`;
  });
  const form = new Form(fields, { id: 'application-form', 'aria-label': 'Application' });
  const action = new Action();
  form.append(
    input({ id: 'lots', label: 'Lots', hint: 'Lot ids of the framework, separated by commas, for example lot-1, lot-3', width: 'one-half', spellcheck: false }),
    ...(q.criteria ?? []).map((c) => textarea({ id: `answer-${c.criterionId}`, label: c.question ?? c.criterionId, hint: `Weight ${c.weight ?? 0}; a moderated score of at least ${c.minimumScore ?? 0} out of ${q.maxScore ?? 5} is needed. Up to 20,000 characters.`, rows: 5 })),
    button('Save and submit application'),
  );
  form.onSubmit(async () => {
    const lots = form.value('lots').split(',').map((x) => x.trim()).filter(Boolean);
    if (!lots.length) form.error('lots', 'Enter at least one lot id');
    const answers = (q.criteria ?? []).map((c) => ({ criterionId: c.criterionId, text: form.value(`answer-${c.criterionId}`) }));
    answers.forEach((a) => {
      if (!a.text) form.error(`answer-${a.criterionId}`, 'Answer this question');
      else if (a.text.length > 20000) form.error(`answer-${a.criterionId}`, 'An answer must be 20,000 characters or fewer');
    });
    if (form.hasErrors()) return;
    const created = await api.post<Application>('applications', { application: { provider: org, framework, lotIds: lots, answers } }, action);
    try {
      await api.post(`${created.name}:submit`, {}, new Action());
      flash(`Application ${idOf(created.name)} is submitted. Evaluators score it; the lead authority then decides.`);
    } catch (e) {
      flash(`Application ${idOf(created.name)} is saved as a draft but not submitted: ${api.describeError(e)}`, 'Important');
    }
    navigate(`/${created.name}`);
  });
  main.append(
    p(`Quality questionnaire of ${framework}: pass mark ${q.passMark ?? 0} out of 100, at least ${q.minimumEvaluations ?? 2} evaluations.`),
    twoThirds(form.el),
  );
}

export async function applicationPage(ctx: PageContext): Promise<void> {
  const name = `applications/${ctx.params.number}`;
  const a = await api.get<Application>(name);
  const q = await api.get<Questionnaire>(`${a.framework}/questionnaire`).catch(() => ({}) as Questionnaire);
  const s = ctx.session!;
  ctx.title(`Application ${ctx.params.number}`);
  const main = ctx.main;
  main.append(
    heading(`Application ${idOf(a.name)}`, await providerName(a.provider)),
    summaryList([
      ['Status', tag(a.status)],
      ['Framework', a.framework ?? ''],
      ['Lots', (a.lotIds ?? []).join(', ')],
      ['Submitted', a.submitTime ? ukTime(a.submitTime) : 'Not yet'],
      ['Evaluations', String(a.evaluationCount ?? a.moderatedResult?.evaluationCount ?? 0)],
      a.decideTime ? ['Decided', `${ukTime(a.decideTime)} by ${a.decidedBy ?? ''}`] : null,
      a.feedback ? ['Feedback', a.feedback] : null,
    ]),
  );
  const m = a.moderatedResult;
  if (m?.evaluationCount) {
    main.append(
      table({
        caption: `Moderated result: ${(m.total ?? 0).toFixed(1)} of 100 (pass mark ${m.passMark ?? 0}): ${m.passed ? 'passes' : 'does not pass'}`,
        captionSize: 'm',
        id: 'moderated',
        head: ['Criterion', 'Moderated score', 'Minimum', 'Meets it'],
        numeric: [1, 2],
        rows: (m.criteria ?? []).map((c) => [c.criterionId, (c.moderatedScore ?? 0).toFixed(2), String(c.minimumScore ?? 0), c.meetsMinimum ? 'Yes' : 'No']),
      }),
    );
  } else if (LIVE.includes(a.status ?? '')) {
    main.append(inset(`The moderated result appears once ${q.minimumEvaluations ?? 2} evaluators have scored it.`));
  }
  main.append(h2('Answers'));
  for (const c of q.criteria ?? []) {
    const answer = a.answers?.find((x) => x.criterionId === c.criterionId);
    main.append(h('h3', { class: 'govuk-heading-s' }, c.question ?? c.criterionId), p(orDash(answer?.text)));
  }

  if (s.roles.includes('EVALUATOR') && LIVE.includes(a.status ?? '')) main.append(scoreForm(ctx, a, q));
  if (s.roles.includes('LEAD_ADMIN') && LIVE.includes(a.status ?? '')) main.append(decideForms(ctx, a));
  if (s.roles.includes('PROVIDER_USER') && a.status === 'DRAFT') {
    const form = new Form({}, { id: 'submit-application', 'aria-label': 'Submit the application' });
    const action = new Action();
    form.append(button('Submit application'));
    form.onSubmit(async () => {
      await api.post(`${name}:submit`, {}, action);
      flash('Your application is submitted.');
      ctx.rerender();
    });
    main.append(form.el);
  }
}

function scoreForm(ctx: PageContext, a: Application, q: Questionnaire): HTMLElement {
  const max = q.maxScore ?? 5;
  const map: Record<string, string> = { 'evaluation.scores': `score-${q.criteria?.[0]?.criterionId ?? ''}` };
  (q.criteria ?? []).forEach((c, i) => {
    map[`evaluation.scores[${i}]`] = `score-${c.criterionId}`;
    map[`evaluation.scores[${i}].comment`] = `comment-${c.criterionId}`;
  });
  const form = new Form(map, { id: 'score-form', 'aria-label': 'Your scores' });
  const action = new Action();
  for (const c of q.criteria ?? []) {
    form.append(
      radios({
        id: `score-${c.criterionId}`,
        legend: `${c.question ?? c.criterionId}`,
        hint: `Score 0 to ${max}. The minimum moderated score is ${c.minimumScore ?? 0}; weight ${c.weight ?? 0}.`,
        items: Array.from({ length: max + 1 }, (_, i) => ({ value: String(i), label: String(i) })),
        inline: true,
      }),
      textarea({ id: `comment-${c.criterionId}`, label: `Comment on ${c.criterionId} (optional)`, rows: 2 }),
    );
  }
  form.append(button('Submit scores'));
  form.onSubmit(async () => {
    const scores = (q.criteria ?? []).map((c) => {
      const v = form.radio(`score-${c.criterionId}`);
      if (!v) form.error(`score-${c.criterionId}`, `Score “${c.criterionId}” from 0 to ${max}`);
      const comment = form.value(`comment-${c.criterionId}`);
      if (comment.length > 4000) form.error(`comment-${c.criterionId}`, 'A comment must be 4,000 characters or fewer');
      return { criterionId: c.criterionId, score: Number(v), comment };
    });
    if (form.hasErrors()) return;
    try {
      await api.post(`${a.name}/evaluations`, { evaluation: { application: a.name, scores } }, action);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 409) {
        form.error(undefined, 'You have already scored this application: each evaluator scores it once.');
        return;
      }
      throw e;
    }
    flash('Your scores are recorded.');
    ctx.rerender();
  });
  return h('div', {}, h2('Your scores'), form.el);
}

function decideForms(ctx: PageContext, a: Application): HTMLElement {
  const admit = new Form({ feedback: 'admit-feedback' }, { id: 'admit-form', 'aria-label': 'Admit' });
  const admitAction = new Action();
  admit.append(textarea({ id: 'admit-feedback', label: 'Note to the provider (optional)', hint: 'Up to 4,000 characters.', rows: 2 }), button('Admit provider'));
  admit.onSubmit(async () => {
    await api.post(`${a.name}:admit`, { feedback: admit.value('admit-feedback') }, admitAction);
    flash(`${await providerName(a.provider)} is admitted to ${(a.lotIds ?? []).join(', ')}.`);
    ctx.rerender();
  });
  const reject = new Form({ feedback: 'reject-feedback' }, { id: 'reject-form', 'aria-label': 'Reject' });
  const rejectAction = new Action();
  reject.append(
    textarea({ id: 'reject-feedback', label: 'Feedback to the provider', hint: 'Required, 1 to 4,000 characters: what to remedy before applying again in a later window.', rows: 3 }),
    button('Reject application', { warning: true }),
  );
  reject.onSubmit(async () => {
    const feedback = reject.value('reject-feedback');
    if (!feedback) reject.error('reject-feedback', 'Give the provider feedback');
    if (feedback.length > 4000) reject.error('reject-feedback', 'Feedback must be 4,000 characters or fewer');
    if (reject.hasErrors()) return;
    await api.post(`${a.name}:reject`, { feedback }, rejectAction);
    flash('The application is rejected; the provider sees your feedback.');
    ctx.rerender();
  });
  return h(
    'div',
    {},
    h2('Decide'),
    a.moderatedResult?.passed === false ? warning('The moderated result does not pass: the hub will refuse to admit it.') : null,
    admit.el,
    details('Reject with feedback', reject.el),
  );
}

export async function defaultLeadApplications(ctx: PageContext): Promise<void> {
  const f = await defaultFramework();
  if (f) navigate(`/${f.name}/applications`, true);
  else ctx.main.append(heading('Applications'), p('No framework.'));
}
