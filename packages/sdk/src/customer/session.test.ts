// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ZoomCustomerSession, ZoomCustomerSettings } from '@cobrowse-kit/core';
import {
  FakeRelay,
  agentToken,
  customerToken,
  memoryStorage,
  recordEvents,
  waitFor,
  welcome,
  wsConnect,
} from '../../test/fake-relay';
import type { WebSocketFactory } from '../internal/link';
import type { RecorderFactory, RecorderOptions } from '../mirror/types';
import type { WireEvent } from '../protocol/index';
import { windowTab } from '../internal/recovery';
import { createCustomerSdk } from './session';

const META: WireEvent = {
  type: 4,
  timestamp: 1,
  data: { href: 'http://x/', width: 800, height: 600 },
};
const FULL: WireEvent = {
  type: 2,
  timestamp: 2,
  data: { node: {}, initialOffset: { left: 0, top: 0 } },
};
const MOVE: WireEvent = { type: 3, timestamp: 3, data: { source: 1, positions: [] } };

/** A recorder that emits Meta + FullSnapshot like rrweb does, without rrweb. */
function fakeRecorders() {
  const made: Array<{ options: RecorderOptions; stopped: boolean; snapshots: number }> = [];
  const factory: RecorderFactory = (options) => {
    const r = { options, stopped: false, snapshots: 0 };
    made.push(r);
    options.emit({ ...META });
    options.emit({ ...FULL });
    return {
      stop: () => {
        r.stopped = true;
      },
      takeFullSnapshot: () => {
        r.snapshots++;
        options.emit({ ...META });
        options.emit({ ...FULL });
      },
    };
  };
  return { made, factory };
}

const EVENTS = [
  'pincode_updated',
  'session_started',
  'agent_joined',
  'agent_left',
  'session_ended',
  'session_error',
  'session_recoverable',
  'session_reconnecting',
  'session_reconnected',
];

let relay: FakeRelay;
beforeEach(async () => {
  relay = await FakeRelay.start();
});
afterEach(async () => {
  await relay.stop();
});

function makeSdk(
  opts: { requirePin?: boolean; storage?: Storage; connect?: WebSocketFactory } = {},
) {
  const recorders = fakeRecorders();
  const storage = opts.storage ?? memoryStorage();
  const sdk = createCustomerSdk({
    requirePin: opts.requirePin ?? true,
    serverUrl: (s) => (s.serverUrl as string | undefined) ?? relay.url,
    createRecorder: recorders.factory,
    connect: opts.connect ?? wsConnect,
    backpressure: { pollMs: 5 },
    storage,
    batchMs: 2,
    timing: { backoffMs: [10] },
  });
  return { sdk, recorders, storage };
}

async function init(sdk: ReturnType<typeof makeSdk>['sdk'], settings: ZoomCustomerSettings = {}) {
  let sync = true;
  const r = new Promise<{ success: boolean; session: ZoomCustomerSession; async: boolean }>(
    (resolve) => sdk.init(settings, (res) => resolve({ ...res, async: !sync })),
  );
  sync = false;
  return r;
}

/** Starts a session against the relay and returns the relay's side of it. */
async function started(settings: ZoomCustomerSettings = {}, graceMs = 120_000) {
  const ctx = makeSdk();
  const { session } = await init(ctx.sdk, settings);
  const log = recordEvents(session, EVENTS);
  session.start({ customPinCode: 'ab12', sdkToken: customerToken() });
  const conn = await relay.conn(0);
  await conn.frame('hello');
  conn.send(welcome({ graceMs }));
  await waitFor(() => log.some(([n]) => n === 'session_started'), 'session_started');
  return { ...ctx, session, log, conn };
}

describe('customer init', () => {
  it('calls back asynchronously with success and a fresh session', async () => {
    const { sdk } = makeSdk();
    const r = await init(sdk);
    expect(r.success).toBe(true);
    expect(r.async).toBe(true);
    expect(r.session.getSessionInfo()).toEqual({
      sessionStatus: 'session_not_started',
      pinCode: undefined,
      sessionId: undefined,
    });
  });

  it('returns the same session to a second init (one recorder per page)', async () => {
    const { sdk } = makeSdk();
    const a = await init(sdk);
    const b = await init(sdk);
    expect(b.session).toBe(a.session);
  });
});

describe('customer start: client-side checks', () => {
  it.each([
    [1009, 'no PIN on the npm entry', undefined, customerToken()],
    [1008, 'a malformed PIN', 'ab-12', customerToken()],
    [1008, 'a PIN over 10 characters', 'ABCDEFGHIJK', customerToken()],
    [2001, 'an agent token', 'AB12', agentToken()],
    [2001, 'no token', 'AB12', ''],
    [1001, 'a custom PIN without enable_byop', 'AB12', customerToken(false)],
  ])('reports %i for %s, without connecting', async (code, _, pin, token) => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk);
    const log = recordEvents(session, EVENTS);
    session.start({ customPinCode: pin as string, sdkToken: token });
    expect(log).toEqual([['session_error', expect.objectContaining({ errorCode: code })]]);
    expect(
      String((log[0]?.[1] as { errorMsg?: string } | undefined)?.errorMsg).length,
    ).toBeGreaterThan(10);
    await new Promise((r) => setTimeout(r, 30));
    expect(relay.conns).toHaveLength(0);
    expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
  });

  it('lets the CDN entry start without a PIN (the relay generates one)', async () => {
    const { sdk } = makeSdk({ requirePin: false });
    const { session } = await init(sdk);
    const log = recordEvents(session, EVENTS);
    session.start({ sdkToken: customerToken(false) });
    const conn = await relay.conn(0);
    const hello = await conn.frame('hello');
    expect('pin' in hello).toBe(false);
    conn.send(welcome({ pin: '402917' }));
    await waitFor(() => log.length >= 2, 'events');
    expect(log[0]).toEqual(['pincode_updated', { pinCode: '402917', pincode: '402917' }]);
  });
});

describe('customer session over the relay', () => {
  it('starts with the normalised PIN, reports the relay PIN, and streams a full snapshot', async () => {
    const { session, log, conn, recorders } = await started({
      piiMask: { maskType: 'custom_input', maskCssSelectors: '.card' },
    });
    expect(conn.frames[0]).toMatchObject({
      t: 'hello',
      role: 'customer',
      action: 'start',
      pin: 'AB12',
      seq: 1,
    });
    expect(log.slice(0, 2)).toEqual([
      ['pincode_updated', { pinCode: 'AB12', pincode: 'AB12' }],
      ['session_started', { sessionId: 'sess-1', pinCode: 'AB12' }],
    ]);
    expect(session.getSessionInfo()).toEqual({
      sessionStatus: 'session_started',
      pinCode: 'AB12',
      sessionId: 'sess-1',
    });
    expect(recorders.made).toHaveLength(1);
    expect(recorders.made[0]?.options.piiMask).toEqual({
      maskType: 'custom_input',
      maskCssSelectors: '.card',
    });
    const batch = await conn.frame('events');
    expect(batch).toMatchObject({ full: true, seq: 2 });
    expect(batch.events.map((e) => e.type)).toEqual([4, 2]);
    session.end();
  });

  it('batches later events and answers snapshot_request with a full batch', async () => {
    const { session, conn, recorders } = await started();
    await conn.frame('events');
    recorders.made[0]?.options.emit({ ...MOVE });
    recorders.made[0]?.options.emit({ ...MOVE });
    await conn.until(
      () => conn.frames.filter((f) => f.t === 'events').length === 2,
      'second batch',
    );
    const second = conn.frames.filter((f) => f.t === 'events')[1];
    expect(second).toMatchObject({ full: false, events: [MOVE, MOVE] });
    conn.send({ t: 'snapshot_request', reason: 'agent_joined' });
    await conn.until(() => conn.frames.filter((f) => f.t === 'events').length === 3, 'full batch');
    expect(recorders.made[0]?.snapshots).toBe(1);
    expect(conn.frames.filter((f) => f.t === 'events')[2]).toMatchObject({ full: true });
    session.end();
  });

  it('stops sending increments while the socket is backed up, then sends a full snapshot', async () => {
    let buffered = 0;
    const connect: WebSocketFactory = (url) => {
      const ws = wsConnect(url);
      Object.defineProperty(ws, 'bufferedAmount', { get: () => buffered });
      return ws;
    };
    const { sdk, recorders } = makeSdk({ connect });
    const { session } = await init(sdk);
    session.start({ customPinCode: 'AB12', sdkToken: customerToken() });
    const conn = await relay.conn(0);
    await conn.frame('hello');
    conn.send(welcome());
    await conn.frame('events');
    const rec = recorders.made[0];
    const events = () => conn.frames.filter((f) => f.t === 'events');

    buffered = 5 * 1024 * 1024;
    rec?.options.emit({ ...MOVE });
    await new Promise((r) => setTimeout(r, 20));
    // Still above the low-water mark: keep dropping, and a snapshot request waits for the drain.
    buffered = 1024 * 1024;
    conn.send({ t: 'snapshot_request', reason: 'agent_joined' });
    rec?.options.emit({ ...MOVE });
    await new Promise((r) => setTimeout(r, 30));
    expect(events()).toHaveLength(1);
    expect(rec?.snapshots).toBe(0);

    buffered = 0;
    await conn.until(() => events().length === 2, 'the full snapshot after the drain');
    expect(events()[1]).toMatchObject({ full: true, events: [META, FULL] });
    expect(rec?.snapshots).toBe(1);
    // Drained: increments flow again.
    rec?.options.emit({ ...MOVE });
    await conn.until(() => events().length === 3, 'an increment');
    expect(events()[2]).toMatchObject({ full: false, events: [MOVE] });
    session.end();
  });

  it('does not read its own full snapshot as congestion when the page is bigger than the high-water mark', async () => {
    // The socket queue grows by what is sent and drains only when the test says so; a full
    // batch counts as a 5 MiB snapshot (over the default 4 MiB high-water mark).
    let queued = 0;
    const connect: WebSocketFactory = (url) => {
      const ws = wsConnect(url);
      const send = ws.send.bind(ws);
      ws.send = (data: string) => {
        queued += data.includes('"full":true') ? 5 * 1024 * 1024 : data.length;
        send(data);
      };
      Object.defineProperty(ws, 'bufferedAmount', { get: () => queued });
      return ws;
    };
    const { sdk, recorders } = makeSdk({ connect });
    const { session } = await init(sdk);
    session.start({ customPinCode: 'AB12', sdkToken: customerToken() });
    const conn = await relay.conn(0);
    await conn.frame('hello');
    conn.send(welcome());
    await conn.frame('events');
    const rec = recorders.made[0];
    const events = () => conn.frames.filter((f) => f.t === 'events');

    // The snapshot is still queued: an edit right after it goes out, and no resync starts.
    rec?.options.emit({ ...MOVE });
    await conn.until(() => events().length === 2, 'the edit behind the large snapshot');
    expect(events()[1]).toMatchObject({ full: false, events: [MOVE] });
    // A really slow uplink still counts: 5 MiB more behind the snapshot drops increments.
    queued += 5 * 1024 * 1024;
    rec?.options.emit({ ...MOVE });
    await new Promise((r) => setTimeout(r, 30));
    expect(events()).toHaveLength(2);
    queued = 0;
    await conn.until(() => events().length === 3, 'the resync after the drain');
    expect(events()[2]).toMatchObject({ full: true });
    expect(rec?.snapshots).toBe(1);
    session.end();
  });

  it('does not serialise the page twice when a snapshot request meets an unsent full batch', async () => {
    const { sdk, recorders } = makeSdk();
    const { session } = await init(sdk);
    session.start({ customPinCode: 'AB12', sdkToken: customerToken() });
    const conn = await relay.conn(0);
    await conn.frame('hello');
    // The relay asks in the same breath as welcome (a resume with agents present).
    conn.send(welcome());
    conn.send({ t: 'snapshot_request', reason: 'resume' });
    await conn.frame('events');
    await new Promise((r) => setTimeout(r, 30));
    expect(recorders.made[0]?.snapshots).toBe(0);
    expect(conn.frames.filter((f) => f.t === 'events')).toHaveLength(1);
    session.end();
  });

  it('reports agents joining and leaving', async () => {
    const { session, log, conn } = await started();
    const agent = { userId: 'a1', userName: 'Ann' };
    conn.send({ t: 'agent_joined', agent, agentCount: 1 });
    conn.send({ t: 'agent_left', agent, agentCount: 0 });
    await waitFor(() => log.some(([n]) => n === 'agent_left'), 'agent_left');
    expect(log.filter(([n]) => n.startsWith('agent'))).toEqual([
      ['agent_joined', { ...agent, agentCount: 1 }],
      ['agent_left', { ...agent, agentCount: 0 }],
    ]);
    session.end();
  });

  it('refuses a second start while running (1002)', async () => {
    const { session, log } = await started();
    session.start({ customPinCode: 'CD34', sdkToken: customerToken() });
    expect(log.at(-1)).toEqual(['session_error', expect.objectContaining({ errorCode: 1002 })]);
    session.end();
  });

  it('end() sends end, stops recording, forgets the session and reports session_ended', async () => {
    const { session, log, conn, recorders, storage } = await started();
    expect(storage.data.size).toBe(1);
    session.end();
    await conn.frame('end');
    expect((await conn.waitClosed()).code).toBe(1000);
    expect(recorders.made[0]?.stopped).toBe(true);
    expect(storage.data.size).toBe(0);
    expect(log.at(-1)).toEqual(['session_ended', { reason: 'customer_ended' }]);
    expect(session.getSessionInfo().sessionStatus).toBe('session_ended');
    session.end();
    expect(log.filter(([n]) => n === 'session_ended')).toHaveLength(1);
  });

  it('reports session_ended when the relay ends the session', async () => {
    const { session, log, conn, recorders } = await started();
    conn.send({ t: 'session_ended', reason: 'agent_ended' });
    await waitFor(() => log.some(([n]) => n === 'session_ended'), 'session_ended');
    expect(log.at(-1)).toEqual(['session_ended', { reason: 'agent_ended' }]);
    expect(recorders.made[0]?.stopped).toBe(true);
    expect(session.getSessionInfo().sessionStatus).toBe('session_ended');
  });

  it('forwards a relay refusal (1010) and can start again afterwards', async () => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk);
    const log = recordEvents(session, EVENTS);
    session.start({ customPinCode: 'AB12', sdkToken: customerToken() });
    const c0 = await relay.conn(0);
    await c0.frame('hello');
    c0.send({ t: 'error', errorCode: 1010, errorMsg: 'PIN AB12 is in use', fatal: true });
    await waitFor(() => log.length, 'error');
    expect(log).toEqual([['session_error', { errorCode: 1010, errorMsg: 'PIN AB12 is in use' }]]);
    expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
    session.start({ customPinCode: 'CD34', sdkToken: customerToken() });
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({ pin: 'CD34' });
    session.end();
  });

  it('reports 1016 when the relay cannot be reached', async () => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk, { serverUrl: 'http://127.0.0.1:9' });
    const log = recordEvents(session, EVENTS);
    session.start({ customPinCode: 'AB12', sdkToken: customerToken() });
    await waitFor(() => log.length, 'error');
    expect(log[0]).toEqual(['session_error', expect.objectContaining({ errorCode: 1016 })]);
    expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
  });

  it('reconnects after a drop: stops recording, resumes, sends a fresh full snapshot', async () => {
    const { session, log, conn, recorders } = await started();
    await conn.frame('events');
    conn.kill();
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({
      action: 'resume',
      sessionId: 'sess-1',
      resumeToken: 'resume-1',
    });
    expect(recorders.made[0]?.stopped).toBe(true);
    c1.send(welcome({ resumeToken: 'resume-2' }));
    const batch = await c1.frame('events');
    expect(batch).toMatchObject({ full: true, seq: 2 });
    expect(recorders.made).toHaveLength(2);
    expect(log.map(([n]) => n)).toEqual([
      'pincode_updated',
      'session_started',
      'session_reconnecting',
      'session_reconnected',
    ]);
    session.end();
  });
});

describe('customer recovery after a reload', () => {
  it('offers the stored session as recoverable and resumes it with join()', async () => {
    const first = await started();
    // A reload: a new page (new SDK object) over the same tab storage.
    const reload = makeSdk({ storage: first.storage });
    let log: Array<[string, unknown]> = [];
    const { session } = await new Promise<{ session: ZoomCustomerSession }>((resolve) => {
      reload.sdk.init({}, (r) => {
        // Handlers registered in the callback hear session_recoverable.
        log = recordEvents(r.session, EVENTS);
        resolve(r);
      });
    });
    expect(session.getSessionInfo()).toEqual({
      sessionStatus: 'session_recoverable',
      pinCode: 'AB12',
      sessionId: 'sess-1',
    });
    await waitFor(() => log.length, 'session_recoverable');
    expect(log[0]).toEqual(['session_recoverable', { pinCode: 'AB12' }]);
    session.join();
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({
      role: 'customer',
      action: 'resume',
      sessionId: 'sess-1',
      resumeToken: 'resume-1',
    });
    c1.send(welcome({ agents: [{ userId: 'a1', userName: 'Ann' }] }));
    await waitFor(() => log.some(([n]) => n === 'session_started'), 'session_started');
    expect(log.slice(1).map(([n]) => n)).toEqual([
      'pincode_updated',
      'session_started',
      'agent_joined',
    ]);
    expect(reload.recorders.made).toHaveLength(1);
    expect(await c1.frame('events')).toMatchObject({ full: true });
    session.end();
    first.session.end();
  });

  it('a new tab or popup with a copy of the sessionStorage does not take the session over', async () => {
    const first = await started();
    const key = 'cobrowse-kit:customer-session';
    // window.open copies sessionStorage into the new window, but not window.name (the tab id).
    const copy = memoryStorage();
    for (const [k, v] of first.storage.data) copy.data.set(k, v);
    const openerName = window.name;
    window.name = 'integrator-name';
    try {
      const popup = makeSdk({ storage: copy });
      const { session } = await init(popup.sdk);
      expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
      const log = recordEvents(session, EVENTS);
      session.join();
      expect(log[0]).toEqual(['session_error', expect.objectContaining({ errorCode: 1001 })]);
      expect(relay.conns).toHaveLength(1);
      // Ignored, not deleted: the record is the original tab's.
      expect(copy.data.get(key)).toBe(first.storage.data.get(key));
      session.end();
      expect(copy.data.get(key)).toBe(first.storage.data.get(key));
      expect(window.name).toBe('integrator-name');
    } finally {
      window.name = openerName;
    }
    first.session.end();
  });

  it('forgets the record when the relay no longer knows the session', async () => {
    const storage = memoryStorage();
    storage.setItem(
      'cobrowse-kit:customer-session',
      JSON.stringify({
        sessionId: 's',
        resumeToken: 'r',
        pin: 'AB12',
        expiresAt: Date.now() + 60_000,
        tab: windowTab().claim(),
      }),
    );
    const { sdk } = makeSdk({ storage });
    const { session } = await init(sdk);
    const log = recordEvents(session, EVENTS);
    session.join();
    const c = await relay.conn(0);
    await c.frame('hello');
    c.send({ t: 'error', errorCode: 1006, errorMsg: 'session expired', fatal: true });
    await waitFor(() => log.some(([n]) => n === 'session_error'), 'error');
    expect(storage.data.size).toBe(0);
    expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
  });

  it('ignores an expired record', async () => {
    const storage = memoryStorage();
    storage.setItem(
      'cobrowse-kit:customer-session',
      JSON.stringify({ sessionId: 's', resumeToken: 'r', pin: 'AB12', expiresAt: Date.now() - 1 }),
    );
    const { sdk } = makeSdk({ storage });
    const { session } = await init(sdk);
    expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
    const log = recordEvents(session, EVENTS);
    session.join();
    expect(log[0]).toEqual(['session_error', expect.objectContaining({ errorCode: 1001 })]);
  });

  it('end() on a recoverable session resumes it only to end it', async () => {
    const first = await started();
    const reload = makeSdk({ storage: first.storage });
    const { session } = await init(reload.sdk);
    const log = recordEvents(session, EVENTS);
    session.end();
    const c1 = await relay.conn(1);
    await c1.frame('hello');
    c1.send(welcome());
    await c1.frame('end');
    await waitFor(() => log.some(([n]) => n === 'session_ended'), 'session_ended');
    expect(log.map(([n]) => n)).not.toContain('session_started');
    expect(reload.recorders.made).toHaveLength(0);
    expect(first.storage.data.size).toBe(0);
    first.session.end();
  });
});
