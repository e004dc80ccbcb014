// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZoomAgentInitResult, ZoomAgentSession, ZoomAgentSettings } from '@cobrowse-kit/core';
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
import type { ApplyOptions, MirrorFactory } from '../mirror/types';
import type { WireEvent } from '../protocol/index';
import { createAgentSdk, withHostOrigin } from './session';

const META: WireEvent = {
  type: 4,
  timestamp: 1,
  data: { href: 'http://x/', width: 800, height: 600 },
};
const FULL: WireEvent = { type: 2, timestamp: 2, data: {} };
const MOVE: WireEvent = { type: 3, timestamp: 3, data: { source: 1, positions: [] } };

function fakeMirrors(opts: { throwOnApply?: boolean } = {}) {
  const made: Array<{
    mount: HTMLElement;
    applied: Array<[WireEvent[], ApplyOptions | undefined]>;
    destroyed: boolean;
  }> = [];
  const factory: MirrorFactory = (mount) => {
    const m = {
      mount,
      applied: [] as Array<[WireEvent[], ApplyOptions | undefined]>,
      destroyed: false,
    };
    made.push(m);
    return {
      apply: (events, o) => {
        if (opts.throwOnApply) throw new Error('replay bug');
        m.applied.push([events, o]);
      },
      destroy: () => {
        m.destroyed = true;
      },
    };
  };
  return { made, factory };
}

const EVENTS = [
  'session_joined',
  'session_left',
  'session_ended',
  'session_error',
  'customer_reconnected',
  'customer_reconnecting',
  'session_reconnecting',
  'session_reconnected',
];

let relay: FakeRelay;
beforeEach(async () => {
  relay = await FakeRelay.start();
});
afterEach(async () => {
  await relay.stop();
  document.body.innerHTML = '';
});

function makeSdk(opts: { storage?: Storage; fetch?: typeof fetch; throwOnApply?: boolean } = {}) {
  const mirrors = fakeMirrors(opts);
  const storage = opts.storage ?? memoryStorage();
  const sdk = createAgentSdk({
    serverUrl: (s) => (s.serverUrl as string | undefined) ?? relay.url,
    createMirror: mirrors.factory,
    connect: wsConnect,
    storage,
    fetch: opts.fetch,
    timing: { backoffMs: [10] },
  });
  return { sdk, mirrors, storage };
}

function init(sdk: ReturnType<typeof makeSdk>['sdk'], settings: ZoomAgentSettings) {
  return new Promise<ZoomAgentInitResult>((resolve) => sdk.init(settings, resolve));
}

function mountEl() {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

async function joined() {
  const ctx = makeSdk();
  const mount = mountEl();
  const { session } = await init(ctx.sdk, { zoomAppRoot: mount });
  const log = recordEvents(session, EVENTS);
  session.join({ sdkToken: agentToken(), pinCode: ' ab12' });
  const conn = await relay.conn(0);
  await conn.frame('hello');
  conn.send(welcome({ role: 'agent' }));
  await waitFor(() => log.length, 'session_joined');
  return { ...ctx, mount, session, log, conn };
}

describe('agent init', () => {
  it('calls back with success and sdkInfo carrying the package version', async () => {
    const { sdk } = makeSdk();
    const r = await init(sdk, { zoomAppRoot: mountEl() });
    const pkg = JSON.parse(readFileSync(`${process.cwd()}/package.json`, 'utf8'));
    expect(r.success).toBe(true);
    expect(r.sdkInfo?.version).toBe(pkg.version);
    expect(r.session.getSessionInfo().sessionStatus).toBe('session_not_started');
  });
});

describe('agent join: client-side checks', () => {
  it.each([
    [1009, 'no PIN', '', agentToken()],
    [1008, 'a malformed PIN', 'AB 12', agentToken()],
    [2001, 'a customer token', 'AB12', customerToken()],
    [2001, 'no token', 'AB12', ''],
  ])('reports %i for %s, without connecting', async (code, _, pinCode, sdkToken) => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk, { zoomAppRoot: mountEl() });
    const log = recordEvents(session, EVENTS);
    session.join({ sdkToken, pinCode });
    expect(log).toEqual([['session_error', expect.objectContaining({ errorCode: code })]]);
    await new Promise((r) => setTimeout(r, 30));
    expect(relay.conns).toHaveLength(0);
  });

  it('needs zoomAppRoot (1011)', async () => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk, {});
    const log = recordEvents(session, EVENTS);
    session.join({ sdkToken: agentToken(), pinCode: 'AB12' });
    expect(log[0]).toEqual(['session_error', expect.objectContaining({ errorCode: 1011 })]);
  });

  it('accepts a CSS selector as zoomAppRoot and an opaque viewer ticket as token', async () => {
    mountEl().id = 'view';
    const { sdk } = makeSdk();
    const { session } = await init(sdk, { zoomAppRoot: '#view' as unknown as HTMLElement });
    session.join({ sdkToken: 'cbk_vt_opaque', pinCode: 'AB12' });
    const c = await relay.conn(0);
    expect(await c.frame('hello')).toMatchObject({ token: 'cbk_vt_opaque', pin: 'AB12' });
    session.leave();
  });
});

describe('agent session over the relay', () => {
  it('joins with the normalised PIN and reports session_joined', async () => {
    const { session, log, conn } = await joined();
    expect(conn.frames[0]).toMatchObject({
      t: 'hello',
      role: 'agent',
      action: 'join',
      pin: 'AB12',
      seq: 1,
    });
    expect(log).toEqual([['session_joined', { pinCode: 'AB12', sessionId: 'sess-1' }]]);
    expect(session.getSessionInfo()).toEqual({
      sessionStatus: 'session_started',
      pinCode: 'AB12',
      sessionId: 'sess-1',
    });
    session.leave();
  });

  it('renders events into zoomAppRoot, passing reset through', async () => {
    const { session, conn, mirrors, mount } = await joined();
    conn.send({ t: 'events', events: [META, FULL], reset: true });
    conn.send({ t: 'events', events: [MOVE] });
    await waitFor(() => mirrors.made[0]?.applied.length === 2, 'two applies');
    expect(mirrors.made).toHaveLength(1);
    expect(mirrors.made[0]?.mount).toBe(mount);
    expect(mirrors.made[0]?.applied).toEqual([
      [[META, FULL], { reset: true }],
      [[MOVE], { reset: false }],
    ]);
    session.leave();
  });

  it("reports the customer's reconnects, not the initial 'connected'", async () => {
    const { session, log, conn } = await joined();
    conn.send({ t: 'customer_status', status: 'connected' });
    conn.send({ t: 'customer_status', status: 'reconnecting' });
    conn.send({ t: 'customer_status', status: 'reconnecting' });
    conn.send({ t: 'customer_status', status: 'connected' });
    conn.send({ t: 'customer_status', status: 'connected' });
    conn.send({ t: 'agent_joined', agent: { userId: 'a2', userName: 'B' }, agentCount: 2 });
    await waitFor(() => log.length === 3, 'statuses');
    await new Promise((r) => setTimeout(r, 20));
    expect(log.slice(1).map(([n]) => n)).toEqual(['customer_reconnecting', 'customer_reconnected']);
    session.leave();
  });

  it('leave() sends leave, removes the view and reports session_left', async () => {
    const { session, log, conn, mirrors, storage } = await joined();
    conn.send({ t: 'events', events: [META, FULL], reset: true });
    await waitFor(() => mirrors.made.length, 'mirror');
    expect(storage.data.size).toBe(1);
    session.leave();
    await conn.frame('leave');
    expect(mirrors.made[0]?.destroyed).toBe(true);
    expect(storage.data.size).toBe(0);
    expect(log.at(-1)).toEqual(['session_left', { reason: 'agent_left' }]);
    expect(session.getSessionInfo().sessionStatus).toBe('session_left');
  });

  it('end() sends end and reports session_ended', async () => {
    const { session, log, conn } = await joined();
    session.end?.();
    await conn.frame('end');
    expect(log.at(-1)).toEqual(['session_ended', { reason: 'agent_ended' }]);
  });

  it('reports session_ended from the relay and removes the view', async () => {
    const { log, conn, mirrors } = await joined();
    conn.send({ t: 'events', events: [META, FULL], reset: true });
    conn.send({ t: 'session_ended', reason: 'customer_ended' });
    await waitFor(() => log.some(([n]) => n === 'session_ended'), 'ended');
    expect(log.at(-1)).toEqual(['session_ended', { reason: 'customer_ended' }]);
    expect(mirrors.made[0]?.destroyed).toBe(true);
  });

  it('forwards the relay refusal of an unknown PIN (1006)', async () => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk, { zoomAppRoot: mountEl() });
    const log = recordEvents(session, EVENTS);
    session.join({ sdkToken: agentToken(), pinCode: 'ZZ99' });
    const c = await relay.conn(0);
    await c.frame('hello');
    c.send({ t: 'error', errorCode: 1006, errorMsg: 'No session has PIN ZZ99', fatal: true });
    await waitFor(() => log.length, 'error');
    expect(log).toEqual([
      ['session_error', { errorCode: 1006, errorMsg: 'No session has PIN ZZ99' }],
    ]);
    expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
  });

  it('keeps the session when the live view throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ctx = makeSdk({ throwOnApply: true });
    const { session } = await init(ctx.sdk, { zoomAppRoot: mountEl() });
    const log = recordEvents(session, EVENTS);
    session.join({ sdkToken: agentToken(), pinCode: 'AB12' });
    const c = await relay.conn(0);
    c.send(welcome({ role: 'agent' }));
    c.send({ t: 'events', events: [META, FULL], reset: true });
    c.send({ t: 'customer_status', status: 'reconnecting' });
    await waitFor(() => log.length === 2, 'events');
    expect(warn).toHaveBeenCalled();
    expect(session.getSessionInfo().sessionStatus).toBe('session_started');
    warn.mockRestore();
    session.leave();
  });

  it('resumes its own socket after a drop and keeps the view', async () => {
    const { session, log, conn, mirrors } = await joined();
    conn.send({ t: 'events', events: [META, FULL], reset: true });
    await waitFor(() => mirrors.made.length, 'mirror');
    conn.kill();
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({
      role: 'agent',
      action: 'resume',
      sessionId: 'sess-1',
    });
    c1.send(welcome({ role: 'agent' }));
    c1.send({ t: 'events', events: [META, FULL], reset: true });
    await waitFor(() => mirrors.made[0]?.applied.length === 2, 'reset after resume');
    expect(mirrors.made).toHaveLength(1);
    expect(mirrors.made[0]?.destroyed).toBe(false);
    expect(log.map(([n]) => n)).toEqual([
      'session_joined',
      'session_reconnecting',
      'session_reconnected',
    ]);
    session.leave();
  });
});

describe('agent recovery after a reload', () => {
  it('reports session_recoverable and join() resumes', async () => {
    const first = await joined();
    const reload = makeSdk({ storage: first.storage });
    const { session } = await init(reload.sdk, { zoomAppRoot: mountEl() });
    expect(session.getSessionInfo()).toMatchObject({
      sessionStatus: 'session_recoverable',
      pinCode: 'AB12',
    });
    const log = recordEvents(session, EVENTS);
    session.join();
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({
      action: 'resume',
      sessionId: 'sess-1',
      resumeToken: 'resume-1',
    });
    c1.send(welcome({ role: 'agent' }));
    await waitFor(() => log.length, 'joined');
    expect(log[0]).toEqual(['session_joined', { pinCode: 'AB12', sessionId: 'sess-1' }]);
    session.leave();
    first.session.leave();
  });

  it('a window opened by this tab (with a copy of its sessionStorage) does not take the session over', async () => {
    const first = await joined();
    const key = 'cobrowse-kit:agent-session';
    // window.open copies sessionStorage into the popup, but not window.name (the tab id).
    const copy = memoryStorage();
    for (const [k, v] of first.storage.data) copy.data.set(k, v);
    const openerName = window.name;
    window.name = '';
    try {
      const popup = makeSdk({ storage: copy });
      const { session } = await init(popup.sdk, { zoomAppRoot: mountEl() });
      expect(session.getSessionInfo().sessionStatus).toBe('session_not_started');
      const log = recordEvents(session, EVENTS);
      session.join();
      expect(log[0]).toEqual(['session_error', expect.objectContaining({ errorCode: 1011 })]);
      // Ignored, not deleted: the record is the opener's.
      expect(copy.data.get(key)).toBe(first.storage.data.get(key));
      // An explicit join starts fresh.
      session.join({ sdkToken: agentToken(), pinCode: 'AB12' });
      const c1 = await relay.conn(1);
      expect(await c1.frame('hello')).toMatchObject({ action: 'join', pin: 'AB12' });
      session.leave();
    } finally {
      window.name = openerName;
    }
    // The opener's own reload still recovers.
    const reload = makeSdk({ storage: first.storage });
    const { session } = await init(reload.sdk, { zoomAppRoot: mountEl() });
    expect(session.getSessionInfo().sessionStatus).toBe('session_recoverable');
    first.session.leave();
  });

  it('join() without arguments and nothing to recover reports 1011', async () => {
    const { sdk } = makeSdk();
    const { session } = await init(sdk, { zoomAppRoot: mountEl() });
    const log = recordEvents(session, EVENTS);
    session.join();
    expect(log[0]).toEqual(['session_error', expect.objectContaining({ errorCode: 1011 })]);
  });
});

describe('createAgentViewerEndpoint', () => {
  const call = (session: ZoomAgentSession, pinCode: string, sdkToken = agentToken()) =>
    new Promise<Parameters<Parameters<ZoomAgentSession['createAgentViewerEndpoint']>[1]>[0]>(
      (resolve) => session.createAgentViewerEndpoint({ pinCode, sdkToken }, resolve),
    );

  it('POSTs { pinCode, sdkToken, hostOrigin } and returns the viewer URL with hostOrigin', async () => {
    const fetchFn = vi.fn(async () =>
      Response.json({
        agentViewerUrl: 'https://relay.example/cobrowse/viewer?pin=AB12&ticket=cbk_vt_1',
      }),
    );
    const { sdk } = makeSdk({ fetch: fetchFn as unknown as typeof fetch });
    const { session } = await init(sdk, { serverUrl: 'https://relay.example/base/' });
    const token = agentToken();
    const r = await call(session, 'ab12', token);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, req] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://relay.example/base/cobrowse/viewer-url');
    expect(req.method).toBe('POST');
    expect(JSON.parse(req.body as string)).toEqual({
      pinCode: 'AB12',
      sdkToken: token,
      hostOrigin: location.origin,
    });
    expect(r.success).toBe(true);
    const u = new URL(r.agentViewerUrl ?? '');
    expect(u.searchParams.get('ticket')).toBe('cbk_vt_1');
    expect(u.searchParams.get('hostOrigin')).toBe(location.origin);
  });

  it.each([
    [
      'a relay error body',
      () => Response.json({ errorCode: 1006, errorMsg: 'no such PIN' }, { status: 404 }),
      1006,
      'no such PIN',
    ],
    ['a bare 401', () => new Response('nope', { status: 401 }), 2001, 'HTTP 401'],
    [
      'a network failure',
      () => Promise.reject(new TypeError('Failed to fetch')),
      1016,
      'Failed to fetch',
    ],
  ])('turns %s into a failed callback', async (_, respond, code, text) => {
    const { sdk } = makeSdk({ fetch: (async () => respond()) as unknown as typeof fetch });
    const { session } = await init(sdk, {});
    const r = await call(session, 'AB12');
    expect(r.success).toBe(false);
    expect(r.error?.errorCode).toBe(code);
    expect(r.error?.errorMsg).toContain(text);
  });

  it('checks the PIN before any request', async () => {
    const fetchFn = vi.fn();
    const { sdk } = makeSdk({ fetch: fetchFn as unknown as typeof fetch });
    const { session } = await init(sdk, {});
    const r = await call(session, 'AB-12');
    expect(r.error?.errorCode).toBe(1008);
    expect(fetchFn).not.toHaveBeenCalled();
  });
});

describe('withHostOrigin', () => {
  it('adds the page origin once', () => {
    const u = withHostOrigin('https://r.example/cobrowse/viewer?pin=A&ticket=t');
    expect(new URL(u).searchParams.get('hostOrigin')).toBe(location.origin);
    expect(withHostOrigin('https://r.example/v?hostOrigin=https%3A%2F%2Fx.example')).toContain(
      'hostOrigin=https%3A%2F%2Fx.example',
    );
  });
});
