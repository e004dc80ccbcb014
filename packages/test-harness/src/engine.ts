import { ZOOM_CDN_BASE_URL } from '@cobrowse-kit/core';
import { debug, isDebugEnabled } from './debug';
import { HarnessError } from './errors';
import { type TokenKeys, randomKeys } from './tokens';

/**
 * Environment variables `globalSetup` sets so Playwright's worker processes reuse its engine
 * instead of starting their own.
 *
 * @example
 * ```ts
 * const url = process.env[ENGINE_ENV.url]; // set by globalSetup
 * ```
 */
export const ENGINE_ENV = {
  url: 'COBROWSE_ENGINE_URL',
  sdkKey: 'COBROWSE_ENGINE_SDK_KEY',
  sdkSecret: 'COBROWSE_ENGINE_SDK_SECRET',
} as const;

/**
 * Environment variables that switch the harness to Zoom's hosted service.
 *
 * @example
 * ```ts
 * // ZOOM_COBROWSE_SDK_KEY=… ZOOM_COBROWSE_SDK_SECRET=… npx playwright test
 * const hosted = !!process.env[HOSTED_ENV.sdkKey];
 * ```
 */
export const HOSTED_ENV = {
  sdkKey: 'ZOOM_COBROWSE_SDK_KEY',
  sdkSecret: 'ZOOM_COBROWSE_SDK_SECRET',
} as const;

/**
 * A co-browsing backend the harness drives, and the keys its tokens are signed with.
 *
 * @example
 * ```ts
 * test('uses the engine', async ({ cobrowseEngine }) => {
 *   const res = await fetch(`${cobrowseEngine.url}/healthz`);
 * });
 * ```
 */
export interface CobrowseEngine extends TokenKeys {
  /**
   * `local`: an engine this process started. `shared`: one started by `globalSetup` (another
   * process owns it). `hosted`: Zoom's service — nothing runs locally, nothing is routed.
   */
  mode: 'local' | 'shared' | 'hosted';
  /** Base URL of the engine (`http://127.0.0.1:<port>`); Zoom's CDN base in hosted mode. */
  url: string;
  /** Stops the engine if this process started it; otherwise does nothing. Idempotent. */
  close(): Promise<void>;
}

/**
 * Options for {@link startEngine}.
 *
 * @example
 * ```ts
 * test.use({ cobrowseEngineOptions: { reconnectGraceMs: 5_000 } });
 * ```
 */
export interface StartEngineOptions {
  /** Default: random keys, so no two runs (or workers) can cross-talk. */
  sdkKey?: string;
  sdkSecret?: string;
  /** Default `127.0.0.1`: loopback only, as a test engine should be. */
  host?: string;
  /** Default `0` (a random free port). */
  port?: number;
  /** How long a reloaded page may resume (ms). Engine default 120000. */
  reconnectGraceMs?: number;
  /** How long an agent waits for the customer (ms). Engine default 180000. */
  agentWaitMs?: number;
  /** Anything else `createCobrowseServer` accepts, passed through. */
  serverOptions?: Record<string, unknown>;
}

interface ServerModule {
  createCobrowseServer(options: Record<string, unknown>): Promise<{
    url: string;
    close(): Promise<void>;
  }>;
}

/**
 * Starts a local cobrowse-kit engine (`@cobrowse-kit/server`) on a random free loopback port, with
 * its own random keys and the development token endpoint on.
 *
 * @throws HarnessError `ENGINE_START_FAILED`.
 * @example
 * ```ts
 * const engine = await startEngine();
 * const token = await mintToken(engine, { role: 'agent' });
 * // …
 * await engine.close();
 * ```
 */
export async function startEngine(options: StartEngineOptions = {}): Promise<CobrowseEngine> {
  const keys = randomKeys();
  const sdkKey = options.sdkKey ?? keys.sdkKey;
  const sdkSecret = options.sdkSecret ?? keys.sdkSecret;
  const started = Date.now();
  let server: Awaited<ReturnType<ServerModule['createCobrowseServer']>>;
  try {
    // Imported on demand: hosted-mode users and the pure helpers never load the relay.
    const mod = (await import('@cobrowse-kit/server')) as unknown as ServerModule;
    server = await mod.createCobrowseServer({
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      sdkKey,
      sdkSecret,
      devTokens: true,
      // With the debug log on, the relay's own log joins it; otherwise it keeps its default
      // (warnings and errors only).
      ...(isDebugEnabled()
        ? {
            logger: {
              debug: (m: string) => debug('relay', m),
              info: (m: string) => debug('relay', m),
              warn: (m: string, meta?: unknown) =>
                debug('relay', `warn ${m} ${meta ? JSON.stringify(meta) : ''}`),
              error: (m: string, meta?: unknown) =>
                debug('relay', `error ${m} ${meta ? JSON.stringify(meta) : ''}`),
            },
          }
        : {}),
      ...(options.reconnectGraceMs === undefined
        ? {}
        : { reconnectGraceMs: options.reconnectGraceMs }),
      ...(options.agentWaitMs === undefined ? {} : { agentWaitMs: options.agentWaitMs }),
      ...options.serverOptions,
    });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new HarnessError(
      'ENGINE_START_FAILED',
      `The local engine did not start: ${why} Check that @cobrowse-kit/server is installed and built, and that port ${options.port ?? 0} is free.`,
      { cause },
    );
  }
  const url = server.url.replace(/\/+$/, '');
  debug('engine', `started ${url} (key ${sdkKey}) in ${Date.now() - started} ms`);
  let closing: Promise<void> | undefined;
  return {
    mode: 'local',
    url,
    sdkKey,
    sdkSecret,
    close() {
      closing ??= server.close().then(() => debug('engine', `closed ${url}`));
      return closing;
    },
  };
}

/**
 * The engine the environment describes, if any: Zoom's hosted service when
 * `ZOOM_COBROWSE_SDK_KEY` and `ZOOM_COBROWSE_SDK_SECRET` are set, else the engine `globalSetup`
 * shared through `COBROWSE_ENGINE_URL` / `_SDK_KEY` / `_SDK_SECRET`, else `undefined`.
 *
 * @throws HarnessError `HOSTED_ENV_INCOMPLETE` / `ENGINE_ENV_INCOMPLETE` when only some are set.
 * @example
 * ```ts
 * const engine = engineFromEnv() ?? (await startEngine());
 * ```
 */
export function engineFromEnv(
  env: Record<string, string | undefined> = process.env,
): CobrowseEngine | undefined {
  const noop = async () => {};
  const hostedKey = env[HOSTED_ENV.sdkKey]?.trim();
  const hostedSecret = env[HOSTED_ENV.sdkSecret]?.trim();
  if (hostedKey || hostedSecret) {
    if (!hostedKey || !hostedSecret) {
      throw new HarnessError(
        'HOSTED_ENV_INCOMPLETE',
        `Hosted mode needs both ${HOSTED_ENV.sdkKey} and ${HOSTED_ENV.sdkSecret}; only ${hostedKey ? HOSTED_ENV.sdkKey : HOSTED_ENV.sdkSecret} is set. Set both (your Zoom Cobrowse app's SDK credentials) or neither (to use the local engine).`,
      );
    }
    return {
      mode: 'hosted',
      url: ZOOM_CDN_BASE_URL,
      sdkKey: hostedKey,
      sdkSecret: hostedSecret,
      close: noop,
    };
  }
  const url = env[ENGINE_ENV.url]?.trim();
  const sdkKey = env[ENGINE_ENV.sdkKey]?.trim();
  const sdkSecret = env[ENGINE_ENV.sdkSecret]?.trim();
  if (!url && !sdkKey && !sdkSecret) return undefined;
  if (!url || !sdkKey || !sdkSecret) {
    throw new HarnessError(
      'ENGINE_ENV_INCOMPLETE',
      `${ENGINE_ENV.url}, ${ENGINE_ENV.sdkKey} and ${ENGINE_ENV.sdkSecret} must be set together (globalSetup sets all three). Unset them to let each worker start its own engine.`,
    );
  }
  return { mode: 'shared', url: url.replace(/\/+$/, ''), sdkKey, sdkSecret, close: noop };
}

/**
 * The engine a worker should use: hosted or shared when the environment says so
 * ({@link engineFromEnv}), otherwise a fresh local one ({@link startEngine}).
 *
 * @example
 * ```ts
 * const engine = await resolveEngine({ reconnectGraceMs: 5_000 });
 * ```
 */
export async function resolveEngine(options: StartEngineOptions = {}): Promise<CobrowseEngine> {
  const fromEnv = engineFromEnv();
  if (fromEnv) {
    debug('engine', `using ${fromEnv.mode} engine ${fromEnv.url}`);
    return fromEnv;
  }
  return startEngine(options);
}
