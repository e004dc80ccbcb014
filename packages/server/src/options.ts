import { CHECKPOINT_MAX_BYTES_LIMIT } from './checkpoint';
import { type SessionStore, createMemoryStore } from './store';

/**
 * One SDK key and the secret its tokens are signed with.
 *
 * @example
 * ```ts
 * const credentials: SdkCredential[] = [{ sdkKey: 'KEY_A', sdkSecret: process.env.SECRET_A! }];
 * ```
 */
export interface SdkCredential {
  sdkKey: string;
  sdkSecret: string;
}

/**
 * Where the relay writes what it does. Any object with these methods works (`console`, pino,
 * winston); `debug` is optional.
 *
 * @example
 * ```ts
 * await createCobrowseServer({ sdkKey, sdkSecret, logger: console });
 * ```
 */
export interface CobrowseLogger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * Options for `createCobrowseHandler` (and, with `port`/`host`, `createCobrowseServer`).
 *
 * @example
 * ```ts
 * const options: CobrowseHandlerOptions = { sdkKey, sdkSecret, reconnectGraceMs: 60_000 };
 * ```
 */
export interface CobrowseHandlerOptions {
  /**
   * The URL browsers reach this relay at (scheme, host, port, optional path prefix is not
   * supported). Injected into served bundles and viewer URLs. `createCobrowseServer` defaults it
   * to `http://host:port`; a bare handler derives it from each request's `Host` header.
   */
  publicUrl?: string;
  /** The SDK key tokens must carry in `app_key` (with `sdkSecret`), or use `credentials`. */
  sdkKey?: string;
  /** The secret for `sdkKey` (at least 32 bytes). */
  sdkSecret?: string;
  /** Several SDK keys served by one relay; each token is verified with its own key's secret. */
  credentials?: SdkCredential[];
  /** PIN registry and session records. Default: {@link createMemoryStore}. */
  store?: SessionStore;
  /** Agents allowed in one session at once (error 1013 beyond). Default 5. */
  maxAgentsPerSession?: number;
  /** How long agents wait for an absent customer before the session ends. Default 180000. */
  agentWaitMs?: number;
  /** How long a dropped customer or agent may resume. Default 120000. */
  reconnectGraceMs?: number;
  /** Events kept in a session's checkpoint before asking for a fresh snapshot. Default 20000. */
  checkpointMaxEvents?: number;
  /**
   * Size of a session's checkpoint (JSON characters) before asking for a fresh snapshot.
   * Default 4 MiB; capped so the checkpoint always fits in one frame.
   */
  checkpointMaxBytes?: number;
  /** Time a new socket has to send `hello` (close 4408 after). Default 10000. */
  helloTimeoutMs?: number;
  /** WebSocket ping interval; a socket that missed one ping is terminated. Default 30000. */
  keepaliveMs?: number;
  /** Viewer ticket lifetime. Default 300000 (5 min). */
  viewerTicketTtlMs?: number;
  /**
   * An agent socket with more than this many bytes queued stops receiving live events and is
   * resynced from the checkpoint once it drains. Default 16 MiB.
   */
  agentMaxBufferedBytes?: number;
  /** Clock skew allowed when verifying tokens, in seconds. Default core's (30). */
  clockToleranceSeconds?: number;
  /** Mount `/cobrowse/dev/token`, which mints tokens for anyone. Development only. Default false. */
  devTokens?: boolean;
  /**
   * Directory holding the sdk's IIFE bundles (`customer.js`, `agent.js`, `viewer.js`). Default:
   * `dist/iife` of the installed `@cobrowse-kit/sdk`.
   */
  sdkBundleDir?: string;
  /** Where to log; `false` for silence. Default: warnings and errors to the console. */
  logger?: CobrowseLogger | false;
}

export interface ResolvedOptions {
  publicUrl: string | undefined;
  credentials: Map<string, string>;
  store: SessionStore;
  maxAgentsPerSession: number;
  agentWaitMs: number;
  reconnectGraceMs: number;
  checkpointMaxEvents: number;
  checkpointMaxBytes: number;
  helloTimeoutMs: number;
  keepaliveMs: number;
  viewerTicketTtlMs: number;
  agentMaxBufferedBytes: number;
  clockToleranceSeconds: number | undefined;
  devTokens: boolean;
  sdkBundleDir: string | undefined;
  logger: Required<CobrowseLogger>;
}

const noop = () => {};

/** The default logger: quiet about routine events, loud about problems. */
const consoleLogger: Required<CobrowseLogger> = {
  debug: noop,
  info: noop,
  warn: (m, meta) => console.warn(`[cobrowse-kit] ${m}`, meta ?? ''),
  error: (m, meta) => console.error(`[cobrowse-kit] ${m}`, meta ?? ''),
};

function optionError(message: string): TypeError {
  return new TypeError(`@cobrowse-kit/server: ${message}`);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw optionError(`${name} must be a positive number of milliseconds/items; got ${value}.`);
  }
  return value;
}

/** Normalizes the public URL: absolute http(s), no trailing slash, no query. */
export function normalizePublicUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw optionError(
      `publicUrl "${url}" is not an absolute URL like https://cobrowse.example.com.`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw optionError(`publicUrl must be http(s); got ${u.protocol}`);
  }
  if (u.pathname !== '/' || u.search || u.hash) {
    throw optionError(
      `publicUrl must be an origin without path, query or fragment (got "${url}"): the relay's routes are absolute.`,
    );
  }
  return u.origin;
}

export function resolveOptions(options: CobrowseHandlerOptions): ResolvedOptions {
  const credentials = new Map<string, string>();
  const list: SdkCredential[] = [...(options.credentials ?? [])];
  if (options.sdkKey !== undefined || options.sdkSecret !== undefined) {
    list.unshift({ sdkKey: options.sdkKey ?? '', sdkSecret: options.sdkSecret ?? '' });
  }
  if (list.length === 0) {
    throw optionError(
      'pass sdkKey and sdkSecret (or credentials: [{ sdkKey, sdkSecret }]) so tokens can be verified.',
    );
  }
  for (const { sdkKey, sdkSecret } of list) {
    if (typeof sdkKey !== 'string' || !sdkKey.trim()) throw optionError('an sdkKey is empty.');
    if (typeof sdkSecret !== 'string' || new TextEncoder().encode(sdkSecret).length < 32) {
      throw optionError(
        `the secret for SDK key "${sdkKey}" is missing or shorter than 32 bytes (HS256 needs 256 bits).`,
      );
    }
    if (credentials.has(sdkKey)) throw optionError(`SDK key "${sdkKey}" is configured twice.`);
    credentials.set(sdkKey, sdkSecret);
  }
  const logger: Required<CobrowseLogger> =
    options.logger === false
      ? { debug: noop, info: noop, warn: noop, error: noop }
      : options.logger
        ? {
            debug: options.logger.debug?.bind(options.logger) ?? noop,
            info: options.logger.info.bind(options.logger),
            warn: options.logger.warn.bind(options.logger),
            error: options.logger.error.bind(options.logger),
          }
        : consoleLogger;
  const maxAgents = options.maxAgentsPerSession ?? 5;
  if (!Number.isInteger(maxAgents) || maxAgents < 1) {
    throw optionError(`maxAgentsPerSession must be a whole number ≥ 1; got ${maxAgents}.`);
  }
  return {
    publicUrl: options.publicUrl === undefined ? undefined : normalizePublicUrl(options.publicUrl),
    credentials,
    store: options.store ?? createMemoryStore(),
    maxAgentsPerSession: maxAgents,
    agentWaitMs: positive('agentWaitMs', options.agentWaitMs, 180_000),
    reconnectGraceMs: positive('reconnectGraceMs', options.reconnectGraceMs, 120_000),
    checkpointMaxEvents: positive('checkpointMaxEvents', options.checkpointMaxEvents, 20_000),
    checkpointMaxBytes: Math.min(
      positive('checkpointMaxBytes', options.checkpointMaxBytes, 4 * 1024 * 1024),
      CHECKPOINT_MAX_BYTES_LIMIT,
    ),
    helloTimeoutMs: positive('helloTimeoutMs', options.helloTimeoutMs, 10_000),
    keepaliveMs: positive('keepaliveMs', options.keepaliveMs, 30_000),
    viewerTicketTtlMs: positive('viewerTicketTtlMs', options.viewerTicketTtlMs, 300_000),
    agentMaxBufferedBytes: positive(
      'agentMaxBufferedBytes',
      options.agentMaxBufferedBytes,
      16 * 1024 * 1024,
    ),
    clockToleranceSeconds: options.clockToleranceSeconds,
    devTokens: options.devTokens === true,
    sdkBundleDir: options.sdkBundleDir,
    logger,
  };
}
