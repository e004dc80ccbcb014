// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installGlobal } from './install';
import { bakedPublicUrl, currentScriptOrigin, iifeServerUrl } from './public-url';

/** Zoom's CDN snippet stub, verbatim in behaviour: parks `arguments` on the window. */
function snippetStub(r: Record<string, unknown>, f: string, argsName: string) {
  r[f] = r[f] || {
    init: function init() {
      // biome-ignore lint/complexity/noArguments: the snippet parks the arguments object itself.
      r[argsName] = arguments;
    },
  };
}

describe('installGlobal', () => {
  it('replays an init the snippet parked before the bundle arrived, once', () => {
    const win: Record<string, unknown> = {};
    snippetStub(win, 'ZoomCobrowseSDK', 'ZoomCobrowseSDKInitArgs');
    const settings = { piiMask: { maskType: 'all_input' } };
    const cb = () => {};
    (win.ZoomCobrowseSDK as { init: (...a: unknown[]) => void }).init(settings, cb);
    const sdk = { init: vi.fn() };
    expect(installGlobal(win, 'ZoomCobrowseSDK', 'ZoomCobrowseSDKInitArgs', sdk)).toBe(sdk);
    expect(sdk.init).toHaveBeenCalledTimes(1);
    expect(sdk.init).toHaveBeenCalledWith(settings, cb);
    expect(win.ZoomCobrowseSDK).toBe(sdk);
    expect('ZoomCobrowseSDKInitArgs' in win).toBe(false);
  });

  it('calls nothing when init was not called yet, and installs the real SDK', () => {
    const win: Record<string, unknown> = {};
    snippetStub(win, 'ZoomCobrowseAgentSDK', 'ZoomCobrowseAgentSDKInitArgs');
    const sdk = { init: vi.fn() };
    installGlobal(win, 'ZoomCobrowseAgentSDK', 'ZoomCobrowseAgentSDKInitArgs', sdk);
    expect(sdk.init).not.toHaveBeenCalled();
    expect(win.ZoomCobrowseAgentSDK).toBe(sdk);
  });

  it('keeps the first real SDK when the bundle is loaded twice', () => {
    const win: Record<string, unknown> = {};
    const first = { init: vi.fn() };
    const second = { init: vi.fn() };
    installGlobal(win, 'X', 'XArgs', first);
    win.XArgs = ['late'];
    expect(installGlobal(win, 'X', 'XArgs', second)).toBe(first);
    expect(win.X).toBe(first);
    expect(second.init).not.toHaveBeenCalled();
  });
});

describe('the customer bundle entry', () => {
  afterEach(() => {
    const g = globalThis as Record<string, unknown>;
    delete g.ZoomCobrowseSDK;
    delete g.ZoomCobrowseSDKInitArgs;
  });

  it('installs window.ZoomCobrowseSDK and answers the parked init', async () => {
    const g = globalThis as unknown as Record<string, unknown>;
    snippetStub(g, 'ZoomCobrowseSDK', 'ZoomCobrowseSDKInitArgs');
    const result = new Promise<{ success: boolean; session: { getSessionInfo(): unknown } }>(
      (resolve) => (g.ZoomCobrowseSDK as { init: (...a: unknown[]) => void }).init({}, resolve),
    );
    await import('./customer');
    const r = await result;
    expect(r.success).toBe(true);
    expect(r.session.getSessionInfo()).toMatchObject({ sessionStatus: 'session_not_started' });
    expect(typeof (g.ZoomCobrowseSDK as { init: unknown }).init).toBe('function');
    expect(g.ZoomCobrowseSDKInitArgs).toBeUndefined();
  });
});

describe('public URL resolution', () => {
  it('treats the unreplaced placeholder as absent and a replaced one as the URL', () => {
    expect(bakedPublicUrl()).toBeUndefined();
    expect(bakedPublicUrl('https://relay.example.com')).toBe('https://relay.example.com');
    expect(bakedPublicUrl('__COBROWSE_KIT_PUBLIC_URL__')).toBeUndefined();
  });

  it('prefers the baked URL, then settings.serverUrl, then the script origin, then the page', () => {
    expect(iifeServerUrl('https://baked', 'https://script')({ serverUrl: 'https://s' })).toBe(
      'https://baked',
    );
    expect(iifeServerUrl(undefined, 'https://script')({ serverUrl: 'https://s' })).toBe(
      'https://s',
    );
    expect(iifeServerUrl(undefined, 'https://script')({})).toBe('https://script');
    expect(iifeServerUrl(undefined, undefined)({})).toBe(location.origin);
  });

  it("reads the loading script's origin", () => {
    const doc = {
      currentScript: { src: 'https://cdn.example.com/static/resource/sdk/K/js/2.5.0' },
    };
    expect(currentScriptOrigin(doc as unknown as Document)).toBe('https://cdn.example.com');
    expect(currentScriptOrigin({ currentScript: null } as unknown as Document)).toBeUndefined();
  });
});
