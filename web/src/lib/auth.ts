// The sign-in seam. Everything else in the console asks this module who is
// signed in and for the headers to send; nothing else knows where the
// token comes from. Two ways in:
// - the person's own organisation's identity provider (OpenID Connect): the
//   gateway signs them in (/auth/login) and keeps the session in an
//   HttpOnly cookie this code never sees; loadSession() asks the gateway
//   who it is (/auth/session), and changes carry X-Requested-With so the
//   gateway knows they come from the console;
// - in development mode, the gateway's development sign-in (the demo's
//   people, tokens minted with the local key), the token kept in
//   sessionStorage and sent as the Authorization header.

export type Role =
  | 'LEAD_ADMIN'
  | 'COMMISSIONER'
  | 'STRATEGIC_LEAD'
  | 'EVALUATOR'
  | 'PROVIDER_USER'
  | 'AUDITOR'
  | 'SERVICE'
  | 'HUB_ADMIN';

export interface Session {
  token: string;
  expiresAt: string;
  /** "authorities/sefton" or "providers/bootle-house". */
  organisation: string;
  roles: Role[];
  subject: string;
  /** A name to show, when the sign-in gave one. */
  displayName?: string;
  /** Set for a session the gateway keeps in its cookie: the issuer's id. */
  via?: string;
}

/** An identity provider the gateway signs people in through. */
export interface Provider {
  id: string;
  displayName: string;
  /** Where sign-in starts: /auth/login?issuer=... */
  signIn: string;
}

let cookieSession: Session | null = null;

/** Asks the gateway whether a cookie session is open; call before routing. */
export async function loadSession(): Promise<void> {
  cookieSession = null;
  try {
    const res = await fetch('/auth/session', { headers: { Accept: 'application/json' } });
    if (!res.ok) return;
    const body = (await res.json()) as {
      signedIn: boolean; via: string; subject: string; organisation: string; roles: Role[]; expiresAt: string;
    };
    if (!body.signedIn || body.via === 'dev') return;
    cookieSession = {
      token: '',
      expiresAt: body.expiresAt,
      organisation: body.organisation,
      roles: body.roles,
      subject: body.subject,
      displayName: body.subject,
      via: body.via,
    };
  } catch {
    /* no gateway session: the sign-in page offers the ways in */
  }
}

/** The identity providers people may sign in with (none: an empty list). */
export async function listProviders(): Promise<Provider[]> {
  const res = await fetch('/auth/providers', { headers: { Accept: 'application/json' } });
  if (!res.ok) return [];
  return (await res.json()) as Provider[];
}

export interface DevPerson {
  id: string;
  name: string;
  organisation: string;
  roles: Role[];
  about: string;
}

const KEY = 'fhub.session';

export function currentSession(): Session | null {
  const text = sessionStorage.getItem(KEY);
  if (!text) {
    if (cookieSession && cookieSession.expiresAt && Date.parse(cookieSession.expiresAt) <= Date.now()) {
      cookieSession = null;
    }
    return cookieSession;
  }
  try {
    const s = JSON.parse(text) as Session;
    if (!s.token || (s.expiresAt && Date.parse(s.expiresAt) <= Date.now())) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function authHeaders(): Record<string, string> {
  const s = currentSession();
  if (!s) return {};
  // A cookie session: the cookie goes by itself; this header says the
  // request comes from the console, not from a form on another site.
  if (s.via) return { 'X-Requested-With': 'fhub-console' };
  return { Authorization: `Bearer ${s.token}` };
}

/**
 * Ends the session here and at the gateway (which also clears the
 * development sign-in's cookie); the answer may name the identity
 * provider's sign-out page, to which the browser then goes.
 */
export async function signOut(): Promise<string> {
  sessionStorage.removeItem(KEY);
  const wasCookie = cookieSession !== null;
  cookieSession = null;
  try {
    const res = await fetch('/auth/sign-out', {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Requested-With': 'fhub-console' },
    });
    const body = (await res.json().catch(() => ({}))) as { location?: string };
    return wasCookie && body.location ? body.location : '/sign-in';
  } catch {
    return '/sign-in';
  }
}

/** The demo's people, or null when development sign-in is off (404). */
export async function listPeople(): Promise<DevPerson[] | null> {
  const res = await fetch('/dev/people', { headers: { Accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`the sign-in list answered HTTP ${res.status}`);
  return (await res.json()) as DevPerson[];
}

export type SignInRequest =
  | { person: string }
  | { organisation: string; roles: Role[]; subject?: string };

export async function signIn(request: SignInRequest, displayName?: string): Promise<Session> {
  const res = await fetch('/dev/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<Session> & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `sign-in answered HTTP ${res.status}`);
  const session: Session = {
    token: body.token!,
    expiresAt: body.expiresAt ?? '',
    organisation: body.organisation ?? '',
    roles: (body.roles ?? []) as Role[],
    subject: body.subject ?? '',
    displayName,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

