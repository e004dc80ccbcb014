/**
 * `@cobrowse-kit/core/server` — sign and verify Zoom Cobrowse tokens (HS256 with the SDK secret)
 * and a Fetch-API token endpoint any backend can mount. Web Crypto only (through jose), so it
 * runs on Node 20+, Deno, Bun and edge runtimes. Never import this into browser code.
 *
 * @example
 * ```ts
 * import { createTokenHandler } from '@cobrowse-kit/core/server';
 * export const POST = createTokenHandler({
 *   sdkKey: process.env.ZOOM_SDK_KEY!,
 *   sdkSecret: process.env.ZOOM_SDK_SECRET!,
 *   authorize: async (req) => {
 *     const user = await currentUser(req);
 *     return user && { userId: user.id, userName: user.name };
 *   },
 * });
 * ```
 * @module
 */
import { SignJWT, compactVerify } from 'jose';
import { CobrowseError, err } from '../errors';
import * as M from '../messages';
import { type CobrowseTokenClaims, ROLE_TYPE, type TokenRole, buildTokenClaims } from '../token';
import {
  type ClaimRule,
  ROLE_TYPE_RULE,
  SECONDS,
  TOKEN_MAX_TTL_SECONDS,
  TOKEN_MIN_TTL_SECONDS,
  TOKEN_USER_NAME_MAX_LENGTH,
  applyRules,
  checkRole,
  claimError,
  decodeParts,
  isText,
  isTime,
  nowMs,
} from '../token/claims';

// The browser helpers, except `decodeToken`: this entry's own (below) checks every claim rule.
export * from '../token';
export { CobrowseError, ErrorCodes } from '../errors';
export type { ErrorCode } from '../errors';

/**
 * Shortest secret accepted: HS256 needs a key of at least 256 bits (RFC 7518 §3.2).
 *
 * @example
 * ```ts
 * if (new TextEncoder().encode(secret).length < TOKEN_MIN_SECRET_BYTES) throw new Error('secret too short');
 * ```
 */
export const TOKEN_MIN_SECRET_BYTES = 32;

/**
 * Clock skew {@link verifyToken} tolerates by default, in seconds.
 *
 * @example
 * ```ts
 * await verifyToken(jwt, secret, { clockToleranceSeconds: TOKEN_DEFAULT_CLOCK_TOLERANCE_SECONDS * 2 });
 * ```
 */
export const TOKEN_DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** An SDK secret: the string from your Zoom app's credentials, or raw bytes. */
export type TokenSecret = string | Uint8Array;

/** Options for {@link verifyToken}. */
export interface VerifyTokenOptions {
  /** Refuse tokens for the other role (`TOKEN_ROLE_MISMATCH`). */
  role?: TokenRole;
  /** Refuse tokens minted for another SDK key (`TOKEN_APP_KEY_MISMATCH`). */
  sdkKey?: string;
  /** Allowed clock skew for `exp`, `iat` and `nbf`. Default 30 s. */
  clockToleranceSeconds?: number;
  /** The time to verify against (`Date` or epoch ms). Default: now. */
  now?: Date | number;
}

// Every rule Zoom states for the payload that needs neither the secret nor a clock. The browser
// checks only role_type, iat and exp (what inspectToken reports on): keeping the rest here keeps
// their text out of browser bundles, and nothing reaches Zoom unchecked, since signToken and
// verifyToken apply them all.
const RULES: ClaimRule[] = [
  ['app_key', isText, 'the SDK key'],
  ROLE_TYPE_RULE,
  ['user_id', isText, 'a non-empty string'],
  [
    'user_name',
    (v) => isText(v) && v.length <= TOKEN_USER_NAME_MAX_LENGTH,
    `1-${TOKEN_USER_NAME_MAX_LENGTH} characters`,
  ],
  ['iat', isTime, SECONDS],
  ['exp', isTime, SECONDS],
  ['nbf', (v) => v === undefined || isTime(v), SECONDS],
  ['enable_byop', (v) => v === undefined || v === 0 || v === 1, '1 (BYOP on), 0 or absent'],
];

/** Zoom's claim rules and the `exp - iat` window. */
function checkClaims(p: Record<string, unknown>): CobrowseTokenClaims {
  const c = applyRules(p, RULES);
  const ttl = c.exp - c.iat;
  if (!(ttl >= TOKEN_MIN_TTL_SECONDS && ttl <= TOKEN_MAX_TTL_SECONDS)) {
    throw claimError('TOKEN_EXP_WINDOW_INVALID', M.TOKEN_EXP_WINDOW_INVALID, 'exp', { ttl });
  }
  return c;
}

/**
 * Reads a token's claims without verifying the signature, checking every claim rule
 * {@link verifyToken} checks (the browser entry's `decodeToken` checks only the claims
 * `inspectToken` reports on). For a look before you know which secret to verify with, e.g. to
 * pick the secret by `app_key`; never trust the claims without {@link verifyToken}.
 *
 * @param jwt - The compact JWT.
 * @returns The claims (unknown extra claims are kept).
 * @throws CobrowseError `TOKEN_MALFORMED`, `TOKEN_CLAIM_MISSING`, `TOKEN_CLAIM_INVALID` or
 * `TOKEN_EXP_WINDOW_INVALID`.
 * @example
 * ```ts
 * const secret = secrets.get(decodeToken(token).app_key);
 * if (secret) await verifyToken(token, secret);
 * ```
 */
export function decodeToken(jwt: string): CobrowseTokenClaims {
  return checkClaims(decodeParts(jwt).payload);
}

function secretKey(secret: TokenSecret): Uint8Array {
  const bytes =
    typeof secret === 'string'
      ? new TextEncoder().encode(secret)
      : secret instanceof Uint8Array
        ? secret
        : undefined;
  if (!bytes || bytes.length < TOKEN_MIN_SECRET_BYTES) {
    throw err('TOKEN_SECRET_INVALID', M.TOKEN_SECRET_INVALID);
  }
  return bytes;
}

/**
 * Signs token claims as an HS256 JWT with header `{ alg: 'HS256', typ: 'JWT' }`. The claims are
 * checked first, so it never mints a token Zoom would refuse.
 *
 * @param claims - Usually from `buildTokenClaims`.
 * @param secret - The SDK secret (at least 32 bytes).
 * @returns The compact JWT.
 * @throws CobrowseError `TOKEN_SECRET_INVALID`, `TOKEN_CLAIM_MISSING`, `TOKEN_CLAIM_INVALID` or
 * `TOKEN_EXP_WINDOW_INVALID`.
 * @example
 * ```ts
 * const token = await signToken(
 *   buildTokenClaims({ role: 'agent', sdkKey, userId: 'agent-7', userName: 'Grace' }),
 *   sdkSecret,
 * );
 * ```
 */
export async function signToken(claims: CobrowseTokenClaims, secret: TokenSecret): Promise<string> {
  const key = secretKey(secret);
  const payload = checkClaims({ ...claims });
  return new SignJWT({ ...payload }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
}

/**
 * Verifies a token: HS256 only (`none` and every other algorithm are refused), the signature,
 * Zoom's claim rules, expiry, and optionally the role and SDK key. Error `details` name the claim
 * at fault, never the token or the secret.
 *
 * @param jwt - The compact JWT.
 * @param secret - The SDK secret it was signed with.
 * @param options - Expected `role` and `sdkKey`, `clockToleranceSeconds`, `now`.
 * @returns The verified claims.
 * @throws CobrowseError `TOKEN_SECRET_INVALID`, `TOKEN_MALFORMED`, `TOKEN_ALGORITHM_NOT_ALLOWED`,
 * `TOKEN_SIGNATURE_INVALID`, `TOKEN_CLAIM_MISSING`, `TOKEN_CLAIM_INVALID`,
 * `TOKEN_EXP_WINDOW_INVALID`, `TOKEN_APP_KEY_MISMATCH`, `TOKEN_ROLE_MISMATCH`, `TOKEN_EXPIRED` or
 * `TOKEN_NOT_YET_VALID`.
 * @example
 * ```ts
 * const claims = await verifyToken(token, sdkSecret, { role: 'customer', sdkKey });
 * if (claims.enable_byop === 1) reservePin(pin);
 * ```
 */
export async function verifyToken(
  jwt: string,
  secret: TokenSecret,
  options: VerifyTokenOptions = {},
): Promise<CobrowseTokenClaims> {
  const { role, sdkKey, clockToleranceSeconds = TOKEN_DEFAULT_CLOCK_TOLERANCE_SECONDS } = options;
  const key = secretKey(secret);
  if (role !== undefined) checkRole(role);
  const { header, payload } = decodeParts(jwt);
  // Checked before jose so that `none` and asymmetric algorithms get their own code and never
  // reach key handling (the classic algorithm-confusion attacks).
  if (header.alg !== 'HS256') {
    throw claimError('TOKEN_ALGORITHM_NOT_ALLOWED', M.TOKEN_ALGORITHM_NOT_ALLOWED, 'alg');
  }
  try {
    await compactVerify(jwt, key, { algorithms: ['HS256'] });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      throw err('TOKEN_SIGNATURE_INVALID', M.TOKEN_SIGNATURE_INVALID);
    }
    throw err('TOKEN_MALFORMED', M.TOKEN_MALFORMED);
  }
  const c = checkClaims(payload);
  if (sdkKey !== undefined && c.app_key !== sdkKey) {
    throw claimError('TOKEN_APP_KEY_MISMATCH', M.TOKEN_APP_KEY_MISMATCH, 'app_key');
  }
  if (role && c.role_type !== ROLE_TYPE[role]) {
    throw claimError('TOKEN_ROLE_MISMATCH', M.TOKEN_ROLE_MISMATCH, 'role_type', { role });
  }
  const now = nowMs(options.now) / 1000;
  if (c.exp <= now - clockToleranceSeconds) {
    throw claimError('TOKEN_EXPIRED', M.TOKEN_EXPIRED, 'exp', {
      at: new Date(c.exp * 1000).toISOString(),
    });
  }
  const nbf = (c as { nbf?: number }).nbf;
  for (const [claim, t] of [
    ['iat', c.iat],
    ['nbf', nbf],
  ] as const) {
    if (t !== undefined && t > now + clockToleranceSeconds) {
      throw claimError('TOKEN_NOT_YET_VALID', M.TOKEN_NOT_YET_VALID, claim);
    }
  }
  return c;
}

/** The identity your `authorize` function grants. */
export interface TokenIdentity {
  userId: string;
  /** At most 80 characters. */
  userName: string;
  /** Overrides the requested BYOP flag; `false` refuses custom PINs for this caller. */
  byop?: boolean;
}

/** What the caller asked for, handed to `authorize`. `userId`/`userName` are untrusted hints. */
export interface TokenRequestContext {
  role: TokenRole;
  byop: boolean;
  userId?: string;
  userName?: string;
}

/** Options for {@link createTokenHandler}. */
export interface TokenHandlerOptions {
  sdkKey: string;
  sdkSecret: TokenSecret;
  /**
   * Decides who may get a token and with which identity. Return a falsy value to answer 403. The
   * request body has already been read; use `context` for what the caller sent.
   */
  authorize: (
    request: Request,
    context: TokenRequestContext,
  ) => TokenIdentity | false | null | undefined | Promise<TokenIdentity | false | null | undefined>;
  /** Token lifetime in seconds, 1800–172800. Default 7200. */
  ttlSeconds?: number;
}

/** Bodies larger than this are refused unread: the real input is a few dozen bytes. */
const MAX_BODY_BYTES = 4096;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

function errorResponse(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
) {
  return json(status, { error: { code, message } }, headers);
}

const FLAGS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

/**
 * Creates a token endpoint as a Fetch-API handler (Next.js route handlers, Hono, Remix, Deno,
 * Bun, Cloudflare Workers; Express through a Request adapter). Accepts `POST` with a JSON body
 * `{ role, userId?, userName?, byop? }` or `GET` with the same query parameters, asks
 * `authorize` who the caller is, and answers `200 { token, expiresAt }` (ISO 8601) with
 * `cache-control: no-store`. Errors are `{ error: { code, message } }`: 400
 * `TOKEN_REQUEST_INVALID`, 403 `TOKEN_REQUEST_FORBIDDEN`, 405 for other methods.
 *
 * @param options - SDK key and secret, the `authorize` function, optional `ttlSeconds`.
 * @returns `(request: Request) => Promise<Response>`.
 * @throws CobrowseError at creation for an empty SDK key, a bad secret, a TTL outside
 * 1800–172800 s or a missing `authorize`, so misconfiguration fails at startup.
 * @example
 * ```ts
 * const handler = createTokenHandler({
 *   sdkKey, sdkSecret,
 *   authorize: (req, { role }) =>
 *     role === 'agent' && !isStaff(req) ? false : { userId: sessionUserId(req), userName: 'Guest' },
 * });
 * Bun.serve({ fetch: (req) => (new URL(req.url).pathname === '/token' ? handler(req) : app(req)) });
 * ```
 */
export function createTokenHandler(
  options: TokenHandlerOptions,
): (request: Request) => Promise<Response> {
  const { sdkKey, sdkSecret, authorize, ttlSeconds } = options;
  secretKey(sdkSecret);
  // A dry run checks sdkKey and ttlSeconds now rather than on the first request.
  buildTokenClaims({ role: 'customer', sdkKey, userId: 'x', userName: 'x', ttlSeconds });
  if (typeof authorize !== 'function') {
    throw err('TOKEN_REQUEST_INVALID', M.TOKEN_REQUEST_INVALID);
  }

  return async (request) => {
    const bad = (message: string) => errorResponse(400, 'TOKEN_REQUEST_INVALID', message);
    let input: unknown;
    if (request.method === 'GET') {
      input = Object.fromEntries(new URL(request.url).searchParams);
    } else if (request.method === 'POST') {
      if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES)
        return bad('The body is too large.');
      const text = await request.text();
      if (text.length > MAX_BODY_BYTES) return bad('The body is too large.');
      try {
        input = JSON.parse(text);
      } catch {
        return bad('The body must be JSON like {"role":"customer"}.');
      }
    } else {
      return errorResponse(
        405,
        'TOKEN_REQUEST_INVALID',
        'Use POST with a JSON body, or GET with query parameters.',
        { allow: 'GET, POST' },
      );
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      return bad('The body must be a JSON object like {"role":"customer"}.');
    }
    const { role, userId, userName, byop: rawByop = false } = input as Record<string, unknown>;
    if (role !== 'customer' && role !== 'agent') return bad("role must be 'customer' or 'agent'.");
    const byop = typeof rawByop === 'boolean' ? rawByop : FLAGS[String(rawByop)];
    if (byop === undefined) return bad('byop must be true or false.');
    for (const [name, v] of [
      ['userId', userId],
      ['userName', userName],
    ] as const) {
      if (v !== undefined && (typeof v !== 'string' || v.length > 256)) {
        return bad(`${name} must be a string of at most 256 characters.`);
      }
    }
    const context: TokenRequestContext = { role, byop };
    if (isText(userId)) context.userId = userId;
    if (isText(userName)) context.userName = userName;

    const identity = await authorize(request, context);
    if (!identity) {
      const e = err('TOKEN_REQUEST_FORBIDDEN', M.TOKEN_REQUEST_FORBIDDEN);
      return errorResponse(403, e.code, e.message);
    }
    try {
      const claims = buildTokenClaims({
        role,
        sdkKey,
        userId: identity.userId,
        userName: identity.userName,
        byop: identity.byop ?? byop,
        ttlSeconds,
      });
      const token = await signToken(claims, sdkSecret);
      return json(200, { token, expiresAt: new Date(claims.exp * 1000).toISOString() });
    } catch (e) {
      // authorize() returned an identity Zoom would refuse (e.g. a name over 80 characters):
      // a server-side bug, reported with its code so it is easy to find.
      if (e instanceof CobrowseError) return errorResponse(500, e.code, e.message);
      throw e;
    }
  };
}
