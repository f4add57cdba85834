// Signing in (development sign-in today; see lib/auth.ts) and the start
// page, which sends each person to the first page of their role.

import * as api from '../lib/api';
import { type Role, currentSession, listPeople, listProviders, signIn } from '../lib/auth';
import { h } from '../lib/dom';
import { defaultFramework, resetDirectory } from '../lib/directory';
import { Form } from '../lib/forms';
import { button, checkboxes, details, h2, heading, input, inset, p, warning } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';

const ROLES: [Role, string][] = [
  ['LEAD_ADMIN', 'Lead authority administrator (LEAD_ADMIN)'],
  ['COMMISSIONER', 'Commissioner (COMMISSIONER)'],
  ['STRATEGIC_LEAD', 'Regional strategic lead (STRATEGIC_LEAD)'],
  ['EVALUATOR', 'Evaluator (EVALUATOR)'],
  ['PROVIDER_USER', 'Provider user (PROVIDER_USER)'],
];

function nextPath(ctx: PageContext): string {
  const next = ctx.query.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-') ? next : '/';
}

export async function signInPage(ctx: PageContext): Promise<void> {
  ctx.title('Sign in');
  const [people, providers] = await Promise.all([
    listPeople(),
    listProviders(),
  ]).catch((e: Error) => {
    throw new api.NetworkError(`The sign-in service could not be reached: ${e.message}`);
  });
  const main = ctx.main;
  main.append(heading('Sign in to Framework Hub'));
  if (providers.length) {
    main.append(p('Sign in through your organisation:'));
    for (const provider of providers) {
      const href = `${provider.signIn}&return=${encodeURIComponent(nextPath(ctx))}`;
      // A full page load: the sign-in leaves the console for the provider.
      main.append(
        h('p', { class: 'govuk-body' },
          h('a', { href, class: 'govuk-button govuk-!-margin-bottom-0', role: 'button', 'data-module': 'govuk-button', 'data-external': 'true', 'data-provider': provider.id },
            `Sign in with ${provider.displayName}`)),
      );
    }
    if (people === null) return;
    main.append(h2('Development sign-in'));
  }
  if (people === null) {
    main.append(
      warning('Development sign-in is off.'),
      p('This hub is not in development mode, so it does not list demo people. Sign in through your council’s or organisation’s identity provider.'),
    );
    return;
  }
  const s = currentSession();
  if (s) main.append(inset(`You are signed in as ${s.displayName ?? s.subject} (${s.organisation}). Choosing someone below signs you in as them instead.`));
  main.append(
    p('This hub runs in development mode: choose one of the demo’s people to sign in as them. A real hub signs people in through their own organisation.'),
  );
  const groups: [string, (org: string) => boolean][] = [
    ['Lead authority and member councils', (o) => o.startsWith('authorities/')],
    ['Providers', (o) => o.startsWith('providers/')],
    ['Others', (o) => !o.startsWith('authorities/') && !o.startsWith('providers/')],
  ];
  for (const [title, test] of groups) {
    const mine = people.filter((x) => test(x.organisation));
    if (!mine.length) continue;
    main.append(h2(title));
    const rows = mine.map((person) => {
      const form = new Form({}, { 'aria-label': `Sign in as ${person.name}` });
      form.append(
        h(
          'button',
          { class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'submit', 'data-person': person.id, 'data-module': 'govuk-button' },
          'Sign in',
          h('span', { class: 'govuk-visually-hidden' }, ` as ${person.name}`),
        ),
      );
      form.onSubmit(async () => {
        await signIn({ person: person.id }, person.name);
        resetDirectory();
        navigate(nextPath(ctx));
      });
      return h(
        'div',
        { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key' }, person.name),
        h(
          'dd',
          { class: 'govuk-summary-list__value' },
          h('span', { class: 'govuk-body-s fhub-muted' }, `${person.organisation} · ${person.roles.join(', ')}`),
          h('br'),
          person.about,
        ),
        h('dd', { class: 'govuk-summary-list__actions' }, form.el),
      );
    });
    main.append(h('dl', { class: 'govuk-summary-list', 'data-group': title }, rows));
  }

  const other = new Form({ organisation: 'organisation', roles: 'roles' }, { 'aria-label': 'Sign in as another organisation' });
  other.append(
    input({ id: 'organisation', label: 'Organisation', hint: 'authorities/{id} or providers/{id}, for example providers/crosby-care', spellcheck: false }),
    checkboxes({ id: 'roles', legend: 'Roles', items: ROLES.map(([value, label]) => ({ value, label })) }),
    input({ id: 'subject', label: 'Your name or user id', hint: 'Recorded as who did what', value: '', spellcheck: false }),
    button('Sign in as this organisation', { secondary: true }),
  );
  other.onSubmit(async () => {
    const organisation = other.value('organisation');
    const roles = other.checked('roles') as Role[];
    if (!/^(authorities|providers)\/[a-z][a-z0-9-]{1,62}$/.test(organisation)) {
      other.error('organisation', 'Enter the organisation as authorities/{id} or providers/{id}, in lowercase letters, digits and hyphens');
    }
    if (!roles.length) other.error('roles', 'Choose at least one role');
    if (other.hasErrors()) return;
    const subject = other.value('subject') || 'developer';
    await signIn({ organisation, roles, subject }, subject);
    resetDirectory();
    navigate(nextPath(ctx));
  });
  main.append(details('Sign in as another organisation', other.el));
}

/** "/": the first page of the signed-in person's role. */
export async function homePage(ctx: PageContext): Promise<void> {
  const s = ctx.session!;
  const has = (r: Role) => s.roles.includes(r);
  if (has('LEAD_ADMIN')) {
    const f = await defaultFramework();
    if (f) return navigate(`/${f.name}`, true);
  }
  if (has('COMMISSIONER')) return navigate('/referrals', true);
  if (has('PROVIDER_USER')) return navigate('/invitations', true);
  if (has('STRATEGIC_LEAD')) return navigate('/ballots', true);
  if (has('EVALUATOR')) return navigate('/evaluations', true);
  ctx.main.append(heading('Framework Hub'), p('There is nothing in this console for your role yet.'));
}
