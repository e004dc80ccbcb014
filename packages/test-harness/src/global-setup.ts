import { debug } from './debug';
import { ENGINE_ENV, type StartEngineOptions, engineFromEnv, startEngine } from './engine';

/**
 * Builds a Playwright `globalSetup` function that starts one engine for the whole run and shares
 * it with every worker through `COBROWSE_ENGINE_URL` / `_SDK_KEY` / `_SDK_SECRET` (workers are
 * spawned after global setup, so they inherit the variables). Its return value is the teardown.
 * Useful when a `webServer` (your backend) must know the engine's keys; otherwise the
 * worker-scoped `cobrowseEngine` fixture is simpler. Does nothing in hosted mode.
 *
 * @example
 * ```ts
 * // e2e/global-setup.ts
 * import { createGlobalSetup } from '@cobrowse-kit/test-harness';
 * export default createGlobalSetup({ reconnectGraceMs: 10_000 });
 * // playwright.config.ts: globalSetup: './e2e/global-setup.ts'
 * // (or, with defaults: globalSetup: '@cobrowse-kit/test-harness/global-setup')
 * ```
 */
export function createGlobalSetup(
  options: StartEngineOptions = {},
): (config?: unknown) => Promise<() => Promise<void>> {
  return async () => {
    const existing = engineFromEnv();
    if (existing) {
      debug(
        'globalSetup',
        `${existing.mode} engine already configured (${existing.url}); not starting one`,
      );
      return async () => {};
    }
    const engine = await startEngine(options);
    process.env[ENGINE_ENV.url] = engine.url;
    process.env[ENGINE_ENV.sdkKey] = engine.sdkKey;
    process.env[ENGINE_ENV.sdkSecret] = engine.sdkSecret;
    return async () => {
      delete process.env[ENGINE_ENV.url];
      delete process.env[ENGINE_ENV.sdkKey];
      delete process.env[ENGINE_ENV.sdkSecret];
      await engine.close();
    };
  };
}

/**
 * A ready-made global setup with default options, for `globalSetup:
 * '@cobrowse-kit/test-harness/global-setup'`.
 *
 * @example
 * ```ts
 * export default defineConfig({ globalSetup: '@cobrowse-kit/test-harness/global-setup' });
 * ```
 */
const globalSetup: (config?: unknown) => Promise<() => Promise<void>> = createGlobalSetup();
export default globalSetup;
