import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { CobrowseError } from '../errors';
import { checkOrigin } from './channel';
import {
  type NoMessages,
  VIEWER_CHANNEL,
  type ViewerProtocol,
  type WindowChannel,
  type WindowChannelOptions,
  connectToHost,
  connectToIframe,
  connectToPopup,
  createWindowChannel,
  openViewerPopup,
} from './index';

const HOST = 'https://agent.example.com';
const VIEWER = 'https://viewer.example.net';
const EVIL = 'https://evil.example.org';

/**
 * A stand-in for a browser window in Node: an EventTarget that receives `message` events, and
 * per-viewer proxies whose postMessage delivers like a browser does (async, structured clone,
 * dropped unless targetOrigin matches, `origin`/`source` describing the sender).
 */
interface FakeWindow {
  origin: string;
  self: Window & EventTarget;
  /** This window as `viewer` sees it (like `popup`, `opener`, `parent`). */
  seenBy(viewer: FakeWindow): Window;
  /** Everything posted to this window: data and targetOrigin. */
  received: Array<[unknown, string]>;
  inject(data: unknown, origin: string, source: unknown): void;
}

function fakeWindow(origin: string): FakeWindow {
  const self = new EventTarget() as Window & EventTarget;
  const proxies = new Map<FakeWindow, Window>();
  const win: FakeWindow = {
    origin,
    self,
    received: [],
    seenBy(viewer) {
      let proxy = proxies.get(viewer);
      if (!proxy) {
        proxy = {
          postMessage(data: unknown, targetOrigin: string) {
            win.received.push([data, targetOrigin]);
            if (targetOrigin !== origin) return;
            win.inject(structuredClone(data), viewer.origin, viewer.seenBy(win));
          },
        } as Window;
        proxies.set(viewer, proxy);
      }
      return proxy;
    },
    inject(data, from, source) {
      setTimeout(() =>
        self.dispatchEvent(Object.assign(new Event('message'), { data, origin: from, source })),
      );
    },
  };
  return win;
}

const open: WindowChannel[] = [];
function track<T extends WindowChannel<object, object>>(ch: T): T {
  open.push(ch as unknown as WindowChannel);
  return ch;
}
afterEach(() => {
  for (const ch of open.splice(0)) ch.close();
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: CobrowseError) => e.code,
  );
const codeOfSync = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as CobrowseError).code;
  }
  return 'no error';
};

type HostSide = { ping: { n: number } };
type ViewerSide = ViewerProtocol & {
  echo: (p: { n: number }) => { n: number };
  fail: () => never;
  never: () => void;
};

/** A host (initiator) and a viewer (responder) on different origins, wired like a popup. */
function pair(
  opts: { host?: Partial<WindowChannelOptions>; viewer?: Partial<WindowChannelOptions> } = {},
) {
  const hostWin = fakeWindow(HOST);
  const viewerWin = fakeWindow(VIEWER);
  const host = track(
    createWindowChannel<HostSide, ViewerSide>({
      target: viewerWin.seenBy(hostWin),
      targetOrigin: VIEWER,
      channel: 'test',
      role: 'initiator',
      self: hostWin.self,
      ...opts.host,
    }),
  );
  const viewer = track(
    createWindowChannel<ViewerSide, HostSide>({
      target: hostWin.seenBy(viewerWin),
      targetOrigin: HOST,
      channel: 'test',
      role: 'responder',
      self: viewerWin.self,
      ...opts.viewer,
    }),
  );
  return { hostWin, viewerWin, host, viewer };
}

describe('checkOrigin', () => {
  it.each([HOST, 'http://localhost:5173', 'http://127.0.0.1:8080', 'https://[::1]:4443'])(
    'accepts the exact origin %s',
    (o) => expect(checkOrigin(o)).toBe(o),
  );

  it.each([
    '*',
    'null',
    '',
    undefined,
    'agent.example.com',
    `${HOST}/`,
    `${HOST}/viewer?pin=1`,
    'HTTPS://AGENT.EXAMPLE.COM',
    'https://agent.example.com:443',
    'file:///tmp/x.html',
  ])('refuses %j with CHANNEL_ORIGIN_INVALID', (o) => {
    expect(() => checkOrigin(o)).toThrowError(CobrowseError);
    expect(() => checkOrigin(o)).toThrowError(/origin/);
    expect(codeOfSync(() => checkOrigin(o))).toBe('CHANNEL_ORIGIN_INVALID');
  });
});

describe('createWindowChannel: options', () => {
  const base = () => {
    const a = fakeWindow(HOST);
    const b = fakeWindow(VIEWER);
    return {
      target: b.seenBy(a),
      targetOrigin: VIEWER,
      channel: 'c',
      role: 'initiator' as const,
      self: a.self,
    };
  };

  it("refuses '*' as targetOrigin, before listening or posting", () => {
    const o = base();
    const listen = vi.spyOn(o.self, 'addEventListener');
    expect(codeOfSync(() => createWindowChannel({ ...o, targetOrigin: '*' }))).toBe(
      'CHANNEL_ORIGIN_INVALID',
    );
    expect(listen).not.toHaveBeenCalled();
  });

  it("refuses '*' and URLs with a path in allowedOrigins", () => {
    expect(codeOfSync(() => createWindowChannel({ ...base(), allowedOrigins: ['*'] }))).toBe(
      'CHANNEL_ORIGIN_INVALID',
    );
    expect(
      codeOfSync(() => createWindowChannel({ ...base(), allowedOrigins: [`${VIEWER}/viewer`] })),
    ).toBe('CHANNEL_ORIGIN_INVALID');
  });
});

describe('createWindowChannel: talking', () => {
  it('connects, exchanges events both ways and answers requests', async () => {
    const { host, viewer, viewerWin, hostWin } = pair();
    const statuses: unknown[] = [];
    host.on('status', (s) => statuses.push(s));
    const pings: unknown[] = [];
    viewer.on('ping', (p) => pings.push(p));
    viewer.handle('echo', ({ n }) => ({ n: n * 2 }));
    await Promise.all([host.ready, viewer.ready]);

    viewer.emit('status', { status: 'connected', pin: 'AB12' });
    host.emit('ping', { n: 1 });
    await expect(host.request('echo', { n: 21 })).resolves.toEqual({ n: 42 });
    expect(statuses).toEqual([{ status: 'connected', pin: 'AB12' }]);
    expect(pings).toEqual([{ n: 1 }]);
    // Always the explicit origin, never '*'.
    expect(new Set(viewerWin.received.map(([, o]) => o))).toEqual(new Set([VIEWER]));
    expect(new Set(hostWin.received.map(([, o]) => o))).toEqual(new Set([HOST]));
  });

  it('works when the responder starts after the initiator (hello is repeated)', async () => {
    const hostWin = fakeWindow(HOST);
    const viewerWin = fakeWindow(VIEWER);
    const host = track(
      createWindowChannel<NoMessages, ViewerProtocol>({
        target: viewerWin.seenBy(hostWin),
        targetOrigin: VIEWER,
        channel: 'late',
        role: 'initiator',
        self: hostWin.self,
      }),
    );
    const statuses: unknown[] = [];
    host.on('status', (s) => statuses.push(s));
    await sleep(250);
    const viewer = track(
      createWindowChannel<ViewerProtocol, NoMessages>({
        target: hostWin.seenBy(viewerWin),
        targetOrigin: HOST,
        channel: 'late',
        role: 'responder',
        self: viewerWin.self,
      }),
    );
    viewer.emit('status', { status: 'waiting' });
    await host.ready;
    await vi.waitFor(() => expect(statuses).toEqual([{ status: 'waiting' }]));
    const hellos = viewerWin.received.filter(([d]) => (d as { kind: string }).kind === 'hello');
    expect(hellos.length).toBeGreaterThanOrEqual(2);
  });

  it('queues what is sent before the handshake, in order', async () => {
    const { host, viewer } = pair();
    const got: number[] = [];
    viewer.on('ping', ({ n }) => got.push(n));
    host.emit('ping', { n: 1 });
    host.emit('ping', { n: 2 });
    const echoed = host.request('echo', { n: 3 });
    viewer.handle('echo', (p) => p);
    host.emit('ping', { n: 4 });
    await expect(echoed).resolves.toEqual({ n: 3 });
    await vi.waitFor(() => expect(got).toEqual([1, 2, 4]));
  });

  it('rejects with CHANNEL_REMOTE_ERROR carrying the remote message and code', async () => {
    const { host, viewer } = pair();
    viewer.handle('fail', () => {
      throw new CobrowseError('SESSION_INVALID_STATE', 'Not in a session: join first.');
    });
    const err = await host.request('fail').catch((e: CobrowseError) => e);
    expect(err).toBeInstanceOf(CobrowseError);
    expect(err).toMatchObject({
      code: 'CHANNEL_REMOTE_ERROR',
      message: 'Not in a session: join first.',
      details: { remoteCode: 'SESSION_INVALID_STATE' },
    });
  });

  it('rejects with CHANNEL_REMOTE_ERROR when nothing handles the request', async () => {
    const { host } = pair();
    const err = await host.request('leave').catch((e: CobrowseError) => e);
    expect(err).toMatchObject({ code: 'CHANNEL_REMOTE_ERROR' });
    expect((err as Error).message).toMatch(/leave/);
  });

  it('reports a result that cannot be cloned instead of timing out', async () => {
    const { host, viewer } = pair();
    viewer.handle('echo', () => ({ n: 1, fn: () => 1 }) as unknown as { n: number });
    await expect(codeOf(host.request('echo', { n: 1 }, { timeoutMs: 500 }))).resolves.toBe(
      'CHANNEL_REMOTE_ERROR',
    );
  });

  it('rejects with CHANNEL_REQUEST_TIMEOUT when no response comes', async () => {
    const { host, viewer } = pair();
    viewer.handle('never', () => new Promise<void>(() => {}));
    const err = await host.request('never', undefined, { timeoutMs: 50 }).catch((e) => e);
    expect(err).toMatchObject({ code: 'CHANNEL_REQUEST_TIMEOUT' });
    expect(err.message).toMatch(/never/);
  });

  it('keeps two channels between the same windows apart', async () => {
    const a = pair({ host: { channel: 'one' }, viewer: { channel: 'one' } });
    const other = track(
      createWindowChannel<ViewerSide, HostSide>({
        target: a.hostWin.seenBy(a.viewerWin),
        targetOrigin: HOST,
        channel: 'two',
        role: 'responder',
        self: a.viewerWin.self,
        handshakeTimeoutMs: 100,
      }),
    );
    const one: unknown[] = [];
    const two: unknown[] = [];
    a.viewer.on('ping', (p) => one.push(p));
    other.on('ping', (p) => two.push(p));
    a.host.emit('ping', { n: 1 });
    await a.host.ready;
    await vi.waitFor(() => expect(one).toEqual([{ n: 1 }]));
    expect(two).toEqual([]);
    await expect(codeOf(other.ready)).resolves.not.toBe('resolved');
  });
});

describe('createWindowChannel: filtering', () => {
  it('ignores a well-formed envelope from another origin, another window or channel', async () => {
    const { host, viewer, hostWin, viewerWin } = pair();
    const statuses: unknown[] = [];
    host.on('status', (s) => statuses.push(s));
    viewer.handle('never', () => new Promise<void>(() => {}));
    await host.ready;
    const pending = host.request('never', undefined, { timeoutMs: 300 });
    const evilWin = fakeWindow(EVIL);
    const real = viewerWin.seenBy(hostWin);
    const forged = (kind: string, extra: object = {}) => ({
      __cobrowseKit: 1,
      channel: 'test',
      id: '1',
      kind,
      type: 'status',
      payload: { status: 'forged' },
      ...extra,
    });
    for (let id = 1; id < 10; id++) {
      const response = forged('response', { id: `${id}`, type: 'never', payload: 'forged' });
      // Right window, wrong origin; right origin, wrong window; right both, wrong channel.
      hostWin.inject(response, EVIL, real);
      hostWin.inject(response, VIEWER, evilWin.seenBy(hostWin));
      hostWin.inject({ ...response, channel: 'other' }, VIEWER, real);
    }
    hostWin.inject(forged('event'), EVIL, real);
    hostWin.inject(forged('event'), VIEWER, evilWin.seenBy(hostWin));
    hostWin.inject(forged('close'), EVIL, real);
    hostWin.inject('not an envelope', VIEWER, real);
    await expect(codeOf(pending)).resolves.toBe('CHANNEL_REQUEST_TIMEOUT');
    expect(statuses).toEqual([]);
    // Still open: the forged close was ignored too.
    expect(() => host.emit('ping', { n: 1 })).not.toThrow();
  });

  it('reads the envelope format on its channel and ignores any other data', async () => {
    const { host, viewer, hostWin, viewerWin } = pair();
    const statuses: unknown[] = [];
    host.on('status', (s) => statuses.push(s));
    await host.ready;
    const real = viewerWin.seenBy(hostWin);
    // The wire format, which a host and a viewer of different releases must share.
    const env = (payload: unknown, extra: object = {}) => ({
      __cobrowseKit: 1,
      channel: 'test',
      id: '1',
      kind: 'event',
      type: 'status',
      payload,
      ...extra,
    });
    for (const data of [
      env('another channel', { channel: 'other' }),
      env('no marker', { __cobrowseKit: undefined }),
      env('another version', { __cobrowseKit: 2 }),
      { ...env('a close without marker', { kind: 'close' }), __cobrowseKit: undefined },
      'hello',
      null,
      1,
      undefined,
    ]) {
      hostWin.inject(data, VIEWER, real);
    }
    hostWin.inject(env({ status: 'injected' }), VIEWER, real);
    viewer.emit('status', { status: 'emitted' });
    await vi.waitFor(() => expect(statuses).toHaveLength(2));
    await sleep(20);
    expect(statuses).toEqual([{ status: 'injected' }, { status: 'emitted' }]);
  });

  it('does not become ready on a forged hello-ack', async () => {
    const hostWin = fakeWindow(HOST);
    const viewerWin = fakeWindow(VIEWER);
    const target = viewerWin.seenBy(hostWin);
    const host = track(
      createWindowChannel({
        target,
        targetOrigin: VIEWER,
        channel: 'c',
        role: 'initiator',
        self: hostWin.self,
        handshakeTimeoutMs: 200,
      }),
    );
    const ack = { __cobrowseKit: 1, channel: 'c', id: '1', kind: 'hello-ack', type: '' };
    hostWin.inject(ack, EVIL, target);
    hostWin.inject(ack, VIEWER, fakeWindow(VIEWER).seenBy(hostWin));
    await expect(codeOf(host.ready)).resolves.toBe('CHANNEL_HANDSHAKE_TIMEOUT');
  });

  it('accepts extra allowedOrigins but only from the target window', async () => {
    const { host } = pair({ viewer: { allowedOrigins: [HOST, EVIL] } });
    await expect(host.ready).resolves.toBeUndefined();
  });
});

describe('createWindowChannel: handshake timeout and close', () => {
  it('rejects ready with CHANNEL_HANDSHAKE_TIMEOUT naming the channel, then stops', async () => {
    const hostWin = fakeWindow(HOST);
    const viewerWin = fakeWindow(VIEWER);
    const stop = vi.spyOn(hostWin.self, 'removeEventListener');
    const ch = createWindowChannel({
      target: viewerWin.seenBy(hostWin),
      targetOrigin: VIEWER,
      channel: 'viewer-x',
      role: 'initiator',
      self: hostWin.self,
      handshakeTimeoutMs: 120,
    });
    const req = ch.request('anything');
    const err = (await ch.ready.catch((e) => e)) as CobrowseError;
    expect(err).toMatchObject({ code: 'CHANNEL_HANDSHAKE_TIMEOUT' });
    expect(err.message).toMatch(/viewer-x/);
    await expect(codeOf(req)).resolves.toBe('CHANNEL_HANDSHAKE_TIMEOUT');
    await expect(ch.closed).resolves.toBe(err);
    expect(stop).toHaveBeenCalledWith('message', expect.any(Function));
    const sent = viewerWin.received.length;
    await sleep(250);
    expect(viewerWin.received.length).toBe(sent);
    expect(codeOfSync(() => ch.emit('x', 1))).toBe('CHANNEL_CLOSED');
  });

  it('stays open once connected, however long after the handshake timeout', async () => {
    const { host, viewer } = pair({ host: { handshakeTimeoutMs: 50 } });
    viewer.handle('echo', (p) => p);
    await host.ready;
    await sleep(150);
    await expect(host.request('echo', { n: 1 })).resolves.toEqual({ n: 1 });
    expect(codeOfSync(() => host.emit('ping', { n: 1 }))).toBe('no error');
  });

  it('a responder that never hears hello times out too', async () => {
    const a = fakeWindow(HOST);
    const ch = createWindowChannel({
      target: fakeWindow(VIEWER).seenBy(a),
      targetOrigin: VIEWER,
      channel: 'c',
      role: 'responder',
      self: a.self,
      handshakeTimeoutMs: 50,
    });
    await expect(codeOf(ch.ready)).resolves.toBe('CHANNEL_HANDSHAKE_TIMEOUT');
  });

  it('close() notifies the other side, rejects pending requests and refuses later calls', async () => {
    const { host, viewer, hostWin } = pair();
    viewer.handle('never', () => new Promise<void>(() => {}));
    const hostPending = host.request('never');
    await Promise.all([host.ready, viewer.ready]);
    const stop = vi.spyOn(hostWin.self, 'removeEventListener');
    host.close();
    host.close(); // idempotent
    await expect(codeOf(hostPending)).resolves.toBe('CHANNEL_CLOSED');
    expect(stop).toHaveBeenCalledWith('message', expect.any(Function));
    const remote = await viewer.closed;
    expect(remote.code).toBe('CHANNEL_CLOSED');
    expect(remote.message).toMatch(/other window/);
    expect(codeOfSync(() => host.emit('ping', { n: 1 }))).toBe('CHANNEL_CLOSED');
    expect(codeOfSync(() => host.on('status', () => {}))).toBe('CHANNEL_CLOSED');
    expect(codeOfSync(() => viewer.handle('leave', () => {}))).toBe('CHANNEL_CLOSED');
    await expect(codeOf(host.request('leave'))).resolves.toBe('CHANNEL_CLOSED');
  });

  it('off() and the handle() disposer stop delivery', async () => {
    const { host, viewer } = pair();
    const got: unknown[] = [];
    const off = viewer.on('ping', (p) => got.push(p));
    const unhandle = viewer.handle('echo', (p) => p);
    await expect(host.request('echo', { n: 1 })).resolves.toEqual({ n: 1 });
    off();
    unhandle();
    host.emit('ping', { n: 1 });
    await expect(codeOf(host.request('echo', { n: 2 }))).resolves.toBe('CHANNEL_REMOTE_ERROR');
    expect(got).toEqual([]);
  });

  it('closes when the other window is closed (a popup cannot say goodbye across origins)', async () => {
    const { host, viewerWin, hostWin } = pair();
    await host.ready;
    Object.assign(viewerWin.seenBy(hostWin), { closed: true });
    await expect(host.closed).resolves.toMatchObject({ code: 'CHANNEL_CLOSED' });
    expect((await host.closed).message).toMatch(/other window is gone/);
  });

  it('closes and tells the other side when its page is hidden (popup closed, navigation)', async () => {
    const { host, viewer, viewerWin } = pair();
    await host.ready;
    viewerWin.self.dispatchEvent(new Event('pagehide'));
    await expect(host.closed).resolves.toMatchObject({ code: 'CHANNEL_CLOSED' });
    await expect(viewer.closed).resolves.toMatchObject({ code: 'CHANNEL_CLOSED' });
  });
});

/** A fake window with what the helpers touch: open(), location, opener, parent. */
function fakeBrowserWindow(
  origin: string,
  extra: { opener?: Window | null; parent?: Window; open?: (...a: unknown[]) => unknown } = {},
) {
  const win = fakeWindow(origin);
  const self = win.self as Window & EventTarget & Record<string, unknown>;
  Object.assign(self, {
    location: { href: `${origin}/app/page` },
    opener: extra.opener ?? null,
    open: vi.fn(extra.open ?? (() => null)),
  });
  Object.assign(self, { parent: extra.parent ?? self });
  return { win, self };
}

describe('helpers', () => {
  it('openViewerPopup: WINDOW_POPUP_BLOCKED when window.open returns null', () => {
    const { self } = fakeBrowserWindow(HOST);
    expect(codeOfSync(() => openViewerPopup(`${VIEWER}/viewer`, { self }))).toBe(
      'WINDOW_POPUP_BLOCKED',
    );
    expect(() => openViewerPopup(`${VIEWER}/viewer`, { self })).toThrowError(/click/);
  });

  it('openViewerPopup: refuses noopener/noreferrer without opening anything', () => {
    const { self } = fakeBrowserWindow(HOST);
    for (const features of ['noopener', 'popup,noreferrer', 'width=200,NoOpener=yes']) {
      expect(codeOfSync(() => openViewerPopup(`${VIEWER}/v`, { self, features }))).toBe(
        'WINDOW_NO_OPENER',
      );
    }
    expect(self.open).not.toHaveBeenCalled();
  });

  it("openViewerPopup: refuses targetOrigin '*' or a bad allowedOrigins entry without opening anything", () => {
    const { self } = fakeBrowserWindow(HOST);
    expect(codeOfSync(() => openViewerPopup(`${VIEWER}/v`, { self, targetOrigin: '*' }))).toBe(
      'CHANNEL_ORIGIN_INVALID',
    );
    const allowedOrigins = [VIEWER, `${VIEWER}/v`];
    expect(codeOfSync(() => openViewerPopup(`${VIEWER}/v`, { self, allowedOrigins }))).toBe(
      'CHANNEL_ORIGIN_INVALID',
    );
    expect(self.open).not.toHaveBeenCalled();
  });

  it('openViewerPopup: opens the URL and talks to its origin on the viewer channel', async () => {
    const viewerWin = fakeWindow(VIEWER);
    const { win: hostWin, self } = fakeBrowserWindow(HOST, {
      open: () => viewerWin.seenBy(hostWin),
    });
    const { window: popup, channel } = track2(
      openViewerPopup(`${VIEWER}/viewer?pin=1`, { self, name: 'viewer', features: 'popup' }),
    );
    expect(self.open).toHaveBeenCalledWith(`${VIEWER}/viewer?pin=1`, 'viewer', 'popup');
    expect(popup).toBe(viewerWin.seenBy(hostWin));
    expectTypeOf(channel).toEqualTypeOf<WindowChannel<NoMessages, ViewerProtocol>>();
    const viewer = track(
      createWindowChannel<ViewerProtocol, NoMessages>({
        target: hostWin.seenBy(viewerWin),
        targetOrigin: HOST,
        channel: VIEWER_CHANNEL,
        role: 'responder',
        self: viewerWin.self,
      }),
    );
    viewer.handle('leave', () => {});
    await expect(channel.request('leave')).resolves.toBeUndefined();
    expect(viewerWin.received[0]?.[1]).toBe(VIEWER);
  });

  it('openViewerPopup: a relative URL is the host origin', () => {
    const viewerWin = fakeWindow(HOST);
    const { win, self } = fakeBrowserWindow(HOST, { open: () => viewerWin.seenBy(win) });
    track2(openViewerPopup('/viewer', { self }));
    expect(viewerWin.received[0]?.[1]).toBe(HOST);
  });

  it('connectToPopup: WINDOW_POPUP_BLOCKED for null', () => {
    expect(codeOfSync(() => connectToPopup(null, { targetOrigin: VIEWER }))).toBe(
      'WINDOW_POPUP_BLOCKED',
    );
  });

  it('connectToIframe: WINDOW_IFRAME_UNREACHABLE without a contentWindow', () => {
    const iframe = { contentWindow: null, src: `${VIEWER}/v` } as HTMLIFrameElement;
    expect(codeOfSync(() => connectToIframe(iframe))).toBe('WINDOW_IFRAME_UNREACHABLE');
    expect(() => connectToIframe(iframe)).toThrowError(/iframe/i);
  });

  it('connectToIframe: the origin defaults to the origin of iframe.src', () => {
    const frameWin = fakeWindow(VIEWER);
    const { win, self } = fakeBrowserWindow(HOST);
    const iframe = {
      contentWindow: frameWin.seenBy(win),
      src: `${VIEWER}/viewer/abc?x=1`,
    } as unknown as HTMLIFrameElement;
    track(connectToIframe(iframe, { self }));
    expect(frameWin.received[0]).toEqual([expect.objectContaining({ kind: 'hello' }), VIEWER]);
    expect(frameWin.received[0]?.[0]).toMatchObject({ channel: VIEWER_CHANNEL });
  });

  it('connectToIframe: CHANNEL_ORIGIN_INVALID for an iframe without src and no targetOrigin', () => {
    const { win, self } = fakeBrowserWindow(HOST);
    const iframe = {
      contentWindow: fakeWindow(VIEWER).seenBy(win),
      src: '',
    } as unknown as HTMLIFrameElement;
    expect(codeOfSync(() => connectToIframe(iframe, { self }))).toBe('CHANNEL_ORIGIN_INVALID');
  });

  it('connectToHost: WINDOW_NO_OPENER for a top-level window without opener (noopener)', () => {
    const { self } = fakeBrowserWindow(VIEWER);
    expect(codeOfSync(() => connectToHost({ targetOrigin: HOST, self }))).toBe('WINDOW_NO_OPENER');
    // Says how to open the viewer so that it has an opener.
    expect(() => connectToHost({ targetOrigin: HOST, self })).toThrowError(/window\.open/);
  });

  it('connectToHost: talks to window.opener, else to window.parent', async () => {
    for (const how of ['opener', 'parent'] as const) {
      const hostWin = fakeWindow(HOST);
      const { win: viewerWin, self } = fakeBrowserWindow(VIEWER);
      const toHost = hostWin.seenBy(viewerWin);
      Object.assign(self, how === 'opener' ? { opener: toHost } : { parent: toHost });
      const viewer = track(connectToHost({ targetOrigin: HOST, self }));
      const host = track(
        createWindowChannel<NoMessages, ViewerProtocol>({
          target: viewerWin.seenBy(hostWin),
          targetOrigin: VIEWER,
          channel: VIEWER_CHANNEL,
          role: 'initiator',
          self: hostWin.self,
        }),
      );
      const ended = new Promise((r) => host.on('ended', r));
      viewer.emit('ended');
      await expect(ended).resolves.toBeUndefined();
    }
  });
});

function track2<T extends { channel: WindowChannel<object, object> }>(r: T): T {
  track(r.channel);
  return r;
}

describe('types', () => {
  it('types events, requests and results from the maps', () => {
    const ch = {} as WindowChannel<ViewerProtocol, NoMessages>;
    const host = {} as WindowChannel<NoMessages, ViewerProtocol & { echo: (p: string) => number }>;
    expectTypeOf(host.request<'echo'>).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(host.request<'leave'>).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(host.on<'status'>)
      .parameter(1)
      .parameter(0)
      .toEqualTypeOf<{
        status: string;
        pin?: string;
      }>();
    if (Math.random() > 2) {
      ch.emit('ended');
      ch.emit('status', { status: 'connected' });
      // @ts-expect-error a request is not an event
      ch.emit('leave');
      // @ts-expect-error payload required
      ch.emit('status');
      // @ts-expect-error wrong payload
      ch.emit('error', { code: 1 });
      // @ts-expect-error the host provides no events
      host.emit('status', { status: 'x' });
      // @ts-expect-error an event is not a request
      void host.request('status');
      // @ts-expect-error payload of echo is a string
      void host.request('echo', 1);
      ch.handle('leave', async () => {});
    }
  });
});
