// Claim helpers shared by the browser helpers (token/index.ts), the loader and the server entry.
// Not public API. The browser checks only the claims its helpers report on; the server entry adds
// the rest of Zoom's rules (server/index.ts), so their text never ships to a browser.
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

export const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** `now` as epoch milliseconds (`Date`, ms number, or the current time). */
export function nowMs(now: Date | number | undefined): number {
  // `+date` is its epoch ms, and an invalid Date is NaN like any bad number.
  const ms = +(now ?? Date.now());
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

/** A claim, its test (which also decides whether it may be absent) and the rule in words. */
export type ClaimRule = [claim: string, ok: (v: unknown) => boolean, rule: string];

export const isTime = (v: unknown): boolean => Number.isFinite(v) && (v as number) >= 0;
export const SECONDS = 'seconds since 1970';
export const ROLE_TYPE_RULE: ClaimRule = [
  'role_type',
  (v) => v === 1 || v === 2,
  'the number 1 (customer) or 2 (agent)',
];

/**
 * The claims the browser helpers report on (role, issue time, expiry): what `inspectToken`'s
 * answer relies on. Zoom's other rules are the server's (see `checkClaims` in server/index.ts).
 */
const BROWSER_RULES: ClaimRule[] = [
  ROLE_TYPE_RULE,
  ['iat', isTime, SECONDS],
  ['exp', isTime, SECONDS],
];

/**
 * Applies `rules` to a payload: an absent claim its test refuses is `TOKEN_CLAIM_MISSING`, any
 * other refusal `TOKEN_CLAIM_INVALID`; both name the claim in `details.claim`.
 */
export function applyRules(p: Json, rules: ClaimRule[] = BROWSER_RULES): CobrowseTokenClaims {
  for (const [claim, ok, rule] of rules) {
    if (!ok(p[claim])) {
      throw p[claim] === undefined
        ? claimError('TOKEN_CLAIM_MISSING', M.TOKEN_CLAIM_MISSING, claim)
        : claimError('TOKEN_CLAIM_INVALID', M.TOKEN_CLAIM_INVALID, claim, { rule });
    }
  }
  return p as unknown as CobrowseTokenClaims;
}
