// Relay latency: customer `events` frame → agent, through the real relay, against a raw `ws`
// broadcast server in the same process (interleaved rounds, as benchmarks.md asks). Also the
// customer's ping → pong round trip through the relay (the "relay floor").
import { execSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildTokenClaims, signToken } from '@cobrowse-kit/core/server';
import { encodeFrame, parseServerFrame } from '@cobrowse-kit/sdk/protocol';
import WebSocket, { WebSocketServer } from 'ws';
import { createCobrowseServer } from '../src/index';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const PER_ROUND = Number(process.env.PER_ROUND ?? 1000);
const SDK_KEY = 'bench-key';
const SECRET = 'bench-secret-bench-secret-bench-secret-!!';

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** Sends one message at a time and times its arrival at the receiver. */
async function timeLoop(
  send: (i: number) => void,
  onReceive: (cb: (i: number) => void) => void,
  n: number,
) {
  const samples: number[] = [];
  let started = 0;
  let resolveOne: (() => void) | undefined;
  onReceive(() => {
    samples.push(performance.now() - started);
    resolveOne?.();
  });
  for (let i = 0; i < n; i++) {
    const done = new Promise<void>((r) => {
      resolveOne = r;
    });
    started = performance.now();
    send(i);
    await done;
  }
  return samples;
}

async function main() {
  const server = await createCobrowseServer({ sdkKey: SDK_KEY, sdkSecret: SECRET, logger: false });
  const token = async (role: 'customer' | 'agent') =>
    signToken(buildTokenClaims({ role, sdkKey: SDK_KEY, userId: role, userName: role }), SECRET);

  const customer = await open(server.wsUrl);
  let cseq = 0;
  const csend = (f: Parameters<typeof encodeFrame>[0]) => customer.send(encodeFrame(f, ++cseq));
  const cframes: Array<(f: unknown) => void> = [];
  customer.on('message', (d) => {
    const r = parseServerFrame(d.toString());
    if (r.ok) for (const h of cframes) h(r.frame);
  });
  const welcome = new Promise<{ pin: string }>((resolve) =>
    cframes.push((f) => (f as { t: string }).t === 'welcome' && resolve(f as { pin: string })),
  );
  csend({ t: 'hello', role: 'customer', action: 'start', token: await token('customer') });
  const { pin } = await welcome;

  const agent = await open(server.wsUrl);
  agent.send(
    encodeFrame({ t: 'hello', role: 'agent', action: 'join', token: await token('agent'), pin }, 1),
  );
  const agentHandlers: Array<(f: { t: string; events?: unknown[] }) => void> = [];
  agent.on('message', (d) => {
    const r = parseServerFrame(d.toString());
    if (r.ok) for (const h of agentHandlers) h(r.frame as { t: string });
  });
  await new Promise<void>((r) => agentHandlers.push((f) => f.t === 'welcome' && r()));
  agentHandlers.length = 0;

  // Baseline: a raw ws server that broadcasts each message to the other clients.
  const raw = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => raw.once('listening', r));
  raw.on('connection', (ws) =>
    ws.on('message', (d) => {
      for (const c of raw.clients) if (c !== ws) c.send(d.toString());
    }),
  );
  const rawUrl = `ws://127.0.0.1:${(raw.address() as { port: number }).port}`;
  const rawA = await open(rawUrl);
  const rawB = await open(rawUrl);

  const event = (i: number) => ({
    type: 3,
    timestamp: Date.now(),
    data: { source: 5, text: `edit ${i}`, id: 42 },
  });
  const relay: number[] = [];
  const base: number[] = [];
  const ping: number[] = [];
  const ratios: number[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    agentHandlers.length = 0;
    const r = await timeLoop(
      (i) => csend({ t: 'events', events: [event(i)] }),
      (cb) => agentHandlers.push((f) => f.t === 'events' && cb(0)),
      PER_ROUND,
    );
    rawB.removeAllListeners('message');
    const b = await timeLoop(
      (i) => rawA.send(JSON.stringify({ v: 1, seq: i + 1, t: 'events', events: [event(i)] })),
      (cb) => rawB.on('message', () => cb(0)),
      PER_ROUND,
    );
    cframes.length = 0;
    const p = await timeLoop(
      (i) => csend({ t: 'ping', at: i }),
      (cb) => cframes.push((f) => (f as { t: string }).t === 'pong' && cb(0)),
      PER_ROUND,
    );
    relay.push(...r);
    base.push(...b);
    ping.push(...p);
    ratios.push(quantile(r, 0.5) / quantile(b, 0.5));
  }

  const summary = (xs: number[]) => ({
    p50: +quantile(xs, 0.5).toFixed(3),
    p95: +quantile(xs, 0.95).toFixed(3),
  });
  let sha = 'unknown';
  try {
    sha = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {}
  console.log(
    JSON.stringify(
      {
        name: 'relay-latency',
        unit: 'ms',
        rounds: ROUNDS,
        perRound: PER_ROUND,
        relayEventsOneWay: summary(relay),
        rawWsBroadcastOneWay: summary(base),
        relayPingRoundTrip: summary(ping),
        ratioP50: +quantile(ratios, 0.5).toFixed(3),
        node: process.version,
        cpus: availableParallelism(),
        git: sha,
      },
      null,
      2,
    ),
  );
  for (const ws of [customer, agent, rawA, rawB]) ws.terminate();
  raw.close();
  await server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
