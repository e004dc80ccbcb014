// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CobrowseError } from '../errors';
import { loadSdk, sdkUrl } from './index';

describe('loader without a document (SSR)', () => {
  it('rejects loadSdk with SDK_NOT_IN_BROWSER', async () => {
    const e = (await loadSdk({ role: 'customer', sdkKey: 'KEY', version: '2.5.0' }).catch(
      (x: unknown) => x,
    )) as CobrowseError;
    expect(e.code).toBe('SDK_NOT_IN_BROWSER');
    expect(e.message).toMatch(/client-side/);
  });

  it('still builds URLs', () => {
    expect(sdkUrl({ role: 'customer', sdkKey: 'KEY', version: '2.5.0' })).toMatch(
      /KEY\/js\/2\.5\.0$/,
    );
  });
});
