import { CloseCodes, MAX_FRAME_BYTES, PROTOCOL_VERSION } from '@cobrowse-kit/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { type SessionStore, createMemoryStore } from '../src/index';
import {
  type Client,
  SDK_KEY,
  connect,
  events,
  fullBatch,
  joinAgent,
  mint,
  startCustomer,
  startServer,
} from './helpers';

async function expectRefused(client: Client, errorCode: number, closeCode: number) {
  const err = await client.next('error');
  expect(err).toMatchObject({ errorCode, fatal: true });
  expect((await client.closed).code).toBe(closeCode);
  return err;
}

describe('customer start', () => {
  it('normalizes a lowercase custom PIN to uppercase in welcome', async () => {
    const server = await startServer();
    const { client, welcome } = await startCustomer(server, { pin: 'ab12' });
    expect(welcome).toMatchObject({ role: 'customer', pin: 'AB12', agents: [], graceMs: 120000 });
    expect(welcome.sessionId).toBeTruthy();
    expect(welcome.resumeToken.length).toBeGreaterThan(20);
    expect(client.invalid).toEqual([]);
  });

  it('generates a unique 6-digit PIN when none is given (no enable_byop needed)', async () => {
    const server = await startServer();
    const token = await mint('customer');
    const a = await startCustomer(server, { token });
    const b = await startCustomer(server, { token: await mint('customer') });
    expect(a.welcome.pin).toMatch(/^\d{6}$/);
    expect(b.welcome.pin).toMatch(/^\d{6}$/);
    expect(a.welcome.pin).not.toBe(b.welcome.pin);
  });

  it('refuses a custom PIN without enable_byop (1001 naming enable_byop)', async () => {
    const server = await startServer();
    const client = await connect(server);
    client.send({
      t: 'hello',
      role: 'customer',
      action: 'start',
      token: await mint('customer'),
      pin: 'AB12',
    });
    const err = await expectRefused(client, 1001, CloseCodes.FORBIDDEN);
    expect(err.errorMsg).toContain('enable_byop');
  });

  it('refuses a malformed PIN with 1008', async () => {
    const server = await startServer();
    const client = await connect(server);
    const token = await mint('customer', { byop: true });
    client.send({ t: 'hello', role: 'customer', action: 'start', token, pin: 'ab-12' });
    const err = await expectRefused(client, 1008, CloseCodes.MALFORMED);
    expect(err.errorMsg).toContain('"-"');
  });

  it('refuses a live PIN with 1010, per SDK key, and frees it when the session ends', async () => {
    const other = { sdkKey: 'other-key', sdkSecret: 'another-secret-that-is-32-bytes-or-more' };
    const server = await startServer({ credentials: [other] });
    const first = await startCustomer(server, { pin: 'AB12' });
    const client = await connect(server);
    client.send({
      t: 'hello',
      role: 'customer',
      action: 'start',
      token: await mint('customer', { byop: true }),
      pin: 'ab12',
    });
    const err = await expectRefused(client, 1010, CloseCodes.CONFLICT);
    expect(err.errorMsg).toContain('AB12');

    // Same PIN under another SDK key is a different registry.
    const token = await mint('customer', {
      byop: true,
      sdkKey: other.sdkKey,
      secret: other.sdkSecret,
    });
    const otherKey = await startCustomer(server, { pin: 'AB12', token });
    expect(otherKey.welcome.pin).toBe('AB12');

    first.client.send({ t: 'end' });
    expect(await first.client.next('session_ended')).toMatchObject({ reason: 'ended_by_customer' });
    const again = await startCustomer(server, { pin: 'AB12' });
    expect(again.welcome.pin).toBe('AB12');
  });

  it('refuses bad tokens with 2001: unknown SDK key, wrong secret, garbage, agent token', async () => {
    const server = await startServer();
    const cases = [
      await mint('customer', { sdkKey: 'nobody', secret: 'x'.repeat(40) }),
      await mint('customer', { secret: 'y'.repeat(40) }),
      'not-a-jwt',
    ];
    for (const token of cases) {
      const client = await connect(server);
      client.send({ t: 'hello', role: 'customer', action: 'start', token });
      await expectRefused(client, 2001, CloseCodes.UNAUTHORIZED);
    }
    const client = await connect(server);
    client.send({ t: 'hello', role: 'customer', action: 'start', token: await mint('agent') });
    const err = await expectRefused(client, 2001, CloseCodes.FORBIDDEN);
    expect(err.errorMsg).toMatch(/role mismatch/i);
  });
});

describe('agent join', () => {
  it('joins by PIN in any case; both sides learn about each other', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'XY9' });
    const agent = await joinAgent(server, 'xy9', { userId: 'grace' });
    expect(agent.welcome).toMatchObject({
      role: 'agent',
      pin: 'XY9',
      sessionId: customer.welcome.sessionId,
    });
    expect(agent.welcome.agents.map((a) => a.userId)).toEqual(['grace']);
    expect(await agent.client.next('customer_status')).toMatchObject({ status: 'connected' });
    expect(await customer.client.next('agent_joined')).toMatchObject({
      agent: { userId: 'grace' },
      agentCount: 1,
    });
    expect(await customer.client.next('snapshot_request')).toMatchObject({
      reason: 'agent_joined',
    });
  });

  it('refuses an unknown PIN with 1006', async () => {
    const server = await startServer();
    const client = await connect(server);
    client.send({
      t: 'hello',
      role: 'agent',
      action: 'join',
      token: await mint('agent'),
      pin: 'NOPE42',
    });
    const err = await expectRefused(client, 1006, CloseCodes.NOT_FOUND);
    expect(err.errorMsg).toContain('NOPE42');
  });

  it('refuses a customer token joining as agent with 2001 (role mismatch)', async () => {
    const server = await startServer();
    await startCustomer(server, { pin: 'AB12' });
    const client = await connect(server);
    client.send({
      t: 'hello',
      role: 'agent',
      action: 'join',
      token: await mint('customer'),
      pin: 'AB12',
    });
    const err = await expectRefused(client, 2001, CloseCodes.FORBIDDEN);
    expect(err.errorMsg).toMatch(/role mismatch/i);
  });

  it('refuses agents beyond maxAgentsPerSession with 1013', async () => {
    const server = await startServer({ maxAgentsPerSession: 2 });
    await startCustomer(server, { pin: 'AB12' });
    await joinAgent(server, 'AB12');
    await joinAgent(server, 'AB12');
    const client = await connect(server);
    client.send({
      t: 'hello',
      role: 'agent',
      action: 'join',
      token: await mint('agent'),
      pin: 'AB12',
    });
    await expectRefused(client, 1013, CloseCodes.LIMIT);
  });

  it('replaces the older connection of the same agent user_id (close 4001, no error)', async () => {
    const server = await startServer({ maxAgentsPerSession: 1 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    const first = await joinAgent(server, 'AB12', { userId: 'ada' });
    await customer.client.next('agent_joined');
    const second = await joinAgent(server, 'AB12', { userId: 'ada' });
    expect((await first.client.closed).code).toBe(CloseCodes.REPLACED);
    expect(first.client.all('error')).toEqual([]);
    expect(second.welcome.agents).toHaveLength(1);
    await customer.client.settle();
    expect(customer.client.all('agent_joined')).toHaveLength(1);
    expect(customer.client.all('agent_left')).toHaveLength(0);
  });

  it('forwards agent signals to the customer with `from`, and customer signals to agents', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12', { userId: 'ada' });
    agent.client.send({ t: 'signal', kind: 'cursor', data: { x: 1, y: 2 } });
    expect(await customer.client.next('signal')).toMatchObject({
      kind: 'cursor',
      data: { x: 1, y: 2 },
      from: { userId: 'ada' },
    });
    customer.client.send({ t: 'signal', kind: 'consent', data: { granted: true } });
    expect(await agent.client.next('signal')).toMatchObject({
      kind: 'consent',
      data: { granted: true },
    });
  });

  it('tells the customer when an agent leaves', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12', { userId: 'ada' });
    agent.client.send({ t: 'leave' });
    expect(await customer.client.next('agent_left')).toMatchObject({
      agent: { userId: 'ada' },
      agentCount: 0,
    });
    expect((await agent.client.closed).code).toBe(CloseCodes.NORMAL);
  });
});

describe('live events and the checkpoint', () => {
  it('forwards customer events to every agent, in order', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const a = await joinAgent(server, 'AB12');
    const b = await joinAgent(server, 'AB12');
    customer.client.send({ t: 'events', events: fullBatch(), full: true });
    for (let i = 0; i < 100; i++) customer.client.send({ t: 'events', events: events(3, i * 3) });
    // The customer's pong proves the relay forwarded everything; the agent's, that it arrived.
    await customer.client.settle();
    for (const agent of [a, b]) {
      await agent.client.settle();
      const got = agent.client.all('events');
      expect(got).toHaveLength(101);
      expect(got[0]?.reset).toBe(true);
      const ids = got.slice(1).flatMap((f) => f.events.map((e) => (e.data as { i: number }).i));
      expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => i));
      expect(got.slice(1).every((f) => f.reset === undefined)).toBe(true);
      expect(agent.client.invalid).toEqual([]);
    }
  });

  it('gives a late agent the checkpoint as one reset frame, without asking for another snapshot', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    customer.client.send({ t: 'events', events: events(2, 0), full: false }); // before any full: not kept
    customer.client.send({ t: 'events', events: fullBatch(), full: true });
    customer.client.send({ t: 'events', events: events(2, 10) });
    customer.client.send({ t: 'events', events: events(1, 12) });
    await customer.client.settle();
    const agent = await joinAgent(server, 'AB12');
    const cp = await agent.client.next('events');
    expect(cp.reset).toBe(true);
    expect(cp.events.map((e) => e.type)).toEqual([4, 2, 3, 3, 3]);
    // The checkpoint is current; a second full snapshot would rebuild every agent's view again.
    expect(await customer.client.next('agent_joined')).toMatchObject({ agentCount: 1 });
    await customer.client.settle();
    expect(customer.client.all('snapshot_request')).toEqual([]);
  });

  it('asks for a snapshot when the checkpoint would overflow, and keeps none until it arrives', async () => {
    const server = await startServer({ checkpointMaxEvents: 10 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    customer.client.send({ t: 'events', events: fullBatch(), full: true });
    customer.client.send({ t: 'events', events: events(5) });
    customer.client.send({ t: 'events', events: events(5, 5) }); // 12 > 10
    expect(await customer.client.next('snapshot_request')).toMatchObject({
      reason: 'checkpoint_overflow',
    });

    const agent = await joinAgent(server, 'AB12');
    await agent.client.settle();
    expect(agent.client.all('events')).toHaveLength(0);

    customer.client.send({ t: 'events', events: fullBatch(1), full: true });
    const fresh = await agent.client.next('events');
    expect(fresh.reset).toBe(true);
    const late = await joinAgent(server, 'AB12');
    expect((await late.client.next('events')).events).toHaveLength(2);
  });

  it('bounds the checkpoint by size too', async () => {
    const server = await startServer({ checkpointMaxBytes: 2000 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    customer.client.send({ t: 'events', events: fullBatch(), full: true });
    customer.client.send({
      t: 'events',
      events: [{ type: 3, timestamp: 1, data: 'x'.repeat(3000) }],
    });
    expect(await customer.client.next('snapshot_request')).toMatchObject({
      reason: 'checkpoint_overflow',
    });
  });

  it('does not ask again when the snapshot alone fills half the checkpoint; a joining agent still gets one', async () => {
    const server = await startServer({ checkpointMaxBytes: 2000 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    const big = [
      { type: 4, timestamp: 1, data: { href: 'https://shop.example/', width: 800, height: 600 } },
      {
        type: 2,
        timestamp: 1,
        data: { node: { id: 1, type: 0, childNodes: [] }, pad: 'x'.repeat(1500) },
      },
    ];
    customer.client.send({ t: 'events', events: big, full: true });
    customer.client.send({
      t: 'events',
      events: [{ type: 3, timestamp: 2, data: 'y'.repeat(600) }],
    });
    await customer.client.settle();
    expect(customer.client.all('snapshot_request')).toEqual([]);

    await joinAgent(server, 'AB12');
    expect(await customer.client.next('snapshot_request')).toMatchObject({
      reason: 'agent_joined',
    });
  });

  it('refuses events from an agent', async () => {
    const server = await startServer();
    await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12');
    agent.client.send({ t: 'events', events: events(1) });
    await expectRefused(agent.client, 4400, CloseCodes.MALFORMED);
  });

  it('answers ping with pong', async () => {
    const server = await startServer();
    const { client } = await startCustomer(server);
    client.send({ t: 'ping', at: 42 });
    expect(await client.next('pong')).toMatchObject({ at: 42 });
  });

  it('resyncs a slow agent from the checkpoint instead of buffering without bound', async () => {
    const server = await startServer({ agentMaxBufferedBytes: 64 * 1024 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12');
    customer.client.send({ t: 'events', events: fullBatch(), full: true });
    await agent.client.next('events');
    // Stop reading: the kernel buffers fill, then the relay's own queue grows.
    const socket = (agent.client.ws as unknown as { _socket: { pause(): void; resume(): void } })
      ._socket;
    socket.pause();
    const chunk = 'y'.repeat(256 * 1024);
    for (let i = 0; i < 60; i++) {
      customer.client.send({
        t: 'events',
        events: [{ type: 3, timestamp: i, data: { i, chunk } }],
      });
    }
    // 15 MB is past the checkpoint bound: the relay asks for a fresh snapshot, as an sdk would get.
    while (
      (await customer.client.next('snapshot_request', 10_000)).reason !== 'checkpoint_overflow'
    );
    customer.client.send({ t: 'events', events: fullBatch(7), full: true });
    await customer.client.settle();
    expect(server.stats().agents).toBe(1);
    socket.resume();
    // The agent converges on the fresh snapshot without having received every batch.
    for (;;) {
      const f = await agent.client.next('events', 10_000);
      const node = (f.events[1]?.data as { node?: { marker?: number } } | undefined)?.node;
      if (f.reset && node?.marker === 7) break;
    }
    const live = agent.client.all('events').filter((f) => !f.reset);
    expect(live.length).toBeLessThan(60);
    expect(agent.client.invalid).toEqual([]);
  }, 20_000);
});

describe('malformed input', () => {
  const bad: Array<[string, (c: Client) => void]> = [
    ['non-JSON', (c) => c.sendRaw('{nope')],
    [
      'wrong version',
      (c) => c.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION + 1, seq: 1, t: 'ping', at: 1 })),
    ],
    [
      'seq gap',
      (c) => c.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, seq: 2, t: 'ping', at: 1 })),
    ],
    [
      'unknown type',
      (c) => c.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, seq: 1, t: 'teleport' })),
    ],
    [
      'binary',
      (c) => c.sendRaw(Buffer.from(JSON.stringify({ v: 1, seq: 1, t: 'ping', at: 1 })), true),
    ],
    ['huge', (c) => c.sendRaw(`"${'z'.repeat(MAX_FRAME_BYTES + 10)}"`)],
    ['array', (c) => c.sendRaw('[1,2,3]')],
    ['not hello first', (c) => c.send({ t: 'ping', at: 1 })],
    [
      'bad hello',
      (c) => c.sendRaw(JSON.stringify({ v: 1, seq: 1, t: 'hello', role: 'boss', action: 'start' })),
    ],
  ];

  it.each(bad)('%s → error frame + close 4400, and the relay keeps serving', async (_name, act) => {
    const server = await startServer();
    const client = await connect(server);
    act(client);
    const err = await client.next('error');
    expect(err).toMatchObject({ errorCode: 4400, fatal: true });
    expect((await client.closed).code).toBe(CloseCodes.MALFORMED);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const { welcome } = await startCustomer(server);
    expect(welcome.pin).toMatch(/^\d{6}$/);
  });

  it('closes an open session socket on a repeated seq or a second hello', async () => {
    const server = await startServer();
    const a = await startCustomer(server);
    a.client.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, seq: 1, t: 'ping', at: 1 }));
    await expectRefused(a.client, 4400, CloseCodes.MALFORMED);
    const b = await startCustomer(server);
    b.client.send({ t: 'hello', role: 'customer', action: 'start', token: await mint('customer') });
    await expectRefused(b.client, 4400, CloseCodes.MALFORMED);
  });

  it('closes a socket that sends no hello in time with 4408', async () => {
    const server = await startServer({ helloTimeoutMs: 50 });
    const client = await connect(server);
    expect(await client.next('error')).toMatchObject({ errorCode: 4408 });
    expect((await client.closed).code).toBe(CloseCodes.TIMEOUT);
  });
});

describe('recovery and endings', () => {
  it('lets the customer resume inside the grace window', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12', { userId: 'ada' });
    await agent.client.next('customer_status');
    customer.client.ws.terminate();
    expect(await agent.client.next('customer_status')).toMatchObject({ status: 'reconnecting' });

    const wrong = await connect(server);
    wrong.send({
      t: 'hello',
      role: 'customer',
      action: 'resume',
      sessionId: customer.welcome.sessionId,
      resumeToken: 'nope',
    });
    await expectRefused(wrong, 1011, CloseCodes.NOT_FOUND);

    const back = await connect(server);
    back.send({
      t: 'hello',
      role: 'customer',
      action: 'resume',
      sessionId: customer.welcome.sessionId,
      resumeToken: customer.welcome.resumeToken,
    });
    const welcome = await back.next('welcome');
    expect(welcome).toMatchObject({ sessionId: customer.welcome.sessionId, pin: 'AB12' });
    expect(welcome.agents.map((a) => a.userId)).toEqual(['ada']);
    expect(await agent.client.next('customer_status')).toMatchObject({ status: 'connected' });
    expect(await back.next('snapshot_request')).toMatchObject({ reason: 'resume' });
    back.send({ t: 'events', events: fullBatch(), full: true });
    expect(await agent.client.next('events')).toMatchObject({ reset: true });
  });

  it('replaces a still-open customer socket when the customer resumes (close 4001)', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const back = await connect(server);
    back.send({
      t: 'hello',
      role: 'customer',
      action: 'resume',
      sessionId: customer.welcome.sessionId,
      resumeToken: customer.welcome.resumeToken,
    });
    expect(await back.next('welcome')).toMatchObject({ pin: 'AB12' });
    expect((await customer.client.closed).code).toBe(CloseCodes.REPLACED);
    const agent = await joinAgent(server, 'AB12');
    expect(await agent.client.next('customer_status')).toMatchObject({ status: 'connected' });
  });

  it('ends the session when the grace window passes, and releases the PIN', async () => {
    const server = await startServer({ reconnectGraceMs: 80 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12');
    customer.client.ws.terminate();
    expect(await agent.client.next('session_ended')).toMatchObject({ reason: 'timeout' });
    expect((await agent.client.closed).code).toBe(CloseCodes.SESSION_ENDED);
    const again = await startCustomer(server, { pin: 'AB12' });
    expect(again.welcome.pin).toBe('AB12');
    const late = await connect(server);
    late.send({
      t: 'hello',
      role: 'customer',
      action: 'resume',
      sessionId: customer.welcome.sessionId,
      resumeToken: customer.welcome.resumeToken,
    });
    await expectRefused(late, 1011, CloseCodes.NOT_FOUND);
  });

  it('ends the session when agents wait longer than agentWaitMs for the customer', async () => {
    const server = await startServer({ agentWaitMs: 60, reconnectGraceMs: 60_000 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    const agent = await joinAgent(server, 'AB12');
    customer.client.ws.terminate();
    expect(await agent.client.next('session_ended')).toMatchObject({ reason: 'timeout' });
  });

  it('sends everyone session_ended when the customer ends', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const a = await joinAgent(server, 'AB12');
    const b = await joinAgent(server, 'AB12');
    customer.client.send({ t: 'end' });
    for (const c of [customer.client, a.client, b.client]) {
      expect(await c.next('session_ended')).toMatchObject({ reason: 'ended_by_customer' });
      expect((await c.closed).code).toBe(CloseCodes.SESSION_ENDED);
    }
    const res = await (await fetch(`${server.url}/healthz`)).json();
    expect(res).toMatchObject({ ok: true, sessions: 0 });
  });

  it('lets a dropped agent resume with its resume token and get the checkpoint', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    customer.client.send({ t: 'events', events: fullBatch(), full: true });
    const agent = await joinAgent(server, 'AB12', { userId: 'ada' });
    agent.client.ws.terminate();
    expect(await customer.client.next('agent_left')).toMatchObject({ agentCount: 0 });
    const back = await connect(server);
    back.send({
      t: 'hello',
      role: 'agent',
      action: 'resume',
      sessionId: agent.welcome.sessionId,
      resumeToken: agent.welcome.resumeToken,
    });
    expect(await back.next('welcome')).toMatchObject({ role: 'agent', pin: 'AB12' });
    expect(await back.next('events')).toMatchObject({ reset: true });
    expect(await customer.client.next('agent_joined')).toMatchObject({
      agent: { userId: 'ada' },
      agentCount: 1,
    });
  });

  it('refuses an agent resume after leave, and one that no longer fits under the limit', async () => {
    const server = await startServer({ maxAgentsPerSession: 1 });
    const customer = await startCustomer(server, { pin: 'AB12' });
    const a = await joinAgent(server, 'AB12', { userId: 'a' });
    a.client.ws.terminate();
    await customer.client.next('agent_left');
    await joinAgent(server, 'AB12', { userId: 'b' });
    const back = await connect(server);
    back.send({
      t: 'hello',
      role: 'agent',
      action: 'resume',
      sessionId: a.welcome.sessionId,
      resumeToken: a.welcome.resumeToken,
    });
    expect(await back.next('error')).toMatchObject({ errorCode: 1013 });

    const server2 = await startServer();
    await startCustomer(server2, { pin: 'CD34' });
    const c = await joinAgent(server2, 'CD34');
    c.client.send({ t: 'leave' });
    await c.client.closed;
    const again = await connect(server2);
    again.send({
      t: 'hello',
      role: 'agent',
      action: 'resume',
      sessionId: c.welcome.sessionId,
      resumeToken: c.welcome.resumeToken,
    });
    expect(await again.next('error')).toMatchObject({ errorCode: 1011 });
  });

  it('ends every session with server_shutdown on close()', async () => {
    const server = await startServer();
    const customer = await startCustomer(server);
    await server.close();
    expect(await customer.client.next('session_ended')).toMatchObject({
      reason: 'server_shutdown',
    });
  });

  it('releases the PIN of a socket that closed while its hello was in flight', async () => {
    const base = createMemoryStore();
    let reserved!: () => void;
    const reservedOnce = new Promise<void>((r) => {
      reserved = r;
    });
    const store: SessionStore = {
      ...base,
      async reservePin(...args) {
        // A slow store (think Redis) leaves time for the socket to go away mid-hello.
        await new Promise((r) => setTimeout(r, 40));
        const ok = await base.reservePin(...args);
        reserved();
        return ok;
      },
    };
    const server = await startServer({ store });
    const client = await connect(server);
    client.send({
      t: 'hello',
      role: 'customer',
      action: 'start',
      token: await mint('customer', { byop: true }),
      pin: 'GONE1',
    });
    await new Promise((r) => setTimeout(r, 5));
    client.ws.terminate();
    await reservedOnce;
    await expect.poll(() => base.lookupPin(SDK_KEY, 'GONE1')).toBeUndefined();
    expect(await base.countSessions()).toBe(0);
    const again = await startCustomer(server, { pin: 'GONE1' });
    expect(again.welcome.pin).toBe('GONE1');
  });
});
