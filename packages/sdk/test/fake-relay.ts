/**
 * A scripted relay for tests: a real `ws` WebSocketServer on a random port that records every
 * client frame (validated with the shared protocol) and lets the test answer with server frames.
 */
import { createRequire } from 'node:module';
import type * as WS from 'ws';
import {
  type ClientFrame,
  type Envelope,
  type ServerFrame,
  encodeFrame,
  parseClientFrame,
} from '../src/protocol/index';
import type { WebSocketFactory, WebSocketLike } from '../src/internal/link';

// Loaded through Node's resolver: in a DOM test environment Vite would pick ws's browser stub.
const { WebSocket, WebSocketServer } = createRequire(import.meta.url)('ws') as typeof WS;
type WebSocket = WS.WebSocket;
type WebSocketServer = WS.WebSocketServer;

/** One client connection as the relay sees it. */
export class RelayConn {
  readonly frames: Envelope<ClientFrame>[] = [];
  readonly errors: string[] = [];
  closed: { code: number; reason: string } | undefined;
  private seq = 0;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const r = parseClientFrame(isBinary ? data : data.toString());
      if (r.ok) this.frames.push(r.frame);
      else this.errors.push(r.reason);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `check` passes (re-checked on every frame/close), or rejects after `ms`. */
  async until<T>(check: () => T | undefined, what: string, ms = 3000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The first frame of type `t` at or after index `from`. */
  frame<T extends ClientFrame['t']>(
    t: T,
    from = 0,
  ): Promise<Envelope<Extract<ClientFrame, { t: T }>>> {
    return this.until(
      () =>
        this.frames.slice(from).find((f) => f.t === t) as
          | Envelope<Extract<ClientFrame, { t: T }>>
          | undefined,
      `a ${t} frame`,
    );
  }

  send(frame: ServerFrame, seq?: number): void {
    this.seq = seq ?? this.seq + 1;
    this.ws.send(encodeFrame(frame, this.seq));
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  close(code = 1000, reason = ''): void {
    this.ws.close(code, reason);
  }

  /** Drops the TCP connection without a close frame (a network failure). */
  kill(): void {
    this.ws.terminate();
  }

  waitClosed(): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed, 'the socket to close');
  }
}

/** The relay. */
export class FakeRelay {
  readonly conns: RelayConn[] = [];
  private waiters: Array<() => void> = [];
  private constructor(
    readonly server: WebSocketServer,
    readonly port: number,
  ) {
    server.on('connection', (ws) => {
      this.conns.push(new RelayConn(ws));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async start(): Promise<FakeRelay> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const addr = server.address();
    if (typeof addr !== 'object' || !addr) throw new Error('no address');
    return new FakeRelay(server, addr.port);
  }

  /** The http base URL the sdk is configured with. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves with connection number `index` (0-based) once it exists. */
  async conn(index: number, ms = 3000): Promise<RelayConn> {
    const deadline = Date.now() + ms;
    while (!this.conns[index]) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for connection #${index}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.conns[index] as RelayConn;
  }

  async stop(): Promise<void> {
    for (const c of this.conns) c.ws.terminate();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** Opens sockets with the `ws` package (Node 20 has no global WebSocket). */
export const wsConnect: WebSocketFactory = (url) => new WebSocket(url) as unknown as WebSocketLike;

/** A welcome frame with defaults. */
export function welcome(
  over: Partial<Extract<ServerFrame, { t: 'welcome' }>> = {},
): Extract<ServerFrame, { t: 'welcome' }> {
  return {
    t: 'welcome',
    role: 'customer',
    sessionId: 'sess-1',
    pin: 'AB12',
    resumeToken: 'resume-1',
    agents: [],
    graceMs: 120_000,
    ...over,
  };
}

/** An unsigned JWT with these claims (the sdk only peeks; the relay verifies). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.sig`;
}

export const customerToken = (byop = true) =>
  fakeJwt({
    app_key: 'KEY',
    role_type: 1,
    user_id: 'c1',
    user_name: 'Cu',
    iat: 1,
    exp: 7201,
    ...(byop ? { enable_byop: 1 } : {}),
  });
export const agentToken = () =>
  fakeJwt({ app_key: 'KEY', role_type: 2, user_id: 'a1', user_name: 'Ag', iat: 1, exp: 7201 });

/** Collects emitted events of an SDK session in order. */
export function recordEvents(
  session: { on(event: string, handler: (p: unknown) => void): void },
  names: string[],
): Array<[string, unknown]> {
  const log: Array<[string, unknown]> = [];
  for (const n of names) session.on(n, (p) => log.push([n, p]));
  return log;
}

/** Polls until `check` passes. */
export async function waitFor<T>(
  check: () => T | undefined | false | 0 | '' | null,
  what: string,
  ms = 15000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A Map-backed `Storage`, optionally throwing like a locked-down browser. */
export function memoryStorage(broken = false): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const fail = () => {
    if (broken) throw new Error('SecurityError');
  };
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => {
      fail();
      return data.get(k) ?? null;
    },
    setItem: (k, v) => {
      fail();
      data.set(k, v);
    },
    removeItem: (k) => {
      fail();
      data.delete(k);
    },
  };
}
