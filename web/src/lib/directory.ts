// Names to show for resource names, looked up once per sign-in: the
// directory of authorities, the providers the caller may see, settings, and
// the frameworks the caller leads or uses.

import * as api from './api';
import type { Authority, Framework, Provider, Setting } from './types';
import { currentSession } from './auth';
import { humanise, idOf } from './format';

let authorities: Promise<Map<string, Authority>> | null = null;
let providers: Promise<Map<string, Provider>> | null = null;
let frameworks: Promise<Framework[]> | null = null;
const settings = new Map<string, Promise<Setting | null>>();

export function resetDirectory(): void {
  authorities = null;
  providers = null;
  frameworks = null;
  settings.clear();
}

export function loadAuthorities(): Promise<Map<string, Authority>> {
  authorities ??= api
    .listAll<Authority>('authorities', 'authorities')
    .then((list) => new Map(list.map((a) => [a.name, a])))
    .catch(() => new Map());
  return authorities;
}

export function loadProviders(): Promise<Map<string, Provider>> {
  providers ??= api
    .listAll<Provider>('providers', 'providers')
    .then((list) => new Map(list.map((p) => [p.name, p])))
    .catch(() => new Map());
  return providers;
}

export function forgetProviders(): void {
  providers = null;
}

export function loadFrameworks(): Promise<Framework[]> {
  frameworks ??= api.listAll<Framework>('frameworks', 'frameworks').catch((e) => {
    frameworks = null;
    throw e;
  });
  return frameworks;
}

/** The framework the caller works in: the first ACTIVE one (led first for a lead). */
export async function defaultFramework(): Promise<Framework | null> {
  const list = await loadFrameworks();
  const s = currentSession();
  const led = list.filter((f) => f.leadAuthority === s?.organisation);
  const pick = (fs: Framework[]) => fs.find((f) => f.status === 'ACTIVE') ?? fs[0];
  return (s?.roles.includes('LEAD_ADMIN') ? pick(led) : undefined) ?? pick(list) ?? null;
}

export async function framework(name: string): Promise<Framework> {
  const list = await loadFrameworks().catch(() => [] as Framework[]);
  return list.find((f) => f.name === name) ?? api.get<Framework>(name);
}

export async function authorityName(name: string | undefined): Promise<string> {
  if (!name) return '';
  const a = (await loadAuthorities()).get(name);
  return a?.displayName ?? humanise(idOf(name));
}

/** A short name for an authority: "Sefton Metropolitan Borough Council" -> "Sefton". */
export async function authorityShortName(name: string | undefined): Promise<string> {
  const full = await authorityName(name);
  return full.replace(/ (Metropolitan )?(Borough )?(City )?Council$/, '') || full;
}

export async function providerName(name: string | undefined): Promise<string> {
  if (!name) return '';
  const p = (await loadProviders()).get(name);
  if (p?.legalName) return p.legalName;
  return humanise(idOf(name).replace(/-/g, '_'));
}

export function setting(name: string | undefined): Promise<Setting | null> {
  if (!name) return Promise.resolve(null);
  let s = settings.get(name);
  if (!s) {
    s = api.get<Setting>(name).catch(() => null);
    settings.set(name, s);
  }
  return s;
}

export async function settingName(name: string | undefined): Promise<string> {
  if (!name) return '';
  const s = await setting(name);
  if (s?.displayName) return `${s.displayName}${s.address?.town ? `, ${s.address.town}` : ''}`;
  return humanise(idOf(name).replace(/-/g, '_'));
}

export async function lotTitle(frameworkName: string | undefined, lotId: string | undefined): Promise<string> {
  if (!frameworkName || !lotId) return lotId ?? '';
  try {
    const f = await framework(frameworkName);
    return f.lots?.find((l) => l.lotId === lotId)?.title ?? lotId;
  } catch {
    return lotId;
  }
}
