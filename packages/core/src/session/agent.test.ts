import { describe, expect, it, vi } from 'vitest';
// Relative on purpose: test-utils depends on core, so a devDependency back would be a cycle.
import { createFakeAgentSdk, createFakeToken } from '../../../test-utils/src';
import type { CobrowseError } from '../errors';
import { createAgentSession } from './index';

// The store only passes the mount through to zoomAppRoot, so any object stands in for a DOM node.
const unexpected = (): never => {
  throw new Error('expected a rejection');
};
const element = (id: string) => ({ id }) as unknown as HTMLElement;
const agentToken = () => createFakeToken({ role: 'agent' });

describe('agent session', () => {
  it('has a stable frozen snapshot and a constant idle server snapshot', async () => {
    const { sdk } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    const idle = a.getServerSnapshot();
    expect(idle).toEqual({ status: 'idle', pin: null, viewerUrl: null, error: null });
    expect(Object.isFrozen(idle)).toBe(true);
    expect(a.getSnapshot()).toBe(idle);
    await a.join({ pin: 'ab12', token: agentToken(), mount: element('v') });
    expect(a.getSnapshot()).toBe(a.getSnapshot());
    expect(Object.isFrozen(a.getSnapshot())).toBe(true);
    expect(a.getServerSnapshot()).toBe(idle);
  });

  it('joins with a normalized PIN and renders into the mount', async () => {
    const { sdk, control } = createFakeAgentSdk();
    const mount = element('view');
    const a = createAgentSession({ sdk, settings: { serverUrl: 'https://relay.test' } });
    const seen: string[] = [];
    a.subscribe(() => seen.push(a.getSnapshot().status));
    const token = agentToken();
    const joined = a.join({ pin: ' ab12 ', token, mount });
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(1));
    expect(control.settings).toEqual({ serverUrl: 'https://relay.test', zoomAppRoot: mount });
    expect(control.callsTo('session.join')[0]?.args).toEqual([
      { sdkToken: token, pinCode: 'AB12' },
    ]);
    expect(a.getSnapshot()).toMatchObject({ status: 'joining', pin: 'AB12' });
    control.sessionJoined();
    await joined;
    expect(seen).toEqual(['loading', 'ready', 'joining', 'in_session']);

    await a.leave();
    expect(control.callsTo('session.leave')).toHaveLength(1);
    expect(a.getSnapshot().status).toBe('left');
  });

  it('validates the PIN before any SDK call', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    await expect(
      a.join({ pin: '', token: agentToken(), mount: element('v') }),
    ).rejects.toMatchObject({
      code: 'PIN_EMPTY',
    });
    expect(a.getSnapshot().status).toBe('error');
    expect(control.calls).toEqual([]);
  });

  it('refuses a customer token and a missing mount', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    await expect(
      a.join({ pin: 'AB12', token: createFakeToken(), mount: element('v') }),
    ).rejects.toMatchObject({ code: 'TOKEN_ROLE_MISMATCH' });
    await expect(
      a.join({ pin: 'AB12', token: agentToken(), mount: null as unknown as HTMLElement }),
    ).rejects.toMatchObject({
      code: 'SESSION_INVALID_STATE',
      message: expect.stringMatching(/mount/),
    });
    expect(control.calls).toEqual([]);
  });

  it('maps session_error (1006 → PIN_NOT_FOUND) and rejects join', async () => {
    const { sdk, control } = createFakeAgentSdk();
    const a = createAgentSession({ sdk });
    const joined = a.join({ pin: 'ZZ99', token: agentToken(), mount: element('v') });
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(1));
    control.sessionError(1006);
    const err = await joined.then(unexpected, (e: CobrowseError) => e);
    expect(err).toMatchObject({ code: 'PIN_NOT_FOUND', zoomCode: 1006 });
    expect(a.getSnapshot()).toMatchObject({ status: 'error', error: err });
  });

  it('follows session_left and session_ended', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    await a.join({ pin: 'AB12', token: agentToken(), mount: element('v') });
    control.sessionLeft();
    expect(a.getSnapshot().status).toBe('left');
    await a.join({ pin: 'AB12', token: agentToken(), mount: element('v') }).catch(() => {});
  });

  it('keeps the first mount and refuses another one', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    const first = element('one');
    await a.join({ pin: 'AB12', token: agentToken(), mount: first });
    control.sessionEnded();
    expect(a.getSnapshot().status).toBe('ended');
    await a.join({ pin: 'AB12', token: agentToken(), mount: first }); // same element: fine
    await a.leave();
    await expect(
      a.join({ pin: 'AB12', token: agentToken(), mount: element('two') }),
    ).rejects.toMatchObject({
      code: 'SESSION_INVALID_STATE',
      message: expect.stringMatching(/mount/),
    });
    expect(control.callsTo('init')).toHaveLength(1);
  });

  it('rejoins a recoverable session with a bare join()', async () => {
    const { sdk, control } = createFakeAgentSdk({
      auto: true,
      sessionStatus: 'session_recoverable',
    });
    const a = createAgentSession({ sdk });
    await a.join({ pin: 'AB12', token: agentToken(), mount: element('v') });
    expect(control.callsTo('session.join')[0]?.args).toEqual([]);
    expect(a.getSnapshot().status).toBe('in_session');
  });

  it('creates a viewer URL without a mount', async () => {
    const { sdk, control } = createFakeAgentSdk({ viewerUrl: 'https://viewer.test/x' });
    const a = createAgentSession({ sdk });
    const token = agentToken();
    await expect(a.createViewerUrl({ pin: 'ab12', token })).resolves.toBe('https://viewer.test/x');
    expect(control.callsTo('session.createAgentViewerEndpoint')[0]?.args[0]).toEqual({
      pinCode: 'AB12',
      sdkToken: token,
    });
    expect(control.settings).toEqual({});
    expect(a.getSnapshot()).toMatchObject({
      status: 'ready',
      pin: 'AB12',
      viewerUrl: 'https://viewer.test/x',
    });
  });

  it('maps a viewer endpoint failure', async () => {
    const { sdk } = createFakeAgentSdk({ viewerError: { errorCode: 2001, errorMsg: 'bad token' } });
    const a = createAgentSession({ sdk });
    await expect(a.createViewerUrl({ pin: 'AB12', token: agentToken() })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      zoomCode: 2001,
    });
    expect(a.getSnapshot().status).toBe('error');
  });

  it('keeps in_session when a viewer URL request fails during a live view', async () => {
    const { sdk } = createFakeAgentSdk({
      auto: true,
      viewerError: { errorCode: 1006, errorMsg: 'x' },
    });
    const a = createAgentSession({ sdk });
    await a.join({ pin: 'AB12', token: agentToken(), mount: element('v') });
    await expect(a.createViewerUrl({ pin: 'AB12', token: agentToken() })).rejects.toMatchObject({
      code: 'PIN_NOT_FOUND',
    });
    expect(a.getSnapshot()).toMatchObject({
      status: 'in_session',
      error: { code: 'PIN_NOT_FOUND' },
    });
  });

  it('leave() while joining cancels the join', async () => {
    const { sdk, control } = createFakeAgentSdk();
    const a = createAgentSession({ sdk });
    const joined = a.join({ pin: 'AB12', token: agentToken(), mount: element('v') });
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(1));
    await a.leave();
    await expect(joined).rejects.toMatchObject({ code: 'SESSION_INVALID_STATE' });
    expect(control.callsTo('session.leave')).toHaveLength(1);
    expect(a.getSnapshot().status).toBe('left');
  });

  it('preload only loads the SDK (zoomAppRoot is not known yet)', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const factory = vi.fn(() => sdk);
    const a = createAgentSession({ sdk: factory });
    await a.preload();
    expect(factory).toHaveBeenCalledTimes(1);
    expect(control.calls).toEqual([]);
    expect(a.getSnapshot().status).toBe('idle');
  });

  it('dispose removes listeners, is idempotent, and later calls reject', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    await a.join({ pin: 'AB12', token: agentToken(), mount: element('v') });
    a.dispose();
    a.dispose();
    expect(control.listenerCount()).toBe(0);
    for (const call of [
      () => a.join({ pin: 'AB12', token: agentToken(), mount: element('v') }),
      () => a.createViewerUrl({ pin: 'AB12', token: agentToken() }),
      () => a.leave(),
      () => a.preload(),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'SESSION_DISPOSED' });
    }
  });

  it('ignores the late session_left that acknowledges its own leave() during a new join', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const a = createAgentSession({ sdk });
    const mount = element('v');
    await a.join({ pin: 'AB12', token: agentToken(), mount });
    const left = a.leave(); // auto mode acknowledges with session_left asynchronously
    // The new join is still waiting for its token when the acknowledgement lands.
    const slowToken = async () => {
      await control.flush();
      return agentToken();
    };
    const joined = a.join({ pin: 'CD34', token: slowToken, mount });
    await left;
    await joined;
    await control.flush();
    expect(a.getSnapshot()).toMatchObject({ status: 'in_session', pin: 'CD34', error: null });
  });

  it('still reports a session_left that the store did not ask for', async () => {
    const { sdk, control } = createFakeAgentSdk();
    const a = createAgentSession({ sdk });
    const mount = element('v');
    const first = a.join({ pin: 'AB12', token: agentToken(), mount });
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(1));
    control.sessionJoined();
    await first;
    await a.leave(); // this SDK never acknowledges
    const second = a.join({ pin: 'CD34', token: agentToken(), mount });
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(2));
    control.sessionJoined();
    await second;
    control.sessionLeft('host');
    expect(a.getSnapshot().status).toBe('left');
  });
});
