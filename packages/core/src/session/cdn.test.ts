import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFakeAgentSdk,
  createFakeCustomerSdk,
  createFakeToken,
} from '../../../test-utils/src';

// Only here: the loader has its own tests; this checks that CDN options reach it.
vi.mock('../loader', () => ({ loadSdk: vi.fn() }));
const { loadSdk } = await import('../loader');
const { createAgentSession, createCustomerSession } = await import('./index');

afterEach(() => {
  vi.mocked(loadSdk).mockReset();
});

describe('CDN mode', () => {
  it('loads the customer SDK through loadSdk once, with the CDN options', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    vi.mocked(loadSdk).mockResolvedValue(sdk as never);
    const s = createCustomerSession({
      sdkKey: 'KEY',
      version: '2.5.x',
      baseUrl: 'https://relay.test',
      nonce: 'n0nce',
      timeoutMs: 5000,
      settings: { piiMask: { maskType: 'all_input' } },
    });
    expect(loadSdk).not.toHaveBeenCalled();
    await s.start({ pin: 'ab12', token: createFakeToken() });
    await s.end();
    await s.start({ token: createFakeToken() });
    expect(loadSdk).toHaveBeenCalledTimes(1);
    expect(vi.mocked(loadSdk).mock.calls[0]?.[0]).toMatchObject({
      role: 'customer',
      sdkKey: 'KEY',
      version: '2.5.x',
      baseUrl: 'https://relay.test',
      nonce: 'n0nce',
      timeoutMs: 5000,
    });
    expect(control.settings).toEqual({ piiMask: { maskType: 'all_input' } });
  });

  it('loads the agent SDK with role agent', async () => {
    const { sdk } = createFakeAgentSdk();
    vi.mocked(loadSdk).mockResolvedValue(sdk as never);
    const a = createAgentSession({ sdkKey: 'KEY', version: '2.5.0' });
    await a.preload();
    expect(vi.mocked(loadSdk).mock.calls[0]?.[0]).toMatchObject({ role: 'agent', sdkKey: 'KEY' });
  });

  it('puts a load failure in the snapshot and retries on the next call', async () => {
    const { CobrowseError } = await import('../errors');
    const failure = new CobrowseError('SDK_LOAD_TIMEOUT', 'The SDK did not load in time.');
    vi.mocked(loadSdk).mockRejectedValueOnce(failure);
    const { sdk } = createFakeCustomerSdk({ auto: true });
    vi.mocked(loadSdk).mockResolvedValueOnce(sdk as never);
    const s = createCustomerSession({ sdkKey: 'KEY', version: '2.5.0' });
    await s.preload();
    expect(s.getSnapshot()).toMatchObject({ status: 'error', error: failure });
    await s.start({ token: createFakeToken() });
    expect(s.getSnapshot().status).toBe('waiting');
    expect(loadSdk).toHaveBeenCalledTimes(2);
  });
});
