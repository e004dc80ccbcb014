/**
 * Installs a real SDK over the CDN snippet's stub and replays a parked `init` call.
 *
 * Zoom's snippet defines `window.ZoomCobrowseSDK = { init() { window.ZoomCobrowseSDKInitArgs =
 * arguments } }` and loads the bundle with `async = false`, so a page may call `init` before the
 * bundle arrives. The bundle must then make that call for real.
 */

/** Anything with Zoom's `init`. */
export interface InitSdk {
  // biome-ignore lint/suspicious/noExplicitAny: replays whatever arguments the page passed.
  init(...args: any[]): void;
}

const INSTALLED = Symbol.for('cobrowse-kit.sdk');

/**
 * Sets `target[globalName] = sdk` and, if the stub parked arguments in `target[argsName]`, calls
 * `sdk.init(...args)` once and removes them. A second bundle load keeps the first installed SDK.
 *
 * @returns The SDK now installed.
 * @example
 * ```ts
 * installGlobal(window, 'ZoomCobrowseSDK', 'ZoomCobrowseSDKInitArgs', sdk);
 * ```
 */
export function installGlobal<T extends InitSdk>(
  target: Record<string, unknown>,
  globalName: string,
  argsName: string,
  sdk: T,
): T {
  const existing = target[globalName] as (T & { [INSTALLED]?: true }) | undefined;
  if (existing?.[INSTALLED]) return existing;
  Object.defineProperty(sdk, INSTALLED, { value: true });
  target[globalName] = sdk;
  const parked = target[argsName] as ArrayLike<unknown> | undefined;
  if (parked && typeof parked === 'object' && typeof parked.length === 'number') {
    // Delete first: if init throws, a reload of the bundle must not replay it again.
    delete target[argsName];
    sdk.init(...Array.from(parked));
  }
  return sdk;
}
