// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ZoomAgentSettings, ZoomCobrowseAgentSDK } from '@cobrowse-kit/core';
import { startViewer } from './index';

/** A fake agent SDK whose session records calls and lets the test emit events. */
function fakeSdk(status = 'session_not_started') {
  const handlers = new Map<string, (p: unknown) => void>();
  const calls: unknown[][] = [];
  let settings: ZoomAgentSettings | undefined;
  const session = {
    on: (e: string, h: (p: unknown) => void) => handlers.set(e, h),
    off: () => {},
    join: (...a: unknown[]) => calls.push(['join', ...a]),
    leave: () => calls.push(['leave']),
    getSessionInfo: () => ({ sessionStatus: status }),
    createAgentViewerEndpoint: () => {},
  };
  const sdk: ZoomCobrowseAgentSDK = {
    init(s, cb) {
      settings = s;
      setTimeout(() => cb({ success: true, session, error: null }));
    },
  };
  return {
    sdk,
    calls,
    emit: (e: string, p: unknown = {}) => handlers.get(e)?.(p),
    settings: () => settings,
  };
}

/** A fake host channel recording what the viewer tells the host. */
function fakeConnect() {
  const emitted: Array<[string, unknown]> = [];
  const handlers = new Map<string, () => unknown>();
  const connect = vi.fn(() => ({
    ready: Promise.resolve(),
    closed: new Promise(() => {}),
    emit: (t: string, p?: unknown) => emitted.push([t, p]),
    on: () => () => {},
    request: async () => undefined,
    handle: (t: string, h: () => unknown) => {
      handlers.set(t, h);
      return () => {};
    },
    close: () => {},
  }));
  return { connect, emitted, handlers };
}

function fakeWindow(search: string, opts: { opener?: boolean } = { opener: true }) {
  const w = {
    document,
    location: { search },
    opener: opts.opener ? {} : null,
    parent: undefined as unknown,
  };
  w.parent = w;
  return w as unknown as Window;
}

const flush = () => new Promise((r) => setTimeout(r, 5));
const SEARCH = '?pin=AB12&ticket=cbk_vt_1&hostOrigin=https%3A%2F%2Fagent.example.com';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('startViewer', () => {
  it('mounts full-window, joins with ticket and pin, and reports to the host', async () => {
    const f = fakeSdk();
    const h = fakeConnect();
    startViewer({ sdk: f.sdk, window: fakeWindow(SEARCH), connect: h.connect as never });
    await flush();
    const mount = document.getElementById('cobrowse-kit-viewer');
    expect(mount?.style.position).toBe('fixed');
    expect(f.settings()?.zoomAppRoot).toBe(mount);
    expect(h.connect).toHaveBeenCalledWith(
      expect.objectContaining({
        targetOrigin: 'https://agent.example.com',
        channel: 'cobrowse-kit:viewer',
      }),
    );
    expect(f.calls).toEqual([['join', { sdkToken: 'cbk_vt_1', pinCode: 'AB12' }]]);
    f.emit('session_joined', { pinCode: 'AB12' });
    f.emit('customer_reconnecting');
    f.emit('session_ended', { reason: 'customer_ended' });
    f.emit('session_ended', { reason: 'again' });
    expect(h.emitted).toEqual([
      ['status', { status: 'joining', pin: 'AB12' }],
      ['status', { status: 'in_session', pin: 'AB12' }],
      ['status', { status: 'customer_reconnecting' }],
      ['status', { status: 'ended' }],
      ['ended', undefined],
    ]);
  });

  it("answers the host's leave request by leaving", async () => {
    const f = fakeSdk();
    const h = fakeConnect();
    startViewer({ sdk: f.sdk, window: fakeWindow(SEARCH), connect: h.connect as never });
    await flush();
    h.handlers.get('leave')?.();
    expect(f.calls.at(-1)).toEqual(['leave']);
  });

  it('reports session errors with stable codes', async () => {
    const f = fakeSdk();
    const h = fakeConnect();
    startViewer({ sdk: f.sdk, window: fakeWindow(SEARCH), connect: h.connect as never });
    await flush();
    f.emit('session_error', { errorCode: 1006, errorMsg: 'No session has PIN AB12' });
    expect(h.emitted.at(-1)).toEqual([
      'error',
      { code: 'PIN_NOT_FOUND', message: 'No session has PIN AB12' },
    ]);
    expect(document.querySelector('[role=status]')?.textContent).toBe('No session has PIN AB12');
  });

  it('skips messaging without hostOrigin, or without an opener or parent', async () => {
    const h = fakeConnect();
    startViewer({
      sdk: fakeSdk().sdk,
      window: fakeWindow('?pin=AB12&ticket=t'),
      connect: h.connect as never,
    });
    startViewer({
      sdk: fakeSdk().sdk,
      window: fakeWindow(SEARCH, { opener: false }),
      connect: h.connect as never,
    });
    await flush();
    expect(h.connect).not.toHaveBeenCalled();
  });

  it('joins with the ticket in its URL even when a stored session is recoverable', async () => {
    // A popup inherits its opener's sessionStorage: the record may be another viewer's session.
    const f = fakeSdk('session_recoverable');
    startViewer({
      sdk: f.sdk,
      window: fakeWindow(SEARCH),
      connect: fakeConnect().connect as never,
    });
    await flush();
    expect(f.calls).toEqual([['join', { sdkToken: 'cbk_vt_1', pinCode: 'AB12' }]]);
  });

  it('resumes a recoverable session when the URL has no ticket', async () => {
    const f = fakeSdk('session_recoverable');
    startViewer({
      sdk: f.sdk,
      window: fakeWindow('?pin=AB12&hostOrigin=https%3A%2F%2Fa.example'),
      connect: fakeConnect().connect as never,
    });
    await flush();
    expect(f.calls).toEqual([['join']]);
  });

  it('reports an incomplete link instead of joining', async () => {
    const f = fakeSdk();
    const h = fakeConnect();
    startViewer({
      sdk: f.sdk,
      window: fakeWindow('?pin=AB12&hostOrigin=https%3A%2F%2Fa.example'),
      connect: h.connect as never,
    });
    await flush();
    expect(f.calls).toEqual([]);
    expect(h.emitted).toEqual([
      ['error', { code: 'JOIN_FAILED', message: 'The viewer URL has no pin or ticket.' }],
    ]);
  });
});
