import { inspectToken } from '@cobrowse-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { createFakeAgentSdk, createFakeCustomerSdk, createFakeToken } from './index';

describe('createFakeCustomerSdk', () => {
  it('answers init asynchronously and records every call', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    const cb = vi.fn();
    sdk.init({ appKey: 'K' }, cb);
    expect(cb).not.toHaveBeenCalled();
    await control.flush();
    expect(cb).toHaveBeenCalledWith(expect.objectContaining({ success: true, error: null }));
    expect(control.calls.map((c) => c.method)).toEqual(['init']);
    expect(control.settings).toEqual({ appKey: 'K' });
  });

  it('plays start → pincode_updated (both spellings) → session_started in auto mode', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const events: unknown[] = [];
    sdk.init({}, ({ session }) => {
      session.on('pincode_updated', (p) => events.push(p));
      session.on('session_started', () => events.push('started'));
      session.start({ sdkToken: 't', customPinCode: 'ab12' });
    });
    await control.flush();
    expect(events).toEqual([{ pinCode: 'AB12', pincode: 'AB12' }, 'started']);
  });

  it('fails init on demand and reports session errors', async () => {
    const { sdk, control } = createFakeCustomerSdk();
    control.failInit({ errorCode: 2001, errorMsg: 'bad' });
    const cb = vi.fn();
    sdk.init({}, cb);
    await control.flush();
    expect(cb).toHaveBeenCalledWith(
      expect.objectContaining({ success: false, error: { errorCode: 2001, errorMsg: 'bad' } }),
    );
  });

  it('holds init until released', async () => {
    const { sdk, control } = createFakeCustomerSdk({ holdInit: true });
    const cb = vi.fn();
    sdk.init({}, cb);
    await control.flush();
    expect(cb).not.toHaveBeenCalled();
    control.releaseInit();
    await control.flush();
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('reports a recoverable status and counts listeners', async () => {
    const { sdk, control } = createFakeCustomerSdk({ sessionStatus: 'session_recoverable' });
    const h = () => {};
    sdk.init({}, ({ session }) => {
      expect(session.getSessionInfo().sessionStatus).toBe('session_recoverable');
      session.on('agent_joined', h);
    });
    await control.flush();
    expect(control.listenerCount('agent_joined')).toBe(1);
  });
});

describe('createFakeAgentSdk', () => {
  it('answers createAgentViewerEndpoint and auto-joins', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const joined = vi.fn();
    const url = vi.fn();
    sdk.init({ zoomAppRoot: null }, ({ session }) => {
      session.on('session_joined', joined);
      session.join({ sdkToken: 't', pinCode: 'AB12' });
      session.createAgentViewerEndpoint({ sdkToken: 't', pinCode: 'AB12' }, url);
    });
    await control.flush();
    expect(joined).toHaveBeenCalledTimes(1);
    expect(url).toHaveBeenCalledWith({
      success: true,
      agentViewerUrl: 'https://viewer.invalid/v?pin=AB12',
    });
  });
});

describe('createFakeToken', () => {
  it('decodes with core and carries the requested role, BYOP flag and expiry', () => {
    expect(inspectToken(createFakeToken())).toMatchObject({
      role: 'customer',
      byop: true,
      expired: false,
    });
    expect(inspectToken(createFakeToken({ role: 'agent' }))).toMatchObject({
      role: 'agent',
      byop: false,
    });
    expect(inspectToken(createFakeToken({ expired: true })).expired).toBe(true);
    expect(inspectToken(createFakeToken({ claims: { user_name: 'Zoë 李' } })).userName).toBe(
      'Zoë 李',
    );
  });
});
