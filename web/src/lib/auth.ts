// The sign-in seam. Everything else in the console asks this module who is
// signed in and for the Authorization header; nothing else knows where the
// token comes from. Today it is the gateway's development sign-in (the
// demo's people, tokens minted with the local key) kept in sessionStorage.
// A later change replaces it with the council's own identity provider
// (OIDC, a session cookie): then authHeaders() returns {} (the cookie goes
// by itself), signInPage() redirects to the provider, and the pages stay as
// they are.

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
  if (!text) return null;
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
  return s ? { Authorization: `Bearer ${s.token}` } : {};
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
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

