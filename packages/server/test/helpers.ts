// Test helpers: a real relay on port 0 and real `ws` clients that validate every frame they get.
import { fileURLToPath } from 'node:url';
import { buildTokenClaims, signToken } from '@cobrowse-kit/core/server';
import {
  type ClientFrame,
  type Envelope,
  type ServerFrame,
  encodeFrame,
  parseServerFrame,
} from '@cobrowse-kit/sdk/protocol';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import {
  type CobrowseServer,
  type CobrowseServerOptions,
  createCobrowseServer,
} from '../src/index';

export const SDK_KEY = 'test-key';
export const SDK_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';
export const FIXTURE_BUNDLES = fileURLToPath(new URL('./fixtures/iife', import.meta.url));

const servers: CobrowseServer[] = [];
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A relay on a random port, closed after the test. */
export async function startServer(
  options: Partial<CobrowseServerOptions> = {},
): Promise<CobrowseServer> {
  const server = await createCobrowseServer({
    sdkKey: SDK_KEY,
    sdkSecret: SDK_SECRET,
    logger: false,
    sdkBundleDir: FIXTURE_BUNDLES,
    ...options,
  });
  servers.push(server);
  return server;
}

export interface MintOptions {
  byop?: boolean;
  userId?: string;
  userName?: string;
  sdkKey?: string;
  secret?: string;
}

let userCounter = 0;

/** Signs a token for `role` with the test key. */
export function mint(role: 'customer' | 'agent', o: MintOptions = {}): Promise<string> {
  userCounter++;
  return signToken(
    buildTokenClaims({
      role,
      sdkKey: o.sdkKey ?? SDK_KEY,
      userId: o.userId ?? `${role}-${userCounter}`,
      userName: o.userName ?? `${role} ${userCounter}`,
      byop: o.byop,
    }),
    o.secret ?? SDK_SECRET,
  );
}

type Frame = Envelope<ServerFrame>;

/** A real WebSocket client that checks every server frame with `parseServerFrame` and its seq. */
export class Client {
  readonly frames: Frame[] = [];
  readonly invalid: string[] = [];
  private cursor = 0;
  private seq = 0;
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    clients.push(this);
    ws.on('message', (data, isBinary) => {
      // The protocol is text frames only: a browser would hand a binary one over as a Blob.
      if (isBinary) this.invalid.push('binary frame');
      const r = parseServerFrame(isBinary ? data : data.toString());
      if (!r.ok) this.invalid.push(r.reason);
      else {
        if (r.frame.seq !== this.frames.length + 1)
          this.invalid.push(`seq ${r.frame.seq} after ${this.frames.length}`);
        this.frames.push(r.frame);
      }
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
    ws.on('error', () => {});
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Sends a frame with the next seq. */
  send(frame: ClientFrame): void {
    this.ws.send(encodeFrame(frame, ++this.seq));
  }

  /** Sends anything, bypassing the envelope. */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Resolves with the next frame (optionally of type `t`), skipping others. */
  async next<T extends Frame['t']>(t?: T, timeoutMs = 2000): Promise<Extract<Frame, { t: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const f = this.frames[this.cursor++] as Frame;
        if (!t || f.t === t) return f as Extract<Frame, { t: T }>;
      }
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`socket closed while waiting for ${t ?? 'a frame'}; got ${this.types()}`);
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${t ?? 'a frame'}; got ${this.types()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Frame types received so far. */
  types(): string {
    return this.frames.map((f) => f.t).join(',');
  }

  /** Frames of type `t` received so far. */
  all<T extends Frame['t']>(t: T): Array<Extract<Frame, { t: T }>> {
    return this.frames.filter((f) => f.t === t) as Array<Extract<Frame, { t: T }>>;
  }

  /** Lets in-flight frames arrive (one round trip through the relay). */
  async settle(): Promise<void> {
    const at = Date.now() + Math.random();
    this.send({ t: 'ping', at });
    for (;;) {
      const f = await this.next('pong');
      if (f.at === at) return;
    }
  }
}

export async function connect(server: CobrowseServer): Promise<Client> {
  const ws = new WebSocket(server.wsUrl);
  const client = new Client(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return client;
}

/** A customer that has started a session. */
export async function startCustomer(
  server: CobrowseServer,
  o: { pin?: string; token?: string } = {},
): Promise<{ client: Client; welcome: Extract<Frame, { t: 'welcome' }> }> {
  const client = await connect(server);
  const token = o.token ?? (await mint('customer', { byop: true }));
  client.send({
    t: 'hello',
    role: 'customer',
    action: 'start',
    token,
    ...(o.pin === undefined ? {} : { pin: o.pin }),
  });
  const welcome = await client.next('welcome');
  return { client, welcome };
}

/** An agent that has joined `pin`. */
export async function joinAgent(
  server: CobrowseServer,
  pin: string,
  o: { token?: string; userId?: string } = {},
): Promise<{ client: Client; welcome: Extract<Frame, { t: 'welcome' }> }> {
  const client = await connect(server);
  const token = o.token ?? (await mint('agent', o.userId ? { userId: o.userId } : {}));
  client.send({ t: 'hello', role: 'agent', action: 'join', token, pin });
  const welcome = await client.next('welcome');
  return { client, welcome };
}

/** A batch of fake rrweb events with increasing timestamps. */
export function events(n: number, from = 0, type = 3) {
  return Array.from({ length: n }, (_, i) => ({
    type,
    timestamp: 1_700_000_000_000 + from + i,
    data: { i: from + i },
  }));
}

/** Meta + FullSnapshot, as an sdk's full batch starts. */
export function fullBatch(marker = 0) {
  return [
    {
      type: 4,
      timestamp: 1_700_000_000_000,
      data: { href: 'https://shop.example/', width: 800, height: 600 },
    },
    {
      type: 2,
      timestamp: 1_700_000_000_001,
      data: { node: { id: 1, marker }, initialOffset: { top: 0, left: 0 } },
    },
  ];
}
