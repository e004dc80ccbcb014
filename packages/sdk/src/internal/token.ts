/**
 * A minimal, secret-free look at a JWT's claims so the browser can fail fast on the two mistakes
 * the relay would otherwise report after a round trip: the wrong role, and a custom PIN without
 * `enable_byop: 1`. Core's `decodeToken` also checks `iat`/`exp` and throws CobrowseErrors with
 * core's messages; the sdk reports Zoom-shaped `{ errorCode, errorMsg }` errors instead, and the
 * relay verifies everything anyway, so a two-claim peek is all the customer bundle carries.
 */

/** The claims the sdk looks at. */
export interface PeekedClaims {
  role_type?: unknown;
  enable_byop?: unknown;
}

/**
 * Decodes a JWT's payload without verifying it; undefined when it is not a JWT.
 *
 * @example
 * ```ts
 * peekClaims(token)?.role_type; // 1
 * ```
 */
export function peekClaims(jwt: string): PeekedClaims | undefined {
  const parts = jwt.split('.');
  const payload = parts[1];
  if (parts.length !== 3 || !payload || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  try {
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    // Latin-1 view of the UTF-8 bytes: fine, only numeric claims are read.
    const json: unknown = JSON.parse(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')));
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as PeekedClaims)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Zoom's `role_type` values.
 *
 * @example
 * ```ts
 * peekClaims(jwt)?.role_type === ROLE.agent;
 * ```
 */
export const ROLE = { customer: 1, agent: 2 } as const;

/**
 * Why a token cannot be used for `role` (and, for a customer, a custom PIN), or undefined.
 *
 * @example
 * ```ts
 * tokenProblem(agentJwt, 'customer', false); // 'Not a customer token (role_type 2): …'
 * ```
 */
export function tokenProblem(
  token: unknown,
  role: keyof typeof ROLE,
  customPin: boolean,
): { code: 'missing' | 'malformed' | 'role' | 'byop'; message: string } | undefined {
  if (typeof token !== 'string' || !token.trim()) {
    return {
      code: 'missing',
      message: `sdkToken is required: pass the ${role} JWT minted by your backend.`,
    };
  }
  const claims = peekClaims(token.trim());
  if (!claims) {
    return { code: 'malformed', message: 'sdkToken is not a JWT (header.payload.signature).' };
  }
  if (claims.role_type !== ROLE[role]) {
    return {
      code: 'role',
      message: `Not a ${role} token (role_type ${String(claims.role_type)}): mint one with role_type ${ROLE[role]}.`,
    };
  }
  if (customPin && claims.enable_byop !== 1) {
    return {
      code: 'byop',
      message:
        'A custom PIN needs a customer token minted with enable_byop: 1, or start without customPinCode.',
    };
  }
  return undefined;
}
