// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Errors from '../errors';
import type { CobrowseError } from '../errors';
import type * as Loader from './index';

let loader: typeof Loader;
let errors: typeof Errors;
const w = window as unknown as Record<string, unknown>;
const GLOBALS = [
  'ZoomCobrowseSDK',
  'ZoomCobrowseSDKInitArgs',
  'ZoomCobrowseAgentSDK',
  'ZoomCobrowseAgentSDKInitArgs',
];
const scripts = () => [
  ...document.querySelectorAll<HTMLScriptElement>('script[data-cobrowse-kit-sdk]'),
];

beforeEach(async () => {
  // A fresh module per test: the loader caches one promise per URL.
  vi.resetModules();
  loader = await import('./index');
  errors = await import('../errors');
  for (const g of GLOBALS) delete w[g];
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

afterEach(() => vi.useRealTimers());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(errors.CobrowseError);
    return (e as CobrowseError).code;
  }
  return 'resolved';
}

describe('parseVersionSpec', () => {
  it('accepts x.y.z and x.y.x', () => {
    expect(loader.parseVersionSpec('2.5.0')).toEqual({
      spec: '2.5.0',
      major: 2,
      minor: 5,
      patch: 0,
    });
    expect(loader.parseVersionSpec('2.5.x')).toEqual({
      spec: '2.5.x',
      major: 2,
      minor: 5,
      patch: 'x',
    });
    expect(loader.parseVersionSpec('10.0.12').patch).toBe(12);
  });

  it.each([
    '2.5',
    '2.5.X',
    'latest',
    '^2.5.0',
    'v2.5.0',
    '2.5.0-beta',
    ' 2.5.0',
    '2.x.x',
    '02.5.0',
    '2.5.x.1',
    '',
  ])('refuses %j with SDK_VERSION_INVALID naming the accepted forms', (spec) => {
    expect(() => loader.parseVersionSpec(spec)).toThrow(/"2\.5\.0".*"2\.5\.x"/);
    try {
      loader.parseVersionSpec(spec);
    } catch (e) {
      expect((e as CobrowseError).code).toBe('SDK_VERSION_INVALID');
    }
  });
});

describe('sdkUrl', () => {
  it('builds the customer and agent CDN paths', () => {
    expect(loader.sdkUrl({ sdkKey: 'KEY', role: 'customer', version: '2.5.0' })).toBe(
      'https://us01-zcb.zoom.us/static/resource/sdk/KEY/js/2.5.0',
    );
    expect(loader.sdkUrl({ sdkKey: 'KEY', role: 'agent', version: '2.5.x' })).toBe(
      'https://us01-zcb.zoom.us/static/resource/sdk/KEY/agent/js/2.5.x',
    );
    expect(loader.ZOOM_CDN_BASE_URL).toBe('https://us01-zcb.zoom.us');
  });

  it('tolerates a trailing slash on baseUrl and encodes the key', () => {
    expect(
      loader.sdkUrl({
        sdkKey: 'a+b=',
        role: 'customer',
        version: '1.0.0',
        baseUrl: 'http://localhost:8080//',
      }),
    ).toBe('http://localhost:8080/static/resource/sdk/a%2Bb%3D/js/1.0.0');
  });

  it.each(['', ' KEY', 'KEY ', 'K EY', 'a/b', 'https://x/y', 'k?x', 'k#x', 'k%2F', '..', '.', 5])(
    'refuses key %j with SDK_KEY_INVALID',
    (sdkKey) => {
      try {
        loader.sdkUrl({ sdkKey: sdkKey as string, role: 'customer', version: '2.5.0' });
        expect.unreachable();
      } catch (e) {
        expect((e as CobrowseError).code).toBe('SDK_KEY_INVALID');
      }
    },
  );

  it('refuses a bad version or role', () => {
    expect(() => loader.sdkUrl({ sdkKey: 'K', role: 'customer', version: 'latest' })).toThrow(
      errors.CobrowseError,
    );
    expect(() => loader.sdkUrl({ sdkKey: 'K', role: 'boss' as 'agent', version: '2.5.0' })).toThrow(
      /customer' or 'agent/,
    );
  });
});

describe('loadSdk', () => {
  const opts = { role: 'customer', sdkKey: 'KEY', version: '2.5.0' } as const;
  const realSdk = () => ({ init: vi.fn() });

  it('installs the snippet stub, inserts one async=false script before the first script', async () => {
    document.body.innerHTML = '<script id="app"></script>';
    const p = loader.loadSdk(opts);
    const [tag] = scripts();
    expect(scripts()).toHaveLength(1);
    expect(tag?.src).toBe('https://us01-zcb.zoom.us/static/resource/sdk/KEY/js/2.5.0');
    expect(tag?.async).toBe(false);
    expect(tag?.nextElementSibling?.id).toBe('app');

    // The stub parks init arguments the way Zoom's snippet does.
    const stub = w.ZoomCobrowseSDK as { init: (...a: unknown[]) => void };
    const cb = () => {};
    stub.init({ piiMask: {} }, cb);
    const parked = w.ZoomCobrowseSDKInitArgs as IArguments;
    expect(Object.prototype.toString.call(parked)).toBe('[object Arguments]');
    expect([...parked]).toEqual([{ piiMask: {} }, cb]);

    const sdk = realSdk();
    w.ZoomCobrowseSDK = sdk;
    tag?.dispatchEvent(new Event('load'));
    await expect(p).resolves.toBe(sdk);
  });

  it('uses the agent globals and path, appends to head without scripts, sets the nonce', async () => {
    const p = loader.loadSdk({ ...opts, role: 'agent', nonce: 'n0nce' });
    const [tag] = scripts();
    expect(tag?.parentNode).toBe(document.head);
    expect(tag?.getAttribute('nonce')).toBe('n0nce');
    expect(tag?.src).toContain('/KEY/agent/js/2.5.0');
    (w.ZoomCobrowseAgentSDK as { init: (...a: unknown[]) => void }).init('x');
    expect([...(w.ZoomCobrowseAgentSDKInitArgs as IArguments)]).toEqual(['x']);
    expect(w.ZoomCobrowseSDK).toBeUndefined();
    const sdk = realSdk();
    w.ZoomCobrowseAgentSDK = sdk;
    tag?.dispatchEvent(new Event('load'));
    await expect(p).resolves.toBe(sdk);
  });

  it('shares one promise and one tag between concurrent and later callers', async () => {
    const a = loader.loadSdk(opts);
    const b = loader.loadSdk({ ...opts, baseUrl: 'https://us01-zcb.zoom.us/' });
    expect(b).toBe(a);
    expect(scripts()).toHaveLength(1);
    const sdk = realSdk();
    w.ZoomCobrowseSDK = sdk;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await expect(a).resolves.toBe(sdk);
    await expect(loader.loadSdk(opts)).resolves.toBe(sdk);
    expect(scripts()).toHaveLength(1);
  });

  it('resolves at once with an SDK that is already on the page, loading nothing', async () => {
    const sdk = realSdk();
    w.ZoomCobrowseSDK = sdk;
    await expect(loader.loadSdk(opts)).resolves.toBe(sdk);
    expect(scripts()).toHaveLength(0);
  });

  it('rejects with SDK_LOAD_FAILED on error and removes the tag so a retry works', async () => {
    const p = loader.loadSdk(opts);
    scripts()[0]?.dispatchEvent(new Event('error'));
    expect(await codeOf(p)).toBe('SDK_LOAD_FAILED');
    expect(scripts()).toHaveLength(0);
    // The stub stays, so init calls made meanwhile still get replayed by the real bundle.
    expect(w.ZoomCobrowseSDK).toBeDefined();

    const retry = loader.loadSdk(opts);
    expect(retry).not.toBe(p);
    expect(scripts()).toHaveLength(1);
    const sdk = realSdk();
    w.ZoomCobrowseSDK = sdk;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await expect(retry).resolves.toBe(sdk);
  });

  it('rejects with SDK_LOAD_FAILED when the script loads but leaves the stub in place', async () => {
    const p = loader.loadSdk(opts);
    scripts()[0]?.dispatchEvent(new Event('load'));
    const e = (await p.catch((x: unknown) => x)) as CobrowseError;
    expect(e.code).toBe('SDK_LOAD_FAILED');
    expect(e.message).toContain('did not install window.ZoomCobrowseSDK');
  });

  it('rejects with SDK_SURFACE_INVALID when the global has no init()', async () => {
    const p = loader.loadSdk(opts);
    w.ZoomCobrowseSDK = { start() {} };
    scripts()[0]?.dispatchEvent(new Event('load'));
    expect(await codeOf(p)).toBe('SDK_SURFACE_INVALID');
  });

  it('rejects with SDK_LOAD_TIMEOUT after timeoutMs (default 15 s) and allows a retry', async () => {
    vi.useFakeTimers();
    const p = loader.loadSdk(opts);
    const settled = vi.fn();
    p.catch(settled);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(await codeOf(p)).toBe('SDK_LOAD_TIMEOUT');
    expect(scripts()).toHaveLength(0);

    const q = codeOf(loader.loadSdk({ ...opts, timeoutMs: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(await q).toBe('SDK_LOAD_TIMEOUT');
  });

  it('waits forever with timeoutMs: 0', async () => {
    vi.useFakeTimers();
    const p = loader.loadSdk({ ...opts, timeoutMs: 0 });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const sdk = realSdk();
    w.ZoomCobrowseSDK = sdk;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await expect(p).resolves.toBe(sdk);
  });

  it('adopts a tag left by another copy of core instead of adding a second one', async () => {
    void loader.loadSdk(opts);
    expect(scripts()).toHaveLength(1);
    vi.resetModules();
    const other: typeof Loader = await import('./index');
    const p = other.loadSdk(opts);
    expect(scripts()).toHaveLength(1);
    const sdk = realSdk();
    w.ZoomCobrowseSDK = sdk;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await expect(p).resolves.toBe(sdk);
  });

  it('rejects (never throws) for bad options', async () => {
    expect(await codeOf(loader.loadSdk({ ...opts, version: 'latest' }))).toBe(
      'SDK_VERSION_INVALID',
    );
    expect(await codeOf(loader.loadSdk({ ...opts, sdkKey: '' }))).toBe('SDK_KEY_INVALID');
    expect(scripts()).toHaveLength(0);
    expect(w.ZoomCobrowseSDK).toBeUndefined();
  });
});
