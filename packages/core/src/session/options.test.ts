import { describe, expect, it } from 'vitest';
import { CobrowseError } from '../errors';
import { agentOptionsFrom } from './options';

describe('agentOptionsFrom', () => {
  it('keeps the CDN source and drops the customer settings', () => {
    expect(
      agentOptionsFrom({
        sdkKey: 'KEY',
        version: '2.5.x',
        baseUrl: 'http://engine.test',
        nonce: 'n0',
        timeoutMs: 5000,
        settings: { piiMask: { maskType: 'all_input' } },
      }),
    ).toEqual({
      sdkKey: 'KEY',
      version: '2.5.x',
      baseUrl: 'http://engine.test',
      nonce: 'n0',
      timeoutMs: 5000,
    });
  });

  it('refuses a customer SDK object with SDK_ROLE_MISMATCH', () => {
    const sdk = { init() {} };
    let caught: unknown;
    try {
      agentOptionsFrom({ sdk, settings: {} });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CobrowseError);
    expect(caught).toMatchObject({ code: 'SDK_ROLE_MISMATCH' });
    expect((caught as Error).message).toMatch(/agent/i);
  });
});
