/**
 * Stable string codes for every failure cobrowse-kit reports. Codes never change meaning once
 * published; messages may be reworded.
 *
 * @example
 * ```ts
 * import { ErrorCodes, CobrowseError } from '@cobrowse-kit/core';
 * try { await session.start({ pin: 'ab-12', token }); }
 * catch (e) { if (e instanceof CobrowseError && e.code === ErrorCodes.PIN_INVALID_CHARS) showHint(); }
 * ```
 */
export const ErrorCodes = {
  // PIN rules
  PIN_EMPTY: 'PIN_EMPTY',
  PIN_TOO_LONG: 'PIN_TOO_LONG',
  PIN_INVALID_CHARS: 'PIN_INVALID_CHARS',
  PIN_OPTIONS_INVALID: 'PIN_OPTIONS_INVALID',
  // Token building and inspection
  TOKEN_TTL_OUT_OF_RANGE: 'TOKEN_TTL_OUT_OF_RANGE',
  TOKEN_USER_NAME_TOO_LONG: 'TOKEN_USER_NAME_TOO_LONG',
  TOKEN_USER_NAME_EMPTY: 'TOKEN_USER_NAME_EMPTY',
  TOKEN_USER_ID_EMPTY: 'TOKEN_USER_ID_EMPTY',
  TOKEN_SDK_KEY_EMPTY: 'TOKEN_SDK_KEY_EMPTY',
  TOKEN_ROLE_INVALID: 'TOKEN_ROLE_INVALID',
  TOKEN_MALFORMED: 'TOKEN_MALFORMED',
  TOKEN_BYOP_REQUIRED: 'TOKEN_BYOP_REQUIRED',
  // Token verification (server side)
  TOKEN_SECRET_INVALID: 'TOKEN_SECRET_INVALID',
  TOKEN_ALGORITHM_NOT_ALLOWED: 'TOKEN_ALGORITHM_NOT_ALLOWED',
  TOKEN_SIGNATURE_INVALID: 'TOKEN_SIGNATURE_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_NOT_YET_VALID: 'TOKEN_NOT_YET_VALID',
  TOKEN_EXP_WINDOW_INVALID: 'TOKEN_EXP_WINDOW_INVALID',
  TOKEN_CLAIM_MISSING: 'TOKEN_CLAIM_MISSING',
  TOKEN_CLAIM_INVALID: 'TOKEN_CLAIM_INVALID',
  TOKEN_ROLE_MISMATCH: 'TOKEN_ROLE_MISMATCH',
  TOKEN_APP_KEY_MISMATCH: 'TOKEN_APP_KEY_MISMATCH',
  // Token endpoint
  TOKEN_REQUEST_INVALID: 'TOKEN_REQUEST_INVALID',
  TOKEN_REQUEST_FORBIDDEN: 'TOKEN_REQUEST_FORBIDDEN',
  // SDK loading
  SDK_VERSION_INVALID: 'SDK_VERSION_INVALID',
  SDK_KEY_INVALID: 'SDK_KEY_INVALID',
  SDK_LOAD_FAILED: 'SDK_LOAD_FAILED',
  SDK_LOAD_TIMEOUT: 'SDK_LOAD_TIMEOUT',
  SDK_NOT_IN_BROWSER: 'SDK_NOT_IN_BROWSER',
  SDK_INIT_FAILED: 'SDK_INIT_FAILED',
  SDK_SURFACE_INVALID: 'SDK_SURFACE_INVALID',
  // Window messaging
  WINDOW_NO_OPENER: 'WINDOW_NO_OPENER',
  WINDOW_POPUP_BLOCKED: 'WINDOW_POPUP_BLOCKED',
  WINDOW_IFRAME_UNREACHABLE: 'WINDOW_IFRAME_UNREACHABLE',
  WINDOW_NO_PARENT: 'WINDOW_NO_PARENT',
  CHANNEL_ORIGIN_INVALID: 'CHANNEL_ORIGIN_INVALID',
  CHANNEL_HANDSHAKE_TIMEOUT: 'CHANNEL_HANDSHAKE_TIMEOUT',
  CHANNEL_REQUEST_TIMEOUT: 'CHANNEL_REQUEST_TIMEOUT',
  CHANNEL_CLOSED: 'CHANNEL_CLOSED',
  CHANNEL_REMOTE_ERROR: 'CHANNEL_REMOTE_ERROR',
  // Session (mapped from Zoom's numeric codes where one exists)
  SESSION_START_FAILED: 'SESSION_START_FAILED',
  SESSION_CONNECTING: 'SESSION_CONNECTING',
  SESSION_LIMIT_REACHED: 'SESSION_LIMIT_REACHED',
  PIN_NOT_FOUND: 'PIN_NOT_FOUND',
  PIN_FORMAT_INVALID: 'PIN_FORMAT_INVALID',
  PIN_REQUIRED: 'PIN_REQUIRED',
  PIN_CONFLICT: 'PIN_CONFLICT',
  JOIN_FAILED: 'JOIN_FAILED',
  CUSTOMER_LIMIT_REACHED: 'CUSTOMER_LIMIT_REACHED',
  AGENT_LIMIT_REACHED: 'AGENT_LIMIT_REACHED',
  DUPLICATE_USER: 'DUPLICATE_USER',
  NETWORK_ERROR: 'NETWORK_ERROR',
  TOKEN_INVALID: 'TOKEN_INVALID',
  SESSION_INVALID_STATE: 'SESSION_INVALID_STATE',
  SESSION_TIMEOUT: 'SESSION_TIMEOUT',
  SESSION_DISPOSED: 'SESSION_DISPOSED',
  UNKNOWN: 'UNKNOWN',
} as const;

/** Every stable error code, as a string literal union. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * Zoom's numeric session error codes (zoom-contract.md), and the stable code each maps to.
 *
 * @example
 * ```ts
 * ZOOM_ERROR_CODES[1010]; // 'PIN_CONFLICT'
 * ```
 */
export const ZOOM_ERROR_CODES: Readonly<Record<number, ErrorCode>> = Object.freeze({
  1001: ErrorCodes.SESSION_START_FAILED,
  1002: ErrorCodes.SESSION_CONNECTING,
  1004: ErrorCodes.SESSION_LIMIT_REACHED,
  1006: ErrorCodes.PIN_NOT_FOUND,
  1008: ErrorCodes.PIN_FORMAT_INVALID,
  1009: ErrorCodes.PIN_REQUIRED,
  1010: ErrorCodes.PIN_CONFLICT,
  1011: ErrorCodes.JOIN_FAILED,
  1012: ErrorCodes.CUSTOMER_LIMIT_REACHED,
  1013: ErrorCodes.AGENT_LIMIT_REACHED,
  1015: ErrorCodes.DUPLICATE_USER,
  1016: ErrorCodes.NETWORK_ERROR,
  2001: ErrorCodes.TOKEN_INVALID,
});

/**
 * The numeric Zoom code for a stable code, where Zoom has one (inverse of {@link ZOOM_ERROR_CODES}).
 *
 * @example
 * ```ts
 * zoomCodeFor('PIN_NOT_FOUND'); // 1006
 * ```
 */
export function zoomCodeFor(code: ErrorCode): number | undefined {
  for (const [num, c] of Object.entries(ZOOM_ERROR_CODES)) if (c === code) return Number(num);
  return undefined;
}

const FIXES: Partial<Record<ErrorCode, string>> = {
  SESSION_START_FAILED:
    'The session could not start. Check the token and network, then call start() again.',
  SESSION_CONNECTING:
    'A connection is already in progress. Wait for it to finish before calling again.',
  SESSION_LIMIT_REACHED:
    'The account reached its session limit. End an idle session and try again.',
  PIN_NOT_FOUND:
    'No live session has this PIN. Ask the customer to read the PIN again; it is only valid while their session is running.',
  PIN_FORMAT_INVALID:
    'The PIN must be 1-10 letters or digits (A-Z, 0-9). Remove spaces, dashes and accented letters.',
  PIN_REQUIRED:
    'This SDK entry needs a custom PIN: pass customPinCode (with a token that has enable_byop: 1).',
  PIN_CONFLICT:
    'Another live session already uses this PIN. Choose a different PIN, or leave it empty to get a generated one.',
  JOIN_FAILED: 'Joining the session failed. Check the PIN and agent token, then try again.',
  CUSTOMER_LIMIT_REACHED:
    'This session already has a customer. Only one customer may be in a session.',
  AGENT_LIMIT_REACHED:
    'This session already has the maximum number of agents. Ask another agent to leave first.',
  DUPLICATE_USER:
    'This user_id is already in the session. Give every user a unique user_id in their token.',
  NETWORK_ERROR:
    'The connection to the co-browsing service was lost. Check the network; the session can be resumed within the grace window.',
  TOKEN_INVALID:
    'The token was refused. Mint a fresh token with the right SDK key, secret and role_type.',
};

/**
 * A message that tells the reader how to fix `code`, or `fallback` when there is no generic fix.
 *
 * @example
 * ```ts
 * fixFor('PIN_CONFLICT'); // 'Another live session already uses this PIN. ...'
 * ```
 */
export function fixFor(code: ErrorCode, fallback = 'Unexpected co-browsing error.'): string {
  return FIXES[code] ?? fallback;
}

/** Options for {@link CobrowseError}. */
export interface CobrowseErrorOptions {
  /** Zoom's numeric error code, when the error came from (or maps to) one. */
  zoomCode?: number;
  /** The underlying error. */
  cause?: unknown;
  /** Extra machine-readable detail (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * The one error class cobrowse-kit throws and reports. `code` is stable; `message` says the fix.
 *
 * @example
 * ```ts
 * throw new CobrowseError('PIN_CONFLICT', 'PIN AB12 is in use. Choose another PIN.', { zoomCode: 1010 });
 * ```
 */
export class CobrowseError extends Error {
  override readonly name = 'CobrowseError';
  readonly code: ErrorCode;
  readonly zoomCode: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: CobrowseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.zoomCode = options.zoomCode ?? zoomCodeFor(code);
    this.details = options.details;
  }

  /** A plain, JSON-safe view (for logs and window messages). */
  toJSON(): { name: string; code: ErrorCode; message: string; zoomCode?: number } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.zoomCode === undefined ? {} : { zoomCode: this.zoomCode }),
    };
  }
}

/**
 * Turns a Zoom-style `session_error` payload (or anything thrown) into a {@link CobrowseError}.
 *
 * @example
 * ```ts
 * toCobrowseError({ errorCode: 1010, errorMsg: 'PIN in use' }).code; // 'PIN_CONFLICT'
 * ```
 */
export function toCobrowseError(input: unknown): CobrowseError {
  if (input instanceof CobrowseError) return input;
  if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    const num =
      typeof o.errorCode === 'number'
        ? o.errorCode
        : typeof o.code === 'number'
          ? o.code
          : undefined;
    const msg =
      typeof o.errorMsg === 'string'
        ? o.errorMsg
        : typeof o.message === 'string'
          ? o.message
          : undefined;
    if (num !== undefined) {
      const code = ZOOM_ERROR_CODES[num] ?? ErrorCodes.UNKNOWN;
      const fix = fixFor(code, 'Unknown co-browsing error.');
      return new CobrowseError(code, msg && msg !== fix ? `${msg} — ${fix}` : fix, {
        zoomCode: num,
        cause: input,
      });
    }
    if (typeof o.code === 'string' && (Object.values(ErrorCodes) as string[]).includes(o.code)) {
      return new CobrowseError(o.code as ErrorCode, msg ?? fixFor(o.code as ErrorCode), {
        cause: input,
      });
    }
    if (msg) return new CobrowseError(ErrorCodes.UNKNOWN, msg, { cause: input });
  }
  return new CobrowseError(
    ErrorCodes.UNKNOWN,
    typeof input === 'string' ? input : 'Unexpected co-browsing error.',
    {
      cause: input,
    },
  );
}
