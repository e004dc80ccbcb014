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
// The message catalogue: one actionable fix per code, `{name}` filled from the params of `err()`.
// Long explanations live in docs/errors.md. Codes whose message is '' are only raised by
// `@cobrowse-kit/core/server` (their text lives there, off the browser bundle) or are reserved.
// The keys double as the code list: {@link ErrorCodes} is built from them.
const MESSAGES = {
  // PIN rules
  PIN_EMPTY: 'Enter a PIN of 1-10 letters or digits.',
  PIN_TOO_LONG: 'The PIN has {n} characters; shorten it to at most 10.',
  PIN_INVALID_CHARS: 'A PIN may only contain letters A-Z and digits 0-9: {fix}.',
  PIN_OPTIONS_INVALID:
    "generatePin: length must be a whole number 1-10, alphabet 'numeric', 'alphanumeric' or 2+ different ASCII letters/digits.",
  // Token building and inspection
  TOKEN_TTL_OUT_OF_RANGE:
    'ttlSeconds is {ttl} but must be whole seconds from 1800 to 172800 (30 min-48 h).',
  TOKEN_USER_NAME_TOO_LONG: 'userName has {n} characters: shorten it to 80.',
  TOKEN_USER_NAME_EMPTY: 'userName is empty: pass the name to show.',
  TOKEN_USER_ID_EMPTY: 'userId is empty: pass an id unique per user.',
  TOKEN_SDK_KEY_EMPTY: 'sdkKey is empty: pass your SDK key.',
  TOKEN_ROLE_INVALID: "role must be 'customer' or 'agent'.",
  TOKEN_MALFORMED:
    'Not a JWT: pass the token itself (header.payload.signature), without "Bearer " or quotes.',
  TOKEN_BYOP_REQUIRED:
    'No BYOP in this token: mint the customer token with enable_byop: 1 to use a custom PIN.',
  // Token verification (server side)
  TOKEN_SECRET_INVALID: '',
  TOKEN_ALGORITHM_NOT_ALLOWED: '',
  TOKEN_SIGNATURE_INVALID: '',
  TOKEN_EXPIRED: 'The token expired at {at}: fetch a fresh one from your token endpoint.',
  TOKEN_NOT_YET_VALID: '',
  TOKEN_EXP_WINDOW_INVALID:
    'Token exp - iat is {ttl} s but must be 1800-172800 (30 min-48 h): mint it with ttlSeconds in that range.',
  TOKEN_CLAIM_MISSING: 'Token claim "{claim}" is missing: mint tokens with buildTokenClaims().',
  TOKEN_CLAIM_INVALID: '"{claim}" must be {rule}.',
  TOKEN_ROLE_MISMATCH: "This is not a {role} token: mint it with role: '{role}'.",
  TOKEN_APP_KEY_MISMATCH: '',
  // Token endpoint (server side)
  TOKEN_REQUEST_INVALID: '',
  TOKEN_REQUEST_FORBIDDEN: '',
  // SDK loading
  SDK_VERSION_INVALID:
    'SDK version {spec} is invalid: use "2.5.0" (fixed) or "2.5.x" (latest 2.5 patch).',
  SDK_KEY_INVALID: 'sdkKey must be your SDK key, without spaces, "/", "?", "#" or "%".',
  SDK_LOAD_FAILED:
    '{url} did not install {name}: check sdkKey, version, baseUrl, network and CSP nonce.',
  SDK_LOAD_TIMEOUT: 'SDK not loaded after {ms} ms: check the network or raise timeoutMs.',
  SDK_NOT_IN_BROWSER:
    'loadSdk needs a browser: call it from client-side code, not during server rendering.',
  SDK_INIT_FAILED: 'The {role} SDK failed to initialise ({why}): check its settings and SDK key.',
  SDK_SURFACE_INVALID:
    '{name} has no init(): pass the SDK object (or a function returning it) and never overwrite it.',
  // Window messaging
  WINDOW_NO_OPENER:
    'No opener or parent: open the viewer with window.open() (not noopener/noreferrer) or rel="opener", or embed it in an iframe.',
  WINDOW_POPUP_BLOCKED:
    'Popup blocked: call window.open() from a click handler and allow popups for this site.',
  WINDOW_IFRAME_UNREACHABLE:
    'iframe.contentWindow is null: append the iframe to the document and wait for its load event.',
  WINDOW_NO_PARENT: '',
  CHANNEL_ORIGIN_INVALID:
    '"{origin}" is not an exact origin: pass the viewer\'s, e.g. new URL(agentViewerUrl).origin, never "*".',
  CHANNEL_HANDSHAKE_TIMEOUT:
    'No answer on "{channel}" from {origin}: check that the viewer page loaded, uses this channel name and allows this origin.',
  CHANNEL_REQUEST_TIMEOUT:
    'No response to "{type}" in {ms} ms: check that the other window is still open.',
  CHANNEL_CLOSED: 'Channel "{channel}" is closed ({why}): create a new one.',
  // The one the library raises itself; otherwise the other window's own message is passed on.
  CHANNEL_REMOTE_ERROR: 'No handler for "{type}" in the other window: call handle() there.',
  // Session (mapped from Zoom's numeric codes where one exists)
  SESSION_START_FAILED:
    'The session could not start: check the token and network, then call start() again.',
  SESSION_CONNECTING: 'A connection is already in progress: wait for it to finish.',
  SESSION_LIMIT_REACHED:
    'The account reached its session limit: end an idle session and try again.',
  PIN_NOT_FOUND:
    'No live session has this PIN: ask the customer to read it again while their session runs.',
  PIN_FORMAT_INVALID:
    'The PIN must be 1-10 letters or digits (A-Z, 0-9): remove spaces, dashes and accents.',
  PIN_REQUIRED: 'This SDK needs a custom PIN: pass customPinCode with an enable_byop: 1 token.',
  PIN_CONFLICT:
    'Another live session uses this PIN: choose a different PIN, or leave it empty to get one.',
  JOIN_FAILED: 'Joining the session failed: check the PIN and agent token, then try again.',
  CUSTOMER_LIMIT_REACHED:
    'This session already has its one customer: end it before another customer starts.',
  AGENT_LIMIT_REACHED:
    'This session has the maximum number of agents: ask another agent to leave first.',
  DUPLICATE_USER:
    'This user_id is already in the session: give every user a unique user_id in their token.',
  NETWORK_ERROR:
    'The connection was lost: check the network; the session can resume within the grace window.',
  TOKEN_INVALID:
    'The token was refused: mint a fresh one with the right SDK key, secret and role_type.',
  SESSION_INVALID_STATE: 'Cannot {why}: {fix}.',
  SESSION_TIMEOUT: '',
  SESSION_DISPOSED: 'This {role} session was disposed: create a new one.',
  // The one UNKNOWN the library raises itself; toCobrowseError passes other messages on.
  UNKNOWN: 'The token function failed ({why}): check your token endpoint.',
};

/** Every stable error code, as a string literal union. */
export type ErrorCode = keyof typeof MESSAGES;

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
  Object.keys(MESSAGES).map((k) => [k, k]),
) as { readonly [K in ErrorCode]: K };

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

const UNEXPECTED = 'Unexpected co-browsing error.';

/**
 * A message that tells the reader how to fix `code`, or `fallback` when there is no generic fix
 * (the code's message needs details of the failure, or the code is raised only on the server).
 *
 * @example
 * ```ts
 * fixFor('PIN_CONFLICT'); // 'Another live session uses this PIN: choose a different PIN, ...'
 * ```
 */
export function fixFor(code: ErrorCode, fallback = UNEXPECTED): string {
  const m = MESSAGES[code];
  return m && !m.includes('{') ? m : fallback;
}

/**
 * @internal Fills `template`'s `{name}` placeholders from `params` (core's server entry passes its
 * own templates for the codes only it raises).
 */
export const format = (template: string, params: Record<string, unknown> = {}): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => `${params[k]}`);

/** @internal The catalogue message for `code`, filled from `params`. */
export const message = (code: ErrorCode, params?: Record<string, unknown>): string =>
  format(MESSAGES[code], params);

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

/** @internal The error every module raises: `code`'s catalogue message, filled from `params`. */
export const err = (
  code: ErrorCode,
  params?: Record<string, unknown>,
  options?: CobrowseErrorOptions,
): CobrowseError => new CobrowseError(code, message(code, params), options);

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
