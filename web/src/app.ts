// The console's frame (header, navigation, footer) and the page loop: find
// the page for the address, check who may open it, render it, and clean up
// its timers and streams when the person moves on.

import { Button, Checkboxes, NotificationBanner, Radios, ServiceNavigation, SkipLink, createAll } from 'govuk-frontend';
import * as api from './lib/api';
import { type Role, currentSession, loadSession, signOut } from './lib/auth';
import { h, replaceChildren } from './lib/dom';
import { defaultFramework, resetDirectory } from './lib/directory';
import { banner, heading, link, loading, p } from './lib/govuk';
import { type PageContext, type Route, compile, interceptLinks, match, navigate, setNavigateHandler } from './lib/router';

interface NavItem {
  text: string;
  href: string;
  /** Paths that count as this item (prefixes). */
  prefixes?: string[];
}

let flashMessage: { title: string; text: string } | null = null;

/** A message for the next page shown (after an action that moves on). */
export function flash(text: string, title = 'Success'): void {
  flashMessage = { title, text };
}

const ROLE_NAMES: Record<string, string> = {
  LEAD_ADMIN: 'lead authority',
  COMMISSIONER: 'commissioner',
  STRATEGIC_LEAD: 'strategic lead',
  EVALUATOR: 'evaluator',
  PROVIDER_USER: 'provider',
  AUDITOR: 'auditor',
  HUB_ADMIN: 'hub administrator',
  SERVICE: 'service',
};

async function navigationFor(roles: Role[]): Promise<NavItem[]> {
  const items: NavItem[] = [];
  const add = (item: NavItem) => {
    if (!items.some((i) => i.href === item.href)) items.push(item);
  };
  let fw = '';
  if (roles.some((r) => ['LEAD_ADMIN', 'STRATEGIC_LEAD', 'EVALUATOR'].includes(r))) {
    fw = (await defaultFramework().catch(() => null))?.name ?? '';
  }
  for (const role of roles) {
    switch (role) {
      case 'LEAD_ADMIN':
        if (fw) {
          add({ text: 'Framework', href: `/${fw}`, prefixes: [`/${fw}/members`, `/${fw}/admission`] });
          add({ text: 'Applications', href: `/${fw}/applications`, prefixes: ['/applications/'] });
          add({ text: 'Providers', href: `/${fw}/providers`, prefixes: ['/suspensions/'] });
          add({ text: 'Ballots', href: `/${fw}/ballots` });
          add({ text: 'Cost sharing', href: `/${fw}/costShareStatements` });
          add({ text: 'Figures', href: `/${fw}/figures` });
        }
        break;
      case 'COMMISSIONER':
        add({ text: 'Referrals', href: '/referrals', prefixes: ['/authorities/'] });
        add({ text: 'Placements', href: '/placements' });
        add({ text: 'Prices', href: '/priceBooks', prefixes: ['/priceBooks/', '/benchmark', '/uplift'] });
        add({ text: 'Block contracts', href: '/blockContracts' });
        add({ text: 'Figures', href: '/figures' });
        add({ text: 'Webhooks', href: '/webhooks' });
        break;
      case 'STRATEGIC_LEAD':
        add({ text: 'Extension ballots', href: '/ballots', prefixes: ['/frameworks/'] });
        if (fw) add({ text: 'Consortium figures', href: `/${fw}/figures` });
        break;
      case 'EVALUATOR':
        add({ text: 'Applications to score', href: '/evaluations', prefixes: ['/applications/'] });
        break;
      case 'PROVIDER_USER':
        add({ text: 'Invitations', href: '/invitations', prefixes: ['/authorities/'] });
        add({ text: 'Settings and vacancies', href: '/settings', prefixes: ['/providers/'] });
        add({ text: 'Applications', href: '/applications' });
        add({ text: 'Action plans', href: '/suspensions' });
        add({ text: 'Price books', href: '/priceBooks' });
        add({ text: 'Placements', href: '/placements' });
        add({ text: 'Webhooks', href: '/webhooks' });
        break;
      default:
        break;
    }
  }
  return items;
}

/** How well an item matches the path: the length of its longest matching prefix (0: none). */
function matchLength(item: NavItem, path: string): number {
  let best = 0;
  for (const prefix of [item.href, ...(item.prefixes ?? [])]) {
    if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) best = Math.max(best, prefix.length);
  }
  return best;
}

async function renderHeader(slot: HTMLElement, path: string): Promise<void> {
  const s = currentSession();
  const header = h(
    'div',
    { class: 'govuk-generic-header' },
    h(
      'div',
      { class: 'govuk-generic-header__container govuk-width-container' },
      h('div', { class: 'govuk-generic-header__logo' }, h('a', { href: '/', class: 'govuk-generic-header__homepage-link' }, 'Framework Hub')),
    ),
  );
  const items = s ? await navigationFor(s.roles) : [];
  // The most specific item wins: /frameworks/x/ballots/1 is Ballots, not Framework.
  let activeIndex = -1;
  let bestLength = 0;
  items.forEach((item, i) => {
    const n = matchLength(item, path);
    if (n > bestLength) {
      bestLength = n;
      activeIndex = i;
    }
  });
  const who = s
    ? h(
        'div',
        { class: 'fhub-signed-in' },
        h('span', { class: 'govuk-body-s fhub-signed-in__who' }, `${s.displayName ?? s.subject} · ${s.organisation} · ${s.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}`),
        ' ',
        h('a', { class: 'govuk-link govuk-body-s', href: '/sign-out', id: 'sign-out' }, 'Sign out'),
      )
    : null;
  const nav = h(
    'section',
    { 'aria-label': 'Service information', class: 'govuk-service-navigation', 'data-module': 'govuk-service-navigation' },
    h(
      'div',
      { class: 'govuk-width-container' },
      h(
        'div',
        { class: 'govuk-service-navigation__container' },
        items.length
          ? h(
              'nav',
              { 'aria-label': 'Menu', class: 'govuk-service-navigation__wrapper' },
              h('button', { type: 'button', class: 'govuk-service-navigation__toggle govuk-js-service-navigation-toggle', 'aria-controls': 'navigation', hidden: true, 'aria-hidden': 'true' }, 'Menu'),
              h(
                'ul',
                { class: 'govuk-service-navigation__list', id: 'navigation' },
                items.map((item, i) =>
                  h(
                    'li',
                    { class: `govuk-service-navigation__item${i === activeIndex ? ' govuk-service-navigation__item--active' : ''}` },
                    h(
                      'a',
                      { class: 'govuk-service-navigation__link', href: item.href, 'aria-current': i === activeIndex ? (path === item.href ? 'page' : 'true') : undefined },
                      i === activeIndex ? h('strong', { class: 'govuk-service-navigation__active-fallback' }, item.text) : item.text,
                    ),
                  ),
                ),
              ),
            )
          : null,
      ),
      who,
    ),
  );
  replaceChildren(slot, header, nav);
  createAll(ServiceNavigation, undefined, slot);
}

function footer(): HTMLElement {
  return h(
    'footer',
    { class: 'govuk-footer' },
    h(
      'div',
      { class: 'govuk-width-container' },
      h(
        'div',
        { class: 'govuk-footer__meta' },
        h(
          'div',
          { class: 'govuk-footer__meta-item govuk-footer__meta-item--grow' },
          h('h2', { class: 'govuk-visually-hidden' }, 'Support links'),
          h(
            'ul',
            { class: 'govuk-footer__inline-list' },
            h('li', { class: 'govuk-footer__inline-list-item' }, h('a', { class: 'govuk-footer__link', href: '/openapi.json' }, 'The API (OpenAPI)')),
          ),
          h('p', { class: 'govuk-body-s fhub-footer-text' }, 'Framework Hub: councils commissioning children’s placements together. Money is shown in pounds and pence; times are UK time.'),
        ),
      ),
    ),
  );
}

/** The page shown when a page could not load: says why, never blank. */
export function errorPage(main: HTMLElement, e: unknown): void {
  let title = 'Sorry, there is a problem';
  let body: string = api.describeError(e);
  if (e instanceof api.ApiError) {
    if (e.status === 404) {
      title = 'Not found';
      body = `The hub found nothing at this address that you may see. It may not exist, or it may belong to another organisation. (${e.message})`;
    } else if (e.status === 403) {
      title = 'You cannot see this';
      body = `The hub refused: ${e.message}`;
    } else if (e.status === 401) {
      title = 'Sign in again';
    }
  } else if (e instanceof api.NetworkError) {
    title = 'The hub cannot be reached';
  }
  replaceChildren(
    main,
    heading(title),
    h('p', { class: 'govuk-body', id: 'error-detail' }, body),
    p(link('/', 'Go to the start page')),
  );
}

export function start(routes: Route[]): void {
  document.body.classList.add('js-enabled', 'govuk-frontend-supported');
  const root = document.getElementById('app')!;
  const top = h('div', { id: 'top' });
  const main = h('main', { class: 'govuk-main-wrapper', id: 'main-content' });
  const phase = h(
    'div',
    { class: 'govuk-phase-banner' },
    h(
      'p',
      { class: 'govuk-phase-banner__content' },
      h('strong', { class: 'govuk-tag govuk-phase-banner__content__tag' }, 'Alpha'),
      h('span', { class: 'govuk-phase-banner__text' }, 'A new console for the hub’s people.'),
    ),
  );
  // One banner landmark: the header, the navigation and the phase banner.
  replaceChildren(root, h('header', {}, top, h('div', { class: 'govuk-width-container' }, phase)), h('div', { class: 'govuk-width-container' }, main), footer());
  interceptLinks(document.body);
  createAll(SkipLink, undefined, document.body);
  const compiled = compile(routes);

  let leaveFns: (() => void)[] = [];
  let generation = 0;

  const show = async (): Promise<void> => {
    leaveFns.forEach((fn) => {
      try {
        fn();
      } catch {
        /* a page's cleanup must not stop the next page */
      }
    });
    leaveFns = [];
    generation += 1;
    const mine = generation;
    const path = location.pathname;
    if (path === '/sign-out') {
      const next = await signOut();
      resetDirectory();
      if (next.startsWith('/')) navigate(next, true);
      else location.assign(next);
      return;
    }
    const session = currentSession();
    const found = match(compiled, path);
    await renderHeader(top, path).catch(() => undefined);
    if (mine !== generation) return;
    if (!found) {
      replaceChildren(main, heading('Page not found'), p('There is no page at this address.'), p(link('/', 'Go to the start page')));
      document.title = 'Page not found - Framework Hub';
      return;
    }
    if (!found.route.public && !session) {
      navigate(`/sign-in?next=${encodeURIComponent(path + location.search)}`, true);
      return;
    }
    if (found.route.roles && !found.route.roles.some((r) => session?.roles.includes(r))) {
      replaceChildren(
        main,
        heading('This page is not for your role'),
        p(`This page is for the ${found.route.roles.map((r) => ROLE_NAMES[r] ?? r).join(' or ')}. You are signed in as ${session?.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}.`),
        p(link('/', 'Go to your start page')),
      );
      document.title = 'Not for your role - Framework Hub';
      return;
    }
    const slowTimer = setTimeout(() => {
      if (mine === generation && !main.hasChildNodes()) main.append(loading());
    }, 250);
    main.replaceChildren();
    document.title = 'Framework Hub';
    const ctx: PageContext = {
      params: found.params,
      query: new URLSearchParams(location.search),
      session,
      main,
      onLeave: (fn) => leaveFns.push(fn),
      alive: () => mine === generation,
      title: (text) => {
        document.title = `${text} - Framework Hub`;
      },
      rerender: () => void show(),
      every: (ms, fn) => {
        let busy = false;
        const id = setInterval(() => {
          if (busy || mine !== generation) return;
          busy = true;
          Promise.resolve()
            .then(fn)
            .catch(() => undefined)
            .finally(() => (busy = false));
        }, ms);
        leaveFns.push(() => clearInterval(id));
      },
    };
    const message = flashMessage;
    flashMessage = null;
    try {
      const content = h('div', {});
      const pageCtx = { ...ctx, main: content };
      await found.route.page(pageCtx);
      if (mine !== generation) return;
      clearTimeout(slowTimer);
      main.replaceChildren(...(message ? [banner(message.title, message.text)] : []), content);
      // The Design System's behaviour for the components the console uses.
      for (const component of [Button, Checkboxes, NotificationBanner, Radios]) createAll(component, undefined, main);
      // Move focus to the page's heading so screen readers hear the new page.
      const heading1 = main.querySelector<HTMLElement>('h1');
      const anchor = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      if (anchor) {
        anchor.scrollIntoView();
      } else if (heading1 && !main.querySelector('.govuk-notification-banner--success')) {
        heading1.setAttribute('tabindex', '-1');
        heading1.focus({ preventScroll: true });
      }
      if (document.title === 'Framework Hub') document.title = `${heading1?.textContent ?? 'Framework Hub'} - Framework Hub`;
    } catch (e) {
      clearTimeout(slowTimer);
      if (mine !== generation) return;
      errorPage(main, e);
      document.title = 'Problem - Framework Hub';
    }
  };

  setNavigateHandler((path, replace) => {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    window.scrollTo(0, 0);
    void show();
  });
  window.addEventListener('popstate', () => void show());
  api.setUnauthenticatedHandler(() => {
    void signOut();
    resetDirectory();
    flash('Your sign-in has expired or is not valid. Sign in again.', 'Important');
    navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, true);
  });
  void loadSession().then(() => show());
}
