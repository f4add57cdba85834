// Path-based routing with history.pushState. The gateway answers every GET
// path without a file extension (outside /v1/, /dev/ and /fhub.) with
// index.html, so a page's address can be bookmarked and reloaded. Console
// addresses follow the API's resource names where there is one
// (/authorities/sefton/referrals/1 shows authorities/sefton/referrals/1).

import type { Role, Session } from './auth';

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  session: Session | null;
  main: HTMLElement;
  /** Called when the person leaves the page (timers, streams). */
  onLeave(fn: () => void): void;
  /** Whether this page is still the one shown. */
  alive(): boolean;
  /** Sets the document title ("<page> - Framework Hub"). */
  title(text: string): void;
  /** Renders the page again from the hub (after a change). */
  rerender(): void;
  /** Runs fn every ms milliseconds while the page is shown. */
  every(ms: number, fn: () => Promise<void> | void): void;
}

export type Page = (ctx: PageContext) => Promise<void> | void;

export interface Route {
  pattern: string;
  page: Page;
  /** Roles that may open it; unset: anyone signed in. */
  roles?: Role[];
  /** Open without signing in. */
  public?: boolean;
}

interface Compiled extends Route {
  regex: RegExp;
  keys: string[];
}

export function compile(routes: Route[]): Compiled[] {
  return routes.map((r) => {
    const keys: string[] = [];
    const source = r.pattern
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          keys.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { ...r, keys, regex: new RegExp(`^${source}/?$`) };
  });
}

export function match(routes: Compiled[], path: string): { route: Compiled; params: Record<string, string> } | null {
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
      return { route, params };
    }
  }
  return null;
}

let navigateHandler: ((path: string, replace: boolean) => void) | null = null;

export function setNavigateHandler(fn: (path: string, replace: boolean) => void): void {
  navigateHandler = fn;
}

/** Goes to a page of the console. */
export function navigate(path: string, replace = false): void {
  if (navigateHandler) navigateHandler(path, replace);
  else location.assign(path);
}

/** Makes same-origin links move within the console without a reload. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = (event.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const href = a.getAttribute('href');
    if (!href || href.startsWith('#') || href.startsWith('mailto:')) return;
    const to = new URL(a.href, location.href);
    if (to.origin !== location.origin) return;
    if (/^\/(v1|dev|auth|fhub\.)/.test(to.pathname) || /\.[a-z0-9]+$/i.test(to.pathname)) return;
    event.preventDefault();
    navigate(to.pathname + to.search + to.hash);
  });
}
