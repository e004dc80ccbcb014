/**
 * Stable codes for every failure the harness reports. A test that fails inside the harness should
 * say what to change, so each code comes with a message that names the fix.
 *
 * @example
 * ```ts
 * import { HarnessError, HarnessErrorCodes } from '@cobrowse-kit/test-harness';
 * try { await customer.waitForPin(); }
 * catch (e) { if (e instanceof HarnessError && e.code === HarnessErrorCodes.SESSION_ERROR) console.log(e.details); }
 * ```
 */
export const HarnessErrorCodes = {
  /** No Chromium binary could be found. */
  CHROMIUM_NOT_FOUND: 'CHROMIUM_NOT_FOUND',
  /** `COBROWSE_CHROMIUM_PATH` / `CHROMIUM_PATH` points at a file that does not exist. */
  CHROMIUM_PATH_INVALID: 'CHROMIUM_PATH_INVALID',
  /** The local engine (`@cobrowse-kit/server`) failed to start. */
  ENGINE_START_FAILED: 'ENGINE_START_FAILED',
  /** Engine environment variables (from `globalSetup`) are set but incomplete. */
  ENGINE_ENV_INCOMPLETE: 'ENGINE_ENV_INCOMPLETE',
  /** Only one of the hosted-mode variables is set. */
  HOSTED_ENV_INCOMPLETE: 'HOSTED_ENV_INCOMPLETE',
  /** A token could not be minted (bad key/secret or identity). */
  TOKEN_MINT_FAILED: 'TOKEN_MINT_FAILED',
  /** A routed Zoom CDN request could not be served by the local engine. */
  ROUTE_FETCH_FAILED: 'ROUTE_FETCH_FAILED',
  /** The page never initialised a Zoom-compatible SDK the harness could observe. */
  SDK_NOT_OBSERVED: 'SDK_NOT_OBSERVED',
  /** `init` called back with `success: false`. */
  SDK_INIT_FAILED: 'SDK_INIT_FAILED',
  /** Waiting for a session event timed out. */
  EVENT_TIMEOUT: 'EVENT_TIMEOUT',
  /** The customer session reported `session_error` while the harness waited. */
  SESSION_ERROR: 'SESSION_ERROR',
  /** The agent could not join (the SDK reported `session_error`). */
  JOIN_FAILED: 'JOIN_FAILED',
  /** `expectNotOnWire` was called for a page nobody recorded. */
  WIRE_NOT_RECORDING: 'WIRE_NOT_RECORDING',
  /** `expectNotOnWire` found no frames at all, so the assertion would prove nothing. */
  WIRE_EMPTY: 'WIRE_EMPTY',
  /** The forbidden string crossed a WebSocket frame. */
  SECRET_ON_WIRE: 'SECRET_ON_WIRE',
  /** The operation is not available against Zoom's hosted service. */
  HOSTED_MODE_UNSUPPORTED: 'HOSTED_MODE_UNSUPPORTED',
} as const;

/**
 * Every harness error code, as a string literal union.
 *
 * @example
 * ```ts
 * const code: HarnessErrorCode = 'JOIN_FAILED';
 * ```
 */
export type HarnessErrorCode = (typeof HarnessErrorCodes)[keyof typeof HarnessErrorCodes];

/**
 * The one error class the harness throws. `code` is stable; `message` says what to do.
 *
 * @example
 * ```ts
 * throw new HarnessError('WIRE_NOT_RECORDING', 'Call cobrowse.wire(page) before page.goto().');
 * ```
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
  readonly code: HarnessErrorCode;
  /** Machine-readable detail (for example Zoom's `{ errorCode, errorMsg }`); never secrets. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: HarnessErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(
      `[${code}] ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.details = options.details;
  }
}

/**
 * Whether `value` is a {@link HarnessError}, optionally with a given code. Works across copies of
 * the package (checks the name and code, not the prototype), which matters when Playwright loads
 * the harness once in the config and once in the worker.
 *
 * @example
 * ```ts
 * await agent.join('NOPE42').catch((e) => { if (isHarnessError(e, 'JOIN_FAILED')) console.log(e.details); });
 * ```
 */
export function isHarnessError(value: unknown, code?: HarnessErrorCode): value is HarnessError {
  if (!(value instanceof Error) || value.name !== 'HarnessError') return false;
  return code === undefined || (value as HarnessError).code === code;
}
