import { describe, expect, it, vi } from 'vitest';
// Relative on purpose: test-utils depends on core, so a devDependency back would be a cycle.
import { createFakeCustomerSdk, createFakeToken } from '../../../test-utils/src';
import { CobrowseError } from '../errors';
import { createCustomerSession } from './index';

const unexpected = (): never => {
  throw new Error('expected a rejection');
};
const byopToken = () => createFakeToken({ byop: true });

describe('customer store contract', () => {
  it('returns the same frozen snapshot until something changes', async () => {
    const { sdk } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const a = s.getSnapshot();
    expect(s.getSnapshot()).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.agents)).toBe(true);
    await s.preload();
    const b = s.getSnapshot();
    expect(b).not.toBe(a);
    expect(b.status).toBe('ready');
    expect(s.getSnapshot()).toBe(b);
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('never calls a new subscriber immediately, and unsubscribe stops notifications', async () => {
    const { sdk } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const listener = vi.fn();
    const { subscribe } = s; // unbound on purpose: adapters pass it around like this
    const unsubscribe = subscribe(listener);
    expect(listener).not.toHaveBeenCalled();
    await s.preload(); // idle → loading → ready
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    void s.start({ token: createFakeToken() }); // the fake answers nothing: stays 'starting'
    await vi.waitFor(() => expect(s.getSnapshot().status).toBe('starting'));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('does no SDK work on subscribe', () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    s.subscribe(() => {});
    expect(control.calls).toEqual([]);
  });

  it('has a constant frozen idle server snapshot', async () => {
    const { sdk } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    const server = s.getServerSnapshot();
    expect(server).toEqual({ status: 'idle', pin: null, agents: [], error: null });
    expect(Object.isFrozen(server)).toBe(true);
    expect(s.getSnapshot()).toBe(server); // hydration starts from the same object
    await s.start({ pin: 'ab12', token: byopToken() });
    expect(s.getServerSnapshot()).toBe(server);
    expect(createCustomerSession({ sdk }).getServerSnapshot()).toBe(server);
  });

  it('accepts an async factory as sdk and calls init once', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const factory = vi.fn(async () => sdk);
    const s = createCustomerSession({ sdk: factory, settings: { allowAgentAnnotation: true } });
    await Promise.all([s.preload(), s.preload()]);
    await s.start({ pin: 'AB12', token: byopToken() });
    await s.end();
    await s.start({ token: createFakeToken() });
    expect(factory).toHaveBeenCalledTimes(1);
    expect(control.callsTo('init')).toHaveLength(1);
    expect(control.settings).toEqual({ allowAgentAnnotation: true });
  });
});

describe('customer start', () => {
  it('runs the happy path and shows only the PIN from pincode_updated', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const seen: string[] = [];
    s.subscribe(() => seen.push(s.getSnapshot().status));

    const started = s.start({ pin: 'AB12', token: byopToken() });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(1));
    expect(s.getSnapshot().status).toBe('starting');
    expect(s.getSnapshot().pin).toBeNull(); // not from the input

    control.pincodeUpdated('AB12');
    expect(s.getSnapshot().pin).toBe('AB12');
    control.sessionStarted();
    await started;
    expect(s.getSnapshot().status).toBe('waiting');

    control.agentJoined({ userId: 'a1', userName: 'Ann' });
    control.agentJoined({ userId: 'a2', userName: 'Bob' });
    expect(s.getSnapshot()).toMatchObject({
      status: 'in_session',
      agents: [
        { userId: 'a1', userName: 'Ann' },
        { userId: 'a2', userName: 'Bob' },
      ],
    });
    control.agentLeft({ userId: 'a1' });
    expect(s.getSnapshot().status).toBe('in_session');
    control.agentLeft({ userId: 'a2' });
    expect(s.getSnapshot()).toMatchObject({ status: 'waiting', agents: [] });

    control.sessionEnded();
    expect(s.getSnapshot()).toMatchObject({ status: 'ended', pin: null });
    expect(seen).toEqual([
      'loading',
      'ready',
      'starting',
      'starting', // pin set
      'waiting',
      'in_session',
      'in_session',
      'in_session',
      'waiting',
      'ended',
    ]);
  });

  it('keeps one entry per agent and drops the latest when agent_left has no userId', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    await s.start({ token: createFakeToken() });
    control.agentJoined({ userId: 'a1', userName: 'Ann' });
    control.agentJoined({ userId: 'a2', userName: 'Bob' });
    control.agentJoined({ userId: 'a1', userName: 'Ann again' }); // a reconnect replaces
    expect(s.getSnapshot().agents).toEqual([
      { userId: 'a2', userName: 'Bob' },
      { userId: 'a1', userName: 'Ann again' },
    ]);
    const before = s.getSnapshot();
    control.agentLeft({ userId: 'nobody' });
    expect(s.getSnapshot()).toBe(before);
    control.agentLeft();
    expect(s.getSnapshot()).toMatchObject({
      status: 'in_session',
      agents: [{ userId: 'a2', userName: 'Bob' }],
    });
    control.agentLeft();
    expect(s.getSnapshot()).toMatchObject({ status: 'waiting', agents: [] });
    control.agentLeft();
    expect(s.getSnapshot().status).toBe('waiting');
  });

  it('reads the legacy `pincode` spelling too', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    void s.start({ token: createFakeToken() });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(1));
    control.emit('pincode_updated', { pincode: '555111' } as never);
    expect(s.getSnapshot().pin).toBe('555111');
  });

  it('normalizes a lowercase PIN before the SDK sees it', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    await s.start({ pin: ' ab12 ', token: byopToken() });
    expect(control.callsTo('session.start')[0]?.args[0]).toMatchObject({ customPinCode: 'AB12' });
    expect(s.getSnapshot()).toMatchObject({ status: 'waiting', pin: 'AB12' });
  });

  it('omits customPinCode for a blank PIN and shows the generated one', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true, generatedPin: '904512' });
    const s = createCustomerSession({ sdk });
    const token = createFakeToken({ byop: false });
    await s.start({ pin: '  ', token });
    expect(control.callsTo('session.start')[0]?.args[0]).toEqual({ sdkToken: token });
    expect(s.getSnapshot().pin).toBe('904512');
  });

  it('makes no SDK call at all for an invalid PIN', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const factory = vi.fn(() => sdk);
    const token = vi.fn(byopToken);
    const s = createCustomerSession({ sdk: factory });
    const err = await s.start({ pin: 'ab-12', token }).then(unexpected, (e: unknown) => e);
    expect(err).toBeInstanceOf(CobrowseError);
    expect(err).toMatchObject({ code: 'PIN_INVALID_CHARS' });
    expect(s.getSnapshot()).toMatchObject({ status: 'error', error: err });
    expect(control.calls).toEqual([]);
    expect(factory).not.toHaveBeenCalled();
    expect(token).not.toHaveBeenCalled();
    await expect(s.start({ pin: 'ABCDEFGHIJK', token })).rejects.toMatchObject({
      code: 'PIN_TOO_LONG',
    });
  });

  it('requires enable_byop for a custom PIN, before any SDK call', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    await expect(
      s.start({ pin: 'AB12', token: createFakeToken({ byop: false }) }),
    ).rejects.toMatchObject({
      code: 'TOKEN_BYOP_REQUIRED',
    });
    expect(s.getSnapshot().error?.code).toBe('TOKEN_BYOP_REQUIRED');
    expect(control.calls).toEqual([]);
  });

  it.each([
    ['TOKEN_EXPIRED', createFakeToken({ byop: true, expired: true })],
    ['TOKEN_MALFORMED', 'Bearer not-a-jwt'],
    ['TOKEN_ROLE_MISMATCH', createFakeToken({ role: 'agent' })],
  ])('fails fast with %s', async (code, token) => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    await expect(s.start({ pin: 'AB12', token })).rejects.toMatchObject({ code });
    expect(control.callsTo('session.start')).toEqual([]);
  });

  it('calls a token function once per start', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    const token = vi.fn(async () => byopToken());
    await s.start({ pin: 'AB12', token });
    expect(token).toHaveBeenCalledTimes(1);
    await s.end();
    await s.start({ pin: 'AB12', token });
    expect(token).toHaveBeenCalledTimes(2);
    expect(control.callsTo('session.start')).toHaveLength(2);
  });

  it('maps a token function failure to a CobrowseError that names the endpoint', async () => {
    const { sdk } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    const err = await s
      .start({ token: () => Promise.reject(new Error('HTTP 500')) })
      .then(unexpected, (e: CobrowseError) => e);
    expect(err).toBeInstanceOf(CobrowseError);
    expect(err).toMatchObject({ code: 'UNKNOWN', cause: new Error('HTTP 500') });
    expect(err.message).toMatch(/HTTP 500/);
  });

  it('maps session_error 1010 to PIN_CONFLICT, keeps zoomCode, and allows a fresh start', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const started = s.start({ pin: 'AB12', token: byopToken() });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(1));
    control.sessionError(1010, 'PIN in use');
    const err = await started.then(unexpected, (e: CobrowseError) => e);
    expect(err).toMatchObject({ code: 'PIN_CONFLICT', zoomCode: 1010 });
    expect(err.message).toMatch(/^PIN in use — ./); // Zoom's text, then the fix
    expect(s.getSnapshot()).toMatchObject({ status: 'error', error: err });

    const again = s.start({ pin: 'CD34', token: byopToken() });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(2));
    expect(s.getSnapshot().error).toBeNull();
    control.pincodeUpdated('CD34');
    control.sessionStarted();
    await again;
    expect(s.getSnapshot()).toMatchObject({ status: 'waiting', pin: 'CD34' });
  });

  it('rejects start while starting or in session with SESSION_INVALID_STATE', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const first = s.start({ token: createFakeToken() });
    await expect(s.start({ token: createFakeToken() })).rejects.toMatchObject({
      code: 'SESSION_INVALID_STATE',
    });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(1));
    control.sessionStarted();
    await first;
    const err = await s
      .start({ token: createFakeToken() })
      .then(unexpected, (e: CobrowseError) => e);
    expect(err).toMatchObject({ code: 'SESSION_INVALID_STATE' });
    expect(err.message).toMatch(/waiting.*end\(\)/);
    expect(s.getSnapshot().status).toBe('waiting'); // a refused call does not disturb the session
  });

  it('end() calls session.end, and cancels a start still in flight', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const started = s.start({ token: createFakeToken() });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(1));
    await s.end();
    await expect(started).rejects.toMatchObject({ code: 'SESSION_INVALID_STATE' });
    expect(control.callsTo('session.end')).toHaveLength(1);
    expect(s.getSnapshot()).toMatchObject({ status: 'ended', pin: null });
    await s.end(); // nothing live: no second SDK call
    expect(control.callsTo('session.end')).toHaveLength(1);
  });

  it('rejects start when the session ends before it started', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    const started = s.start({ token: createFakeToken() });
    await vi.waitFor(() => expect(control.callsTo('session.start')).toHaveLength(1));
    control.sessionEnded('timeout');
    await expect(started).rejects.toMatchObject({ code: 'SESSION_START_FAILED' });
    expect(s.getSnapshot().status).toBe('ended');
  });
});

describe('customer init', () => {
  it('maps an init failure to SDK_INIT_FAILED with the zoomCode, and retries on the next call', async () => {
    const { sdk, control } = createFakeCustomerSdk({
      auto: true,
      initError: { errorCode: 2001, errorMsg: 'bad key' },
    });
    const s = createCustomerSession({ sdk });
    await s.preload(); // never rejects: the error is in the snapshot
    expect(s.getSnapshot().error).toMatchObject({ code: 'SDK_INIT_FAILED', zoomCode: 2001 });
    expect(s.getSnapshot().error?.message).toMatch(/bad key/);
    const err = await s
      .start({ token: createFakeToken() })
      .then(unexpected, (e: CobrowseError) => e);
    expect(err).toMatchObject({ code: 'SDK_INIT_FAILED' });
    expect(control.callsTo('session.start')).toEqual([]);
    control.failInit(null);
    await s.start({ token: createFakeToken() });
    expect(s.getSnapshot().status).toBe('waiting');
  });

  it('refuses an sdk without init()', async () => {
    const s = createCustomerSession({ sdk: {} as never });
    await expect(s.start({ token: createFakeToken() })).rejects.toMatchObject({
      code: 'SDK_SURFACE_INVALID',
    });
  });

  it('makes no SDK call before the init callback fires', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true, holdInit: true });
    const s = createCustomerSession({ sdk });
    const p = s.start({ token: createFakeToken() });
    await vi.waitFor(() => expect(control.callsTo('init')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(control.calls.map((c) => c.method)).toEqual(['init']);
    expect(s.getSnapshot().status).toBe('loading');
    control.releaseInit();
    await p;
    expect(control.calls.map((c) => c.method)).toContain('session.start');
  });
});

describe('customer recovery', () => {
  it('reports recoverable on init and resume() joins', async () => {
    const { sdk, control } = createFakeCustomerSdk({
      auto: true,
      sessionStatus: 'session_recoverable',
      generatedPin: '777000',
    });
    const s = createCustomerSession({ sdk });
    await s.preload();
    expect(s.getSnapshot().status).toBe('recoverable');
    await s.resume();
    expect(control.callsTo('session.join')).toEqual([{ method: 'session.join', args: [] }]);
    expect(control.callsTo('session.start')).toEqual([]);
    expect(s.getSnapshot()).toMatchObject({ status: 'waiting', pin: '777000' });
  });

  it('end() on a recoverable session discards it through session.end()', async () => {
    const { sdk, control } = createFakeCustomerSdk({ sessionStatus: 'session_recoverable' });
    const s = createCustomerSession({ sdk });
    await s.preload();
    await s.end();
    expect(control.callsTo('session.end')).toHaveLength(1);
    expect(s.getSnapshot().status).toBe('ended');
  });

  it('follows a session_recoverable event', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    await s.start({ token: createFakeToken() });
    control.sessionRecoverable();
    expect(s.getSnapshot().status).toBe('recoverable');
  });

  it('resume() without a recoverable session rejects and leaves the snapshot alone', async () => {
    const { sdk } = createFakeCustomerSdk();
    const s = createCustomerSession({ sdk });
    await expect(s.resume()).rejects.toMatchObject({ code: 'SESSION_INVALID_STATE' });
    expect(s.getSnapshot().status).toBe('ready');
  });
});

describe('customer dispose', () => {
  it('removes SDK listeners, is idempotent, and makes later calls reject', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    await s.start({ pin: 'AB12', token: byopToken() });
    expect(control.listenerCount()).toBeGreaterThan(0);
    const listener = vi.fn();
    s.subscribe(listener);
    const last = s.getSnapshot();
    s.dispose();
    s.dispose();
    expect(control.listenerCount()).toBe(0);
    expect(control.callsTo('session.end')).toEqual([]); // dispose does not end the session
    control.agentJoined({ userId: 'a1' });
    expect(s.getSnapshot()).toBe(last);
    expect(listener).not.toHaveBeenCalled();
    for (const call of [
      () => s.start({ token: byopToken() }),
      () => s.end(),
      () => s.resume(),
      () => s.preload(),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'SESSION_DISPOSED' });
    }
  });

  it('keeps its last snapshot when a pending init fails after dispose', async () => {
    const { sdk, control } = createFakeCustomerSdk({
      holdInit: true,
      initError: { errorCode: 1001, errorMsg: 'late' },
    });
    const s = createCustomerSession({ sdk });
    const preloaded = s.preload();
    await vi.waitFor(() => expect(control.callsTo('init')).toHaveLength(1));
    const last = s.getSnapshot();
    s.dispose();
    control.releaseInit();
    await preloaded;
    expect(s.getSnapshot()).toBe(last);
  });

  it('rejects a start in flight with SESSION_DISPOSED and attaches no listeners later', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const s = createCustomerSession({ sdk });
    const p = s.start({ token: createFakeToken() });
    s.dispose();
    await expect(p).rejects.toMatchObject({ code: 'SESSION_DISPOSED' });
    await control.flush();
    expect(control.listenerCount()).toBe(0);
    expect(control.callsTo('session.start')).toEqual([]);
  });
});
