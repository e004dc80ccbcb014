// Claim rules shared by the browser helpers (token/index.ts) and the server entry, so a token
// decodes in the browser exactly when its shape would pass server verification. Not public API.
import { type CobrowseError, type ErrorCode, err } from '../errors';
import * as M from '../messages';
import type { CobrowseTokenClaims } from './index';

/**
 * Shortest token life Zoom accepts: `exp` at least `iat + 1800` s.
 *
 * @example
 * ```ts
 * buildTokenClaims({ role: 'customer', sdkKey, userId, userName, ttlSeconds: TOKEN_MIN_TTL_SECONDS });
 * ```
 */
export const TOKEN_MIN_TTL_SECONDS = 1800;
/**
 * Longest token life Zoom accepts: `exp` at most `iat + 48 h`.
 *
 * @example
 * ```ts
 * const ttl = Math.min(requested, TOKEN_MAX_TTL_SECONDS);
 * ```
 */
export const TOKEN_MAX_TTL_SECONDS = 172_800;
/**
 * Longest `user_name` Zoom accepts, in UTF-16 code units (JavaScript's `length`).
 *
 * @example
 * ```ts
 * const userName = displayName.slice(0, TOKEN_USER_NAME_MAX_LENGTH);
 * ```
 */
export const TOKEN_USER_NAME_MAX_LENGTH = 80;

/** `err()` with `details: { claim }` naming the claim at fault (it also fills `{claim}`). */
export const claimError = (
  code: ErrorCode,
  template: string,
  claim: string,
  params?: Record<string, unknown>,
): CobrowseError => err(code, template, { claim, ...params }, { details: { claim } });

/** A role check shared by the token builder, the verifier and the loader. */
export function checkRole(role: unknown): asserts role is 'customer' | 'agent' {
  if (role !== 'customer' && role !== 'agent') {
    throw err('TOKEN_ROLE_INVALID', M.TOKEN_ROLE_INVALID);
  }
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** `now` as epoch milliseconds (`Date`, ms number, or the current time). */
export function nowMs(now: Date | number | undefined): number {
  const ms = now === undefined ? Date.now() : typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) {
    throw err('TOKEN_CLAIM_INVALID', M.TOKEN_CLAIM_INVALID, {
      claim: 'now',
      rule: 'a valid Date or epoch ms',
    });
  }
  return ms;
}

type Json = Record<string, unknown>;

// jose's decodeJwt + decodeProtectedHeader cost ~1 kB gzip in the browser entry; this is the
// same strict decoding (base64url alphabet only, fatal UTF-8, JSON objects) in a few lines.
// The server still verifies with jose.
function part(b64url: string): Json | undefined {
  const bin = atob(b64url.replace(/-/g, '+').replace(/_/g, '/'));
  const v: unknown = JSON.parse(
    new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))),
  );
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** Splits a compact JWT into its parsed header and payload, or throws `TOKEN_MALFORMED`. */
export function decodeParts(jwt: unknown): { header: Json; payload: Json } {
  const m = typeof jwt === 'string' && /^([\w-]+)\.([\w-]+)\.[\w-]*$/.exec(jwt);
  try {
    const header = m && part(m[1] as string);
    const payload = m && part(m[2] as string);
    if (header && payload) return { header, payload };
  } catch {
    // Bad base64url, UTF-8 or JSON: one error that says what a token looks like.
  }
  throw err('TOKEN_MALFORMED', M.TOKEN_MALFORMED);
}

const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const SECONDS = 'seconds since 1970';
// Claim, test, rule for TOKEN_CLAIM_INVALID; the first six are required (TOKEN_CLAIM_MISSING).
const RULES: [string, (v: unknown) => boolean, string][] = [
  ['app_key', isText, 'the SDK key'],
  ['role_type', (v) => v === 1 || v === 2, 'the number 1 (customer) or 2 (agent)'],
  ['user_id', isText, 'a non-empty string'],
  [
    'user_name',
    (v) => isText(v) && v.length <= TOKEN_USER_NAME_MAX_LENGTH,
    `1-${TOKEN_USER_NAME_MAX_LENGTH} characters`,
  ],
  ['iat', isTime, SECONDS],
  ['exp', isTime, SECONDS],
  ['nbf', isTime, SECONDS],
  ['enable_byop', (v) => v === 0 || v === 1, '1 (BYOP on), 0 or absent'],
];

/**
 * Checks every rule Zoom states for the payload that needs neither the secret nor a clock:
 * required claims, their types, and the `exp - iat` window.
 */
export function checkClaims(p: Record<string, unknown>): CobrowseTokenClaims {
  for (const [claim] of RULES.slice(0, 6)) {
    if (p[claim] === undefined) {
      throw claimError('TOKEN_CLAIM_MISSING', M.TOKEN_CLAIM_MISSING, claim);
    }
  }
  for (const [claim, ok, rule] of RULES) {
    if (p[claim] !== undefined && !ok(p[claim])) {
      throw claimError('TOKEN_CLAIM_INVALID', M.TOKEN_CLAIM_INVALID, claim, { rule });
    }
  }
  const ttl = (p.exp as number) - (p.iat as number);
  if (!(ttl >= TOKEN_MIN_TTL_SECONDS && ttl <= TOKEN_MAX_TTL_SECONDS)) {
    throw claimError('TOKEN_EXP_WINDOW_INVALID', M.TOKEN_EXP_WINDOW_INVALID, 'exp', { ttl });
  }
  return p as unknown as CobrowseTokenClaims;
}
