/**
 * Zoom Cobrowse token payloads, without the secret: build claims for your backend to sign, and
 * decode / inspect a token in the browser so a page can fail fast (wrong role, no BYOP, expired)
 * before the network does. Signing and verifying live in `@cobrowse-kit/core/server`.
 *
 * @example
 * ```ts
 * import { inspectToken } from '@cobrowse-kit/core';
 * const info = inspectToken(token);
 * if (info.expired) token = await refetchToken();
 * ```
 * @module
 */
import {
  TOKEN_MAX_TTL_SECONDS,
  TOKEN_MIN_TTL_SECONDS,
  TOKEN_USER_NAME_MAX_LENGTH,
  applyRules,
  checkRole,
  claimError,
  decodeParts,
  isText,
  nowMs,
} from './claims';
import { err } from '../errors';
import * as M from '../messages';

export { TOKEN_MAX_TTL_SECONDS, TOKEN_MIN_TTL_SECONDS, TOKEN_USER_NAME_MAX_LENGTH };

/** Who a token is for. */
export type TokenRole = 'customer' | 'agent';

/**
 * Zoom's numeric `role_type` for each role.
 *
 * @example
 * ```ts
 * ROLE_TYPE.agent; // 2
 * ```
 */
export const ROLE_TYPE = Object.freeze({ customer: 1, agent: 2 } as const);

/**
 * Token lifetime {@link buildTokenClaims} uses when `ttlSeconds` is not given: 2 hours.
 *
 * @example
 * ```ts
 * const expiresInMs = TOKEN_DEFAULT_TTL_SECONDS * 1000;
 * ```
 */
export const TOKEN_DEFAULT_TTL_SECONDS = 7200;

/** The JWT payload Zoom's Cobrowse SDK expects (see zoom-contract.md, "Token"). */
export interface CobrowseTokenClaims {
  /** Your SDK key. */
  app_key: string;
  /** 1 customer, 2 agent. */
  role_type: 1 | 2;
  /** Unique per user within a session. */
  user_id: string;
  /** Display name, at most 80 characters. */
  user_name: string;
  /** Issued at, seconds since 1970. */
  iat: number;
  /** Expiry, seconds since 1970; between `iat + 1800` and `iat + 172800`. */
  exp: number;
  /** `1` lets the customer start with a custom PIN. {@link buildTokenClaims} only writes `1`. */
  enable_byop?: 0 | 1;
}

/** Options for {@link buildTokenClaims}. */
export interface BuildTokenClaimsOptions {
  role: TokenRole;
  /** Your SDK key (becomes `app_key`). */
  sdkKey: string;
  userId: string;
  /** At most 80 characters. */
  userName: string;
  /** Set `enable_byop: 1` so the customer may start with a custom PIN. */
  byop?: boolean;
  /** Token lifetime in whole seconds, 1800 (30 min) to 172800 (48 h). Default 7200 (2 h). */
  ttlSeconds?: number;
  /** Issue time (`Date` or epoch ms). Default: now. */
  now?: Date | number;
}

/** What {@link inspectToken} reports. */
export interface TokenInfo {
  role: TokenRole;
  roleType: 1 | 2;
  /** Whether the token carries `enable_byop: 1`. */
  byop: boolean;
  sdkKey: string;
  userId: string;
  userName: string;
  issuedAt: Date;
  expiresAt: Date;
  expired: boolean;
  /** Whole seconds until expiry; 0 once expired. */
  secondsLeft: number;
}

/**
 * Builds the claims for a customer or agent token, refusing anything Zoom would refuse.
 *
 * @param options - Role, SDK key, user identity, BYOP flag, lifetime and issue time.
 * @returns The claims, ready for `signToken` on your server.
 * @throws CobrowseError `TOKEN_ROLE_INVALID`, `TOKEN_SDK_KEY_EMPTY`, `TOKEN_USER_ID_EMPTY`,
 * `TOKEN_USER_NAME_EMPTY`, `TOKEN_USER_NAME_TOO_LONG` or `TOKEN_TTL_OUT_OF_RANGE`.
 * @example
 * ```ts
 * const claims = buildTokenClaims({ role: 'customer', sdkKey, userId: 'u-42', userName: 'Ada', byop: true });
 * const token = await signToken(claims, sdkSecret); // from '@cobrowse-kit/core/server'
 * ```
 */
export function buildTokenClaims(options: BuildTokenClaimsOptions): CobrowseTokenClaims {
  const { role, sdkKey, userId, userName, ttlSeconds: ttl = TOKEN_DEFAULT_TTL_SECONDS } = options;
  checkRole(role);
  if (!isText(sdkKey)) throw err('TOKEN_SDK_KEY_EMPTY', M.TOKEN_SDK_KEY_EMPTY);
  if (!isText(userId)) throw err('TOKEN_USER_ID_EMPTY', M.TOKEN_USER_ID_EMPTY);
  if (!isText(userName)) throw err('TOKEN_USER_NAME_EMPTY', M.TOKEN_USER_NAME_EMPTY);
  const n = userName.length;
  if (n > TOKEN_USER_NAME_MAX_LENGTH) {
    throw err('TOKEN_USER_NAME_TOO_LONG', M.TOKEN_USER_NAME_TOO_LONG, { n });
  }
  if (!(Number.isInteger(ttl) && ttl >= TOKEN_MIN_TTL_SECONDS && ttl <= TOKEN_MAX_TTL_SECONDS)) {
    throw err('TOKEN_TTL_OUT_OF_RANGE', M.TOKEN_TTL_OUT_OF_RANGE, { ttl });
  }
  const iat = Math.floor(nowMs(options.now) / 1000);
  const claims: CobrowseTokenClaims = {
    app_key: sdkKey,
    role_type: ROLE_TYPE[role],
    user_id: userId,
    user_name: userName,
    iat,
    exp: iat + ttl,
  };
  if (options.byop) claims.enable_byop = 1;
  return claims;
}

/**
 * Reads a token's claims without verifying the signature (no secret in the browser). Checks the
 * JWT shape and the claims {@link inspectToken} reports on: `role_type` 1 or 2, `iat` and `exp`
 * in seconds. Zoom's other rules (identity strings, `user_name` length, `nbf`, `enable_byop`
 * values, the `exp - iat` window) are the server's: `signToken`, `verifyToken`, and the
 * `decodeToken` of `@cobrowse-kit/core/server`, which checks them all.
 *
 * @param jwt - The compact JWT.
 * @returns The claims (unknown extra claims are kept).
 * @throws CobrowseError `TOKEN_MALFORMED`, `TOKEN_CLAIM_MISSING` or `TOKEN_CLAIM_INVALID`.
 * @example
 * ```ts
 * decodeToken(token).role_type; // 1
 * ```
 */
export function decodeToken(jwt: string): CobrowseTokenClaims {
  return applyRules(decodeParts(jwt).payload);
}

/**
 * A readable summary of a token (role, BYOP, identity, expiry), so a page can fail fast.
 * Not a verification: only the server can tell whether the signature is genuine.
 *
 * @param jwt - The compact JWT.
 * @param options - `now` (`Date` or epoch ms) to judge expiry against; default the current time.
 * @returns The token's role, BYOP flag, identity and expiry.
 * @throws CobrowseError as {@link decodeToken}.
 * @example
 * ```ts
 * const { role, byop, expired, secondsLeft } = inspectToken(token);
 * if (role !== 'customer' || expired) throw new Error('Fetch a fresh customer token');
 * ```
 */
export function inspectToken(jwt: string, options: { now?: Date | number } = {}): TokenInfo {
  const c = decodeToken(jwt);
  const now = nowMs(options.now) / 1000;
  return {
    role: c.role_type === 2 ? 'agent' : 'customer',
    roleType: c.role_type,
    byop: c.enable_byop === 1,
    sdkKey: c.app_key,
    userId: c.user_id,
    userName: c.user_name,
    issuedAt: new Date(c.iat * 1000),
    expiresAt: new Date(c.exp * 1000),
    expired: c.exp <= now,
    secondsLeft: Math.max(0, Math.floor(c.exp - now)),
  };
}

/**
 * Checks that a token may start a session with a custom PIN: a customer token with
 * `enable_byop: 1`.
 *
 * @param jwt - The customer's compact JWT.
 * @returns The decoded claims.
 * @throws CobrowseError `TOKEN_BYOP_REQUIRED`, `TOKEN_ROLE_MISMATCH`, or as {@link decodeToken}.
 * @example
 * ```ts
 * if (pin) assertByopToken(token); // before session.start({ customPinCode: pin, sdkToken: token })
 * ```
 */
export function assertByopToken(jwt: string): CobrowseTokenClaims {
  const c = decodeToken(jwt);
  if (c.role_type !== 1) {
    throw claimError('TOKEN_ROLE_MISMATCH', M.TOKEN_ROLE_MISMATCH, 'role_type', {
      role: 'customer',
    });
  }
  if (c.enable_byop !== 1) {
    throw claimError('TOKEN_BYOP_REQUIRED', M.TOKEN_BYOP_REQUIRED, 'enable_byop');
  }
  return c;
}
