/**
 * One logical connection to the relay: the WebSocket, the `hello` / `welcome` handshake, sequence
 * numbers both ways, and reconnection with backoff (a `hello resume`) when the socket drops inside
 * the relay's grace window. Both the customer and the agent session sit on a {@link Link}.
 */
import type { ZoomErrorPayload } from '@cobrowse-kit/core';
import {
  type ClientFrame,
  CloseCodes,
  type Envelope,
  MAX_FRAME_BYTES,
  type ServerFrame,
  createSequenceGuard,
  encodeFrame,
  parseServerFrame,
} from '../protocol/index';
import { ZoomCodes, errorForClose, zoomError } from './errors';

/** The subset of the browser's `WebSocket` the sdk uses (the `ws` package fits it too). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a WebSocket; the default uses the global `WebSocket`. */
export type WebSocketFactory = (url: string) => WebSocketLike;

/**
 * The default {@link WebSocketFactory}.
 *
 * @example
 * ```ts
 * new Link({ url, connect: browserWebSocket, ...handlers });
 * ```
 */
export const browserWebSocket: WebSocketFactory = (url) =>
  new WebSocket(url) as unknown as WebSocketLike;

/** The relay's `welcome` frame. */
export type WelcomeFrame = Envelope<Extract<ServerFrame, { t: 'welcome' }>>;

/** How a link ended without the caller closing it. */
export type LinkEnd =
  | { kind: 'failed'; error: ZoomErrorPayload; welcomed: boolean }
  | { kind: 'ended'; reason: string }
  | { kind: 'replaced' };

/** Timings, all in ms; tests shorten them. */
export interface LinkTiming {
  /** How long to wait for `welcome` after opening a socket. Default 10000. */
  connectTimeoutMs?: number;
  /** Keep-alive ping interval while connected. Default 20000. */
  pingMs?: number;
  /** Reconnect delays, the last repeating. Default 250, 500, 1000, 2000, 4000, 5000. */
  backoffMs?: number[];
  /** Largest frame to send (bytes). Default {@link MAX_FRAME_BYTES}. */
  maxFrameBytes?: number;
}

/** Options of {@link Link}. */
export interface LinkOptions {
  url: string;
  connect?: WebSocketFactory | undefined;
  timing?: LinkTiming | undefined;
  /** The `hello` that resumes after a drop. */
  resumeHello(creds: { sessionId: string; resumeToken: string }): ClientFrame;
  onWelcome(frame: WelcomeFrame, resumed: boolean): void;
  /** Every frame after `welcome` except `error` and `pong`. */
  onFrame(frame: Envelope<ServerFrame>): void;
  /** A non-fatal `error` frame. */
  onError(error: ZoomErrorPayload): void;
  /** The socket dropped; the link is trying to resume. */
  onReconnecting(): void;
  /** Called on every keep-alive tick while connected. */
  onHeartbeat?(): void;
  /** The link is over (never called after {@link Link.close}). */
  onEnd(end: LinkEnd): void;
}

/** Result of {@link Link.send}. */
export type SendResult = 'sent' | 'not_connected' | 'too_large';

const OPEN = 1;

/**
 * Whether `text` is longer than `limit` bytes in UTF-8, without encoding it in the common case
 * (a UTF-16 unit is 1 to 3 UTF-8 bytes).
 *
 * @example
 * ```ts
 * exceedsBytes('héllo', 5); // true (6 bytes)
 * ```
 */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).length > limit;
}

/**
 * A connection to the relay that survives drops inside the grace window.
 *
 * @example
 * ```ts
 * const link = new Link({ url, resumeHello, onWelcome, onFrame, onError, onReconnecting, onEnd });
 * link.start({ t: 'hello', role: 'agent', action: 'join', token, pin: 'AB12' });
 * link.close({ t: 'leave' });
 * ```
 */
export class Link {
  private readonly o: LinkOptions;
  private readonly timing: Required<LinkTiming>;
  private ws: WebSocketLike | undefined;
  private seq = 0;
  private guard = createSequenceGuard();
  private welcomedHere = false;
  private creds: { sessionId: string; resumeToken: string } | undefined;
  private graceMs = 0;
  private reconnecting = false;
  private dropAt = 0;
  private attempt = 0;
  private done = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private ping: ReturnType<typeof setInterval> | undefined;

  constructor(options: LinkOptions) {
    this.o = options;
    this.timing = {
      connectTimeoutMs: options.timing?.connectTimeoutMs ?? 10_000,
      pingMs: options.timing?.pingMs ?? 20_000,
      backoffMs: options.timing?.backoffMs ?? [250, 500, 1000, 2000, 4000, 5000],
      maxFrameBytes: options.timing?.maxFrameBytes ?? MAX_FRAME_BYTES,
    };
  }

  /** Whether a socket is open and welcomed (frames can be sent). */
  get connected(): boolean {
    return !this.done && this.welcomedHere && this.ws?.readyState === OPEN;
  }

  /** Bytes queued in the socket, for back-pressure decisions. */
  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** Opens the first socket and sends `hello`. */
  start(hello: ClientFrame): void {
    this.open(hello);
  }

  /** Sends a frame on the welcomed socket. Frames are never queued across a reconnect. */
  send(frame: ClientFrame): SendResult {
    if (!this.connected || !this.ws) return 'not_connected';
    const text = encodeFrame(frame, this.seq + 1);
    if (exceedsBytes(text, this.timing.maxFrameBytes)) {
      return 'too_large';
    }
    this.seq++;
    this.ws.send(text);
    return 'sent';
  }

  /** Ends the link on purpose, sending `final` (`leave` / `end`) first when connected. Idempotent. */
  close(final?: ClientFrame): void {
    if (this.done) return;
    if (final) this.send(final);
    this.finish();
  }

  private finish() {
    this.done = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.stopPing();
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      detach(ws);
      try {
        ws.close(CloseCodes.NORMAL);
      } catch {}
    }
  }

  private end(end: LinkEnd) {
    if (this.done) return;
    this.finish();
    this.o.onEnd(end);
  }

  private fail(error: ZoomErrorPayload) {
    this.end({ kind: 'failed', error, welcomed: this.creds !== undefined });
  }

  private later(fn: () => void, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private open(hello: ClientFrame) {
    if (this.done) return;
    let ws: WebSocketLike;
    try {
      ws = (this.o.connect ?? browserWebSocket)(this.o.url);
    } catch (e) {
      this.fail(zoomError(ZoomCodes.NETWORK, `Could not open ${this.o.url}: ${String(e)}`));
      return;
    }
    this.ws = ws;
    this.seq = 0;
    this.guard = createSequenceGuard();
    this.welcomedHere = false;
    const timeout = this.later(() => {
      if (ws === this.ws && !this.welcomedHere) this.dropped(ws, 'no welcome in time');
    }, this.timing.connectTimeoutMs);
    ws.onopen = () => {
      if (ws !== this.ws) return;
      // The first frame on every socket is hello, so it always carries seq 1.
      this.seq = 1;
      ws.send(encodeFrame(hello, 1));
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws) return;
      this.message(ws, ev.data, timeout);
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.closed(ws, ev.code, ev.reason ?? '');
    };
    // A close event always follows an error event; it carries the code, so handle it there.
    ws.onerror = () => {};
  }

  private message(ws: WebSocketLike, data: unknown, timeout: ReturnType<typeof setTimeout>) {
    const r = parseServerFrame(data);
    if (!r.ok) return this.protocolError(ws, r.reason);
    const f = r.frame;
    if (!this.guard.accept(f.seq)) {
      return this.protocolError(ws, `frame seq ${f.seq} after ${this.guard.last}`);
    }
    if (f.t === 'error') {
      const error = zoomError(f.errorCode, f.errorMsg);
      if (f.fatal) this.fail(error);
      else this.o.onError(error);
      return;
    }
    if (!this.welcomedHere) {
      if (f.t !== 'welcome') return;
      clearTimeout(timeout);
      this.timers.delete(timeout);
      const resumed = this.reconnecting;
      this.welcomedHere = true;
      this.reconnecting = false;
      this.attempt = 0;
      this.creds = { sessionId: f.sessionId, resumeToken: f.resumeToken };
      this.graceMs = f.graceMs;
      this.startPing();
      this.o.onWelcome(f as WelcomeFrame, resumed);
      return;
    }
    if (f.t === 'pong' || f.t === 'welcome') return;
    this.o.onFrame(f);
  }

  private protocolError(ws: WebSocketLike, reason: string) {
    // The relay sent something we cannot trust (rrweb #493-style gaps): start over from a fresh
    // checkpoint through a resume rather than apply a view with holes in it.
    console.warn(`[cobrowse-kit] protocol error from relay: ${reason}`);
    detach(ws);
    try {
      ws.close(CloseCodes.MALFORMED, reason.slice(0, 100));
    } catch {}
    if (!this.creds) {
      this.fail(zoomError(ZoomCodes.START_FAILED, `Protocol error from the relay: ${reason}`));
    } else this.dropped(ws, reason);
  }

  private closed(ws: WebSocketLike, code: number, reason: string) {
    detach(ws);
    this.stopPing();
    if (code === CloseCodes.SESSION_ENDED)
      return this.end({ kind: 'ended', reason: reason || 'ended' });
    if (code === CloseCodes.REPLACED) return this.end({ kind: 'replaced' });
    if (code === CloseCodes.TIMEOUT && this.welcomedHere) {
      return this.end({ kind: 'ended', reason: reason || 'timeout' });
    }
    const mapped = errorForClose(code, reason);
    if (mapped) return this.fail(mapped);
    this.dropped(ws, reason || `socket closed (${code})`);
  }

  /** The socket is gone for a reason worth a retry; resume if this session was ever welcomed. */
  private dropped(ws: WebSocketLike, why: string) {
    if (this.done) return;
    detach(ws);
    if (ws === this.ws) {
      try {
        ws.close();
      } catch {}
    }
    this.welcomedHere = false;
    this.stopPing();
    const creds = this.creds;
    if (!creds) {
      this.fail(zoomError(ZoomCodes.NETWORK, `Could not reach the co-browsing service (${why}).`));
      return;
    }
    if (!this.reconnecting) {
      this.reconnecting = true;
      this.dropAt = Date.now();
      this.o.onReconnecting();
    }
    const steps = this.timing.backoffMs;
    const base = steps[Math.min(this.attempt, steps.length - 1)] ?? 1000;
    // Jitter keeps many customers of one relay from reconnecting in lockstep after a restart.
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    if (Date.now() + delay > this.dropAt + this.graceMs) {
      this.fail(
        zoomError(
          ZoomCodes.NETWORK,
          `The connection was lost and could not be restored within ${Math.round(this.graceMs / 1000)} s.`,
        ),
      );
      return;
    }
    this.attempt++;
    this.later(() => this.open(this.o.resumeHello(creds)), delay);
  }

  private startPing() {
    this.stopPing();
    this.ping = setInterval(() => {
      if (this.send({ t: 'ping', at: Date.now() }) === 'sent') this.o.onHeartbeat?.();
    }, this.timing.pingMs);
  }

  private stopPing() {
    if (this.ping !== undefined) clearInterval(this.ping);
    this.ping = undefined;
  }
}

function detach(ws: WebSocketLike) {
  ws.onopen = null;
  ws.onmessage = null;
  ws.onclose = null;
  ws.onerror = null;
}
