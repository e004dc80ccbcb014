/**
 * Loads the Cobrowse SDK from Zoom's CDN (or any server with the same paths) with the semantics
 * of Zoom's snippet: a stub that parks `init` arguments, one `async = false` script, plus what the
 * snippet lacks — idempotence, a timeout, a CSP nonce and named errors.
 *
 * @example
 * ```ts
 * import { loadSdk } from '@cobrowse-kit/core';
 * const ZoomCobrowseSDK = await loadSdk({ role: 'customer', sdkKey, version: '2.5.x' });
 * ZoomCobrowseSDK.init(settings, ({ success, session }) => { ... });
 * ```
 * @module
 */
import { err } from '../errors';
import * as M from '../messages';
import type { TokenRole } from '../token';
import { checkRole } from '../token/claims';
import type { ZoomCobrowseAgentSDK, ZoomCobrowseCustomerSDK } from '../zoom-types';

/**
 * Zoom's Cobrowse CDN.
 *
 * @example
 * ```ts
 * sdkUrl({ sdkKey, role: 'customer', version: '2.5.x', baseUrl: ZOOM_CDN_BASE_URL });
 * ```
 */
export const ZOOM_CDN_BASE_URL = 'https://us01-zcb.zoom.us';

/**
 * How long {@link loadSdk} waits for the script by default, in ms.
 *
 * @example
 * ```ts
 * await loadSdk({ role: 'customer', sdkKey, version: '2.5.x', timeoutMs: 2 * SDK_LOAD_TIMEOUT_MS });
 * ```
 */
export const SDK_LOAD_TIMEOUT_MS = 15_000;

/** A parsed SDK version: `2.5.0` (fixed) or `2.5.x` (latest patch of 2.5). */
export interface SdkVersionSpec {
  /** The spec as given, e.g. `'2.5.x'`. */
  spec: string;
  major: number;
  minor: number;
  /** A fixed patch, or `'x'` for the latest patch of `major.minor`. */
  patch: number | 'x';
}

/** Where to load the SDK from. */
export interface SdkUrlOptions {
  sdkKey: string;
  role: TokenRole;
  /** `x.y.z` or `x.y.x`, e.g. `'2.5.0'` or `'2.5.x'`. */
  version: string;
  /** Default {@link ZOOM_CDN_BASE_URL}; point it at a self-hosted engine. A trailing slash is fine. */
  baseUrl?: string;
}

/** Options for {@link loadSdk}. */
export interface LoadSdkOptions<R extends TokenRole = TokenRole> extends SdkUrlOptions {
  role: R;
  /** CSP nonce for the script tag. */
  nonce?: string;
  /** Give up after this many ms (default 15000; 0 or `Infinity` waits forever). */
  timeoutMs?: number;
}

/** The SDK object each role's bundle installs. */
export type SdkForRole<R extends TokenRole> = R extends 'agent'
  ? ZoomCobrowseAgentSDK
  : ZoomCobrowseCustomerSDK;

/**
 * Parses an SDK version spec, the two forms Zoom's CDN serves.
 *
 * @param spec - `'2.5.0'` (fixed) or `'2.5.x'` (latest `>= 2.5.0 < 2.6.0`).
 * @returns The parsed spec.
 * @throws CobrowseError `SDK_VERSION_INVALID` for anything else (`'latest'`, `'2.5'`, `'^2.5.0'`).
 * @example
 * ```ts
 * parseVersionSpec('2.5.x'); // { spec: '2.5.x', major: 2, minor: 5, patch: 'x' }
 * ```
 */
export function parseVersionSpec(spec: string): SdkVersionSpec {
  const m = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5}|x)$/.exec(spec);
  if (!m) throw err('SDK_VERSION_INVALID', M.SDK_VERSION_INVALID, { spec: JSON.stringify(spec) });
  return {
    spec,
    major: +(m[1] as string),
    minor: +(m[2] as string),
    patch: m[3] === 'x' ? 'x' : +(m[3] as string),
  };
}

/**
 * The CDN URL of the customer or agent SDK bundle.
 *
 * @param options - `sdkKey`, `role`, `version` and optional `baseUrl`.
 * @returns `${base}/static/resource/sdk/${key}/js/${version}` (customer) or
 * `${base}/static/resource/sdk/${key}/agent/js/${version}` (agent).
 * @throws CobrowseError `SDK_KEY_INVALID`, `SDK_VERSION_INVALID` or `TOKEN_ROLE_INVALID`.
 * @example
 * ```ts
 * sdkUrl({ sdkKey: 'KEY', role: 'agent', version: '2.5.x' });
 * // 'https://us01-zcb.zoom.us/static/resource/sdk/KEY/agent/js/2.5.x'
 * ```
 */
export function sdkUrl(options: SdkUrlOptions): string {
  const { sdkKey, role, baseUrl = ZOOM_CDN_BASE_URL } = options;
  // Whitespace, path and query characters mean a pasted URL or a stray space, never a real key;
  // dots-only keys would walk up the path.
  if (typeof sdkKey !== 'string' || !/^(?!\.+$)[^\s/\\?#%]+$/.test(sdkKey)) {
    throw err('SDK_KEY_INVALID', M.SDK_KEY_INVALID);
  }
  checkRole(role);
  return `${baseUrl.replace(/\/+$/, '')}/static/resource/sdk/${encodeURIComponent(sdkKey)}${role === 'agent' ? '/agent' : ''}/js/${parseVersionSpec(options.version).spec}`;
}

const ATTR = 'data-cobrowse-kit-sdk';
// A registry symbol, so a second copy of core (or a hot-reloaded one) recognises our stub.
const STUB = Symbol.for('@cobrowse-kit/core:sdk-stub');
const loads = new Map<string, Promise<unknown>>();

const isOurStub = (v: unknown) => !!v && (v as Record<symbol, unknown>)[STUB] === true;

/**
 * Loads the customer or agent SDK bundle once per URL and resolves with the SDK object the bundle
 * installs (`window.ZoomCobrowseSDK` / `window.ZoomCobrowseAgentSDK`). Until it arrives, a stub
 * parks `init` arguments in `window.ZoomCobrowseSDKInitArgs` (agent: `…AgentSDKInitArgs`) exactly
 * like Zoom's snippet. If the global already exists (npm import, Zoom's own snippet), it resolves
 * with it and loads nothing. Concurrent and later calls for the same URL share one promise and
 * one script tag; a failed or timed-out load removes its tag so a later call can retry.
 *
 * @param options - `role`, `sdkKey`, `version`, optional `baseUrl`, `nonce`, `timeoutMs`.
 * @returns The SDK object.
 * @throws CobrowseError (as a rejection) `SDK_NOT_IN_BROWSER`, `SDK_LOAD_FAILED`,
 * `SDK_LOAD_TIMEOUT`, `SDK_SURFACE_INVALID`, or the {@link sdkUrl} codes.
 * @example
 * ```ts
 * const agentSdk = await loadSdk({ role: 'agent', sdkKey, version: '2.5.0', nonce: cspNonce });
 * agentSdk.init({ zoomAppRoot: el }, ({ success, session }) => { ... });
 * ```
 */
export function loadSdk<R extends TokenRole>(options: LoadSdkOptions<R>): Promise<SdkForRole<R>> {
  // Everything in one try: loadSdk reports every failure as a rejection, never a throw.
  try {
    const url = sdkUrl(options);
    if (typeof document === 'undefined') throw err('SDK_NOT_IN_BROWSER', M.SDK_NOT_IN_BROWSER);
    const cached = loads.get(url);
    if (cached) return cached as Promise<SdkForRole<R>>;

    // The SDK bundles install themselves on window, which is globalThis in a page.
    const w = globalThis as unknown as Record<string, unknown>;
    const name = options.role === 'agent' ? 'ZoomCobrowseAgentSDK' : 'ZoomCobrowseSDK';
    const current = w[name];
    if (current && !isOurStub(current)) return Promise.resolve(current as SdkForRole<R>);
    if (!current) {
      w[name] = {
        [STUB]: true,
        init() {
          // biome-ignore lint/complexity/noArguments: the real bundle replays this exact object, as with Zoom's snippet.
          w[`${name}InitArgs`] = arguments;
        },
      };
    }

    const { nonce, timeoutMs = SDK_LOAD_TIMEOUT_MS } = options;
    const promise = new Promise<SdkForRole<R>>((resolve, reject) => {
      // A tag another copy of core inserted for this URL is adopted, not duplicated.
      let tag = [...document.scripts].find((s) => s.getAttribute(ATTR) === url);
      if (!tag) {
        tag = document.createElement('script');
        tag.async = false;
        tag.src = url;
        tag.setAttribute(ATTR, url);
        if (nonce) tag.setAttribute('nonce', nonce);
        const first = document.scripts[0];
        if (first) first.before(tag);
        else (document.head ?? document.documentElement).append(tag);
      }
      const script = tag;
      // Aborting detaches both listeners at once, so nothing fires after the first outcome.
      const listening = new AbortController();
      const on = { signal: listening.signal };
      const timer =
        timeoutMs > 0 && Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
      // `event` is the script's load or error event; none means the timeout fired.
      function done(event?: Event) {
        listening.abort();
        clearTimeout(timer);
        const sdk = w[name] as { init?: unknown } | undefined;
        // A script that fails to load installs nothing either: same code, same message.
        const [code, template] = !event
          ? (['SDK_LOAD_TIMEOUT', M.SDK_LOAD_TIMEOUT] as const)
          : event.type === 'error' || !sdk || isOurStub(sdk)
            ? (['SDK_LOAD_FAILED', M.SDK_LOAD_FAILED] as const)
            : typeof sdk.init !== 'function'
              ? (['SDK_SURFACE_INVALID', M.SDK_SURFACE_INVALID] as const)
              : [];
        if (!code) return resolve(sdk as SdkForRole<R>);
        loads.delete(url);
        script.remove();
        reject(
          err(code, template, { url, ms: timeoutMs, name: `window.${name}` }, { details: { url } }),
        );
      }
      script.addEventListener('load', done, on);
      script.addEventListener('error', done, on);
    });
    loads.set(url, promise);
    return promise;
  } catch (e) {
    return Promise.reject(e);
  }
}
