// Server-Sent Events over fetch: EventSource cannot send an Authorization
// header, so the console reads the text/event-stream body itself from a
// ReadableStream, and reconnects (with a growing pause) when the stream
// drops or goes silent. The gateway sends a ": keep-alive" comment every 15
// seconds, so 40 seconds of silence means the connection is dead.

import { authHeaders } from './auth';

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/** Splits a text/event-stream into messages (the WHATWG parsing rules). */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  /** Feeds a chunk of text; returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const width = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      // A lone "\r" at the end may be half of "\r\n": wait for more.
      if (this.buffer[nl] === '\r' && width === 1 && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + width);
      if (line === '') {
        if (this.data.length) out.push({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
        this.data = [];
        this.event = '';
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
      else if (field === 'id' && !value.includes('\0')) this.id = value;
    }
    return out;
  }
}

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface StreamOptions {
  url: string;
  onMessage(message: SseMessage): void;
  /** Told of every change of state, with a reason when it dropped. */
  onState?(state: StreamState, detail?: string): void;
  /** Called on each (re)connection before messages flow (e.g. to reload a list). */
  onConnect?(): void;
  /** Stop for good on these HTTP statuses (default 401, 403, 404). */
  fatalStatuses?: number[];
  silenceMs?: number;
}

/** Follows a stream until the returned function is called. */
export function follow(o: StreamOptions): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let attempt = 0;
  const fatal = o.fatalStatuses ?? [401, 403, 404];
  const silenceMs = o.silenceMs ?? 40_000;

  const run = async (): Promise<void> => {
    while (!stopped) {
      o.onState?.(attempt === 0 ? 'connecting' : 'reconnecting');
      controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => controller?.abort(), silenceMs);
      };
      let reason = 'the stream ended';
      try {
        arm();
        const res = await fetch(o.url, {
          headers: { Accept: 'text/event-stream', ...authHeaders() },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => ({}))) as { message?: string };
          reason = body.message ?? `HTTP ${res.status}`;
          if (fatal.includes(res.status)) {
            stopped = true;
            o.onState?.('stopped', reason);
            return;
          }
          throw new Error(reason);
        }
        attempt = 0;
        o.onConnect?.();
        o.onState?.('live');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          arm();
          for (const message of parser.push(value)) {
            if (message.event === 'error') {
              const body = JSON.parse(message.data) as { code?: number; message?: string };
              reason = body.message ?? 'the hub ended the stream';
              if (body.code === 16 || body.code === 7) {
                stopped = true;
                o.onState?.('stopped', reason);
                return;
              }
            } else {
              o.onMessage(message);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
        reason = (e as Error).name === 'AbortError' ? 'no news from the hub for a while' : (e as Error).message;
      } finally {
        clearTimeout(timer);
      }
      if (stopped) return;
      attempt += 1;
      o.onState?.('reconnecting', reason);
      const pause = Math.min(1000 * 2 ** Math.min(attempt - 1, 4), 15_000);
      await new Promise((r) => setTimeout(r, pause));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
