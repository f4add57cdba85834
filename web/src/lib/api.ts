// Calls to the gateway's REST paths with fetch (the google.api.http rules of
// the protos; JSON is protobuf's proto3 mapping). No generated client: the
// paths are few and stable, and plain fetch keeps the build to Vite alone.

import { authHeaders } from './auth';

/** An error answered by the hub: {"code", "message", "details"}. */
export class ApiError extends Error {
  readonly status: number;
  /** The gRPC code (3 INVALID_ARGUMENT, 5 NOT_FOUND, 9 FAILED_PRECONDITION...). */
  readonly code: number;
  constructor(status: number, code: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
  /** The field the message names first ("referral.age"), if any. */
  get field(): string | null {
    return fieldOf(this.message);
  }
}

/** The network failed, or the gateway could not be reached. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * The field path an error message starts with: "referral.age: 16 is
 * outside..." -> "referral.age"; "referral.needs[2]: ..." ->
 * "referral.needs[2]"; null when the message does not start with one.
 */
export function fieldOf(message: string): string | null {
  const m = /^([a-z][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z][a-z0-9_]*(?:\[\d+\])?)*)(?=:|\s|$)/.exec(message);
  if (!m) return null;
  // A message that starts with an ordinary word is not about a field.
  if (!m[1].includes('.') && !m[1].includes('_') && !m[1].includes('[') && !message.startsWith(`${m[1]}:`)) {
    return null;
  }
  return m[1];
}

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One user action's idempotency key. Sending the same request again (a
 * retry after a dropped connection, a second click) reuses the key, so the
 * hub does it once; a changed request (the person corrected a field) gets a
 * new key, since the hub refuses a key reused for a different request.
 */
export class Action {
  private id = randomId();
  private lastBody: string | null = null;

  idFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.lastBody !== null && this.lastBody !== text) this.id = randomId();
    this.lastBody = text;
    return this.id;
  }

  /** After success: the next request is a new action. */
  done(): void {
    this.id = randomId();
    this.lastBody = null;
  }
}

type QueryValue = string | number | boolean | undefined | null | string[];

function url(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.append(key, String(value));
  }
  const q = params.toString();
  return `/v1/${path.replace(/^\/+/, '').replace(/^v1\//, '')}${q ? `?${q}` : ''}`;
}

let onUnauthenticated: (() => void) | null = null;
/** What to do when the hub says the token is missing or expired. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

async function send(method: string, target: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(target, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...authHeaders(),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new NetworkError(`The hub could not be reached (${(e as Error).message}).`);
  }
  const text = await res.text();
  let json: unknown = {};
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { message: text };
    }
  }
  if (!res.ok) {
    const err = json as { code?: number; message?: string };
    const error = new ApiError(res.status, err.code ?? 0, err.message ?? `HTTP ${res.status}`);
    if (res.status === 401 && onUnauthenticated) onUnauthenticated();
    throw error;
  }
  return json;
}

export async function get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
  return (await send('GET', url(path, query))) as T;
}

function retriable(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof ApiError && (e.status === 503 || e.status === 504));
}

/**
 * A write (POST, PATCH, PUT) with its requestId. Retried twice, with the
 * same requestId, when the network fails or the hub is briefly unavailable.
 */
export async function write<T>(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: Record<string, unknown>,
  action: Action,
): Promise<T> {
  const requestId = action.idFor(body);
  const full = { ...body, requestId };
  let lastError: unknown;
  for (const wait of [0, 600, 1800]) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    try {
      const result = (await send(method, url(path), full)) as T;
      action.done();
      return result;
    } catch (e) {
      lastError = e;
      if (!retriable(e)) throw e;
    }
  }
  throw lastError;
}

export function post<T>(path: string, body: Record<string, unknown>, action: Action): Promise<T> {
  return write<T>('POST', path, body, action);
}

/** Every page of a List call, up to a limit. */
export async function listAll<T>(
  path: string,
  key: string,
  query: Record<string, QueryValue> = {},
  limit = 1000,
): Promise<T[]> {
  const out: T[] = [];
  let pageToken = '';
  do {
    const page = await get<Record<string, unknown>>(path, { ...query, pageSize: 200, pageToken });
    out.push(...((page[key] as T[] | undefined) ?? []));
    pageToken = (page.nextPageToken as string | undefined) ?? '';
  } while (pageToken && out.length < limit);
  return out;
}

/** A sentence a person can act on, for an error with no field of its own. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    switch (e.status) {
      case 401:
        return 'Your sign-in has expired. Sign in again.';
      case 403:
        return `You do not have permission to do this: ${e.message}`;
      case 404:
        return `Not found: ${e.message}`;
      case 409:
        return e.message;
      case 429:
        return 'The hub is busy. Wait a moment and try again.';
      case 503:
        return `The hub is unavailable at the moment (${e.message}). Try again shortly.`;
      case 504:
        return 'The hub took too long to answer. Try again: nothing is done twice.';
      default:
        return e.message;
    }
  }
  if (e instanceof NetworkError) return e.message;
  return (e as Error)?.message ?? String(e);
}
