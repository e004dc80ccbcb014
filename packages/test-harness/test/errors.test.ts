import { describe, expect, it } from 'vitest';
import { ENGINE_ENV, HOSTED_ENV, engineFromEnv } from '../src/engine';
import { HarnessError, HarnessErrorCodes, isHarnessError } from '../src/errors';

describe('HarnessError', () => {
  it('carries a stable code, prefixes the message with it, and keeps details', () => {
    const e = new HarnessError('JOIN_FAILED', 'Ask for the PIN again.', {
      details: { errorCode: 1006 },
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('HarnessError');
    expect(e.code).toBe(HarnessErrorCodes.JOIN_FAILED);
    expect(e.message).toBe('[JOIN_FAILED] Ask for the PIN again.');
    expect(e.details).toEqual({ errorCode: 1006 });
  });

  it('is recognised across package copies by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'HarnessError', code: 'WIRE_EMPTY' });
    expect(isHarnessError(foreign)).toBe(true);
    expect(isHarnessError(foreign, 'WIRE_EMPTY')).toBe(true);
    expect(isHarnessError(foreign, 'JOIN_FAILED')).toBe(false);
    expect(isHarnessError(new Error('x'))).toBe(false);
    expect(isHarnessError('HarnessError')).toBe(false);
  });

  it('has every code equal to its name', () => {
    for (const [k, v] of Object.entries(HarnessErrorCodes)) expect(v).toBe(k);
  });
});

describe('engineFromEnv', () => {
  it('returns nothing when no variable is set', () => {
    expect(engineFromEnv({})).toBeUndefined();
  });

  it('reads the engine globalSetup shared', () => {
    const e = engineFromEnv({
      [ENGINE_ENV.url]: 'http://127.0.0.1:4000/',
      [ENGINE_ENV.sdkKey]: 'k',
      [ENGINE_ENV.sdkSecret]: 's',
    });
    expect(e).toMatchObject({
      mode: 'shared',
      url: 'http://127.0.0.1:4000',
      sdkKey: 'k',
      sdkSecret: 's',
    });
  });

  it('refuses a half-configured shared engine', () => {
    expect(() => engineFromEnv({ [ENGINE_ENV.url]: 'http://x' })).toThrow(/ENGINE_ENV_INCOMPLETE/);
  });

  it("switches to Zoom's hosted service when both Zoom variables are set, ahead of a shared engine", () => {
    const e = engineFromEnv({
      [HOSTED_ENV.sdkKey]: 'zk',
      [HOSTED_ENV.sdkSecret]: 'zs',
      [ENGINE_ENV.url]: 'http://127.0.0.1:4000',
    });
    expect(e).toMatchObject({ mode: 'hosted', url: 'https://us01-zcb.zoom.us', sdkKey: 'zk' });
  });

  it('names the missing hosted variable', () => {
    try {
      engineFromEnv({ [HOSTED_ENV.sdkKey]: 'zk' });
      expect.unreachable();
    } catch (e) {
      expect(isHarnessError(e, 'HOSTED_ENV_INCOMPLETE')).toBe(true);
      expect((e as Error).message).toContain('only ZOOM_COBROWSE_SDK_KEY is set');
    }
  });
});
