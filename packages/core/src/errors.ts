import * as M from './messages';

const CODES = [
  // PIN rules
  'PIN_EMPTY',
  'PIN_TOO_LONG',
  'PIN_INVALID_CHARS',
  'PIN_OPTIONS_INVALID',
  // Token building and inspection
  'TOKEN_TTL_OUT_OF_RANGE',
  'TOKEN_USER_NAME_TOO_LONG',
  'TOKEN_USER_NAME_EMPTY',
  'TOKEN_USER_ID_EMPTY',
  'TOKEN_SDK_KEY_EMPTY',
  'TOKEN_ROLE_INVALID',
  'TOKEN_MALFORMED',
  'TOKEN_BYOP_REQUIRED',
  // Token verification (server side)
  'TOKEN_SECRET_INVALID',
  'TOKEN_ALGORITHM_NOT_ALLOWED',
  'TOKEN_SIGNATURE_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_EXP_WINDOW_INVALID',
  'TOKEN_CLAIM_MISSING',
  'TOKEN_CLAIM_INVALID',
  'TOKEN_ROLE_MISMATCH',
  'TOKEN_APP_KEY_MISMATCH',
  // Token endpoint
  'TOKEN_REQUEST_INVALID',
  'TOKEN_REQUEST_FORBIDDEN',
  // SDK loading
  'SDK_VERSION_INVALID',
  'SDK_KEY_INVALID',
  'SDK_LOAD_FAILED',
  'SDK_LOAD_TIMEOUT',
  'SDK_NOT_IN_BROWSER',
  'SDK_INIT_FAILED',
  'SDK_SURFACE_INVALID',
  'SDK_ROLE_MISMATCH',
  // Window messaging
  'WINDOW_NO_OPENER',
  'WINDOW_POPUP_BLOCKED',
  'WINDOW_IFRAME_UNREACHABLE',
  'WINDOW_NO_PARENT',
  'CHANNEL_ORIGIN_INVALID',
  'CHANNEL_HANDSHAKE_TIMEOUT',
  'CHANNEL_REQUEST_TIMEOUT',
  'CHANNEL_CLOSED',
  'CHANNEL_REMOTE_ERROR',
  // Session (mapped from Zoom's numeric codes where one exists)
  'SESSION_START_FAILED',
  'SESSION_CONNECTING',
  'SESSION_LIMIT_REACHED',
  'PIN_NOT_FOUND',
  'PIN_FORMAT_INVALID',
  'PIN_REQUIRED',
  'PIN_CONFLICT',
  'JOIN_FAILED',
  'CUSTOMER_LIMIT_REACHED',
  'AGENT_LIMIT_REACHED',
  'DUPLICATE_USER',
  'NETWORK_ERROR',
  'TOKEN_INVALID',
  'SESSION_INVALID_STATE',
  'SESSION_TIMEOUT',
  'SESSION_DISPOSED',
  'UNKNOWN',
] as const;

/** Every stable error code, as a string literal union. */
export type ErrorCode = (typeof CODES)[number];

/**
 * Stable string codes for every failure cobrowse-kit reports. Codes never change meaning once
 * published; messages may be reworded. docs/errors.md explains each code and its fix.
 *
 * @example
 * ```ts
 * import { ErrorCodes, CobrowseError } from '@cobrowse-kit/core';
 * try { await session.start({ pin: 'ab-12', token }); }
 * catch (e) { if (e instanceof CobrowseError && e.code === ErrorCodes.PIN_INVALID_CHARS) showHint(); }
 * ```
 */
export const ErrorCodes: { readonly [K in ErrorCode]: K } = /* @__PURE__ */ Object.fromEntries(
  /* @__PURE__ */ CODES.map((c) => [c, c]),
) as { readonly [K in ErrorCode]: K };

// Zoom's numeric session error codes (zoom-contract.md) and the stable code each maps to.
const ZOOM: [number, ErrorCode][] = [
  [1001, 'SESSION_START_FAILED'],
  [1002, 'SESSION_CONNECTING'],
  [1004, 'SESSION_LIMIT_REACHED'],
  [1006, 'PIN_NOT_FOUND'],
  [1008, 'PIN_FORMAT_INVALID'],
  [1009, 'PIN_REQUIRED'],
  [1010, 'PIN_CONFLICT'],
  [1011, 'JOIN_FAILED'],
  [1012, 'CUSTOMER_LIMIT_REACHED'],
  [1013, 'AGENT_LIMIT_REACHED'],
  [1015, 'DUPLICATE_USER'],
  [1016, 'NETWORK_ERROR'],
  [2001, 'TOKEN_INVALID'],
];

// The generic fix of each Zoom-mapped code: the message of errors that come from the service with
// Zoom's own text (toCobrowseError appends the fix). Other codes' messages need details of the
// failure, so they have none here. Apart from ZOOM so that code which only constructs errors
// (CobrowseError looks up zoomCode) does not ship these texts.
const FIXES: Record<number, string> = {
  1001: M.SESSION_START_FAILED,
  1002: M.SESSION_CONNECTING,
  1004: M.SESSION_LIMIT_REACHED,
  1006: M.PIN_NOT_FOUND,
  1008: M.PIN_FORMAT_INVALID,
  1009: M.PIN_REQUIRED,
  1010: M.PIN_CONFLICT,
  1011: M.JOIN_FAILED,
  1012: M.CUSTOMER_LIMIT_REACHED,
  1013: M.AGENT_LIMIT_REACHED,
  1015: M.DUPLICATE_USER,
  1016: M.NETWORK_ERROR,
  2001: M.TOKEN_INVALID,
};

/**
 * Zoom's numeric session error codes (zoom-contract.md), and the stable code each maps to.
 *
 * @example
 * ```ts
 * ZOOM_ERROR_CODES[1010]; // 'PIN_CONFLICT'
 * ```
 */
export const ZOOM_ERROR_CODES: Readonly<Record<number, ErrorCode>> = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ Object.fromEntries(/* @__PURE__ */ ZOOM.map(([n, c]) => [n, c])),
);

/**
 * The numeric Zoom code for a stable code, where Zoom has one (inverse of {@link ZOOM_ERROR_CODES}).
 *
 * @example
 * ```ts
 * zoomCodeFor('PIN_NOT_FOUND'); // 1006
 * ```
 */
export function zoomCodeFor(code: ErrorCode): number | undefined {
  return ZOOM.find((z) => z[1] === code)?.[0];
}

const UNEXPECTED = 'Unexpected co-browsing error.';

/**
 * A message that tells the reader how to fix `code`, or `fallback` when there is no generic fix.
 *
 * @example
 * ```ts
 * fixFor('PIN_CONFLICT'); // 'Another live session uses this PIN: choose another, ...'
 * ```
 */
export function fixFor(code: ErrorCode, fallback = UNEXPECTED): string {
  return FIXES[zoomCodeFor(code) ?? 0] ?? fallback;
}

/** @internal Fills `template`'s `{name}` placeholders from `params`. */
export const format = (template: string, params: Record<string, unknown> = {}): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => `${params[k]}`);

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
 * @internal The error every module raises: `code` with its catalogue message (`M.<code>` from
 * ./messages), filled from `params`.
 */
export const err = (
  code: ErrorCode,
  template: string,
  params?: Record<string, unknown>,
  options?: CobrowseErrorOptions,
): CobrowseError => new CobrowseError(code, format(template, params), options);

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
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const num = [o.errorCode, o.code].find((v) => typeof v === 'number') as number | undefined;
  const msg = [o.errorMsg, o.message].find((v) => typeof v === 'string') as string | undefined;
  const cause = { cause: input };
  if (num !== undefined) {
    const code = ZOOM_ERROR_CODES[num] ?? 'UNKNOWN';
    const fix = fixFor(code);
    return new CobrowseError(code, msg && msg !== fix ? `${msg} — ${fix}` : fix, {
      zoomCode: num,
      ...cause,
    });
  }
  const code = o.code as ErrorCode;
  if (typeof code === 'string' && ErrorCodes[code] === code) {
    return new CobrowseError(code, msg ?? fixFor(code), cause);
  }
  return new CobrowseError(
    'UNKNOWN',
    msg || (typeof input === 'string' ? input : UNEXPECTED),
    cause,
  );
}
