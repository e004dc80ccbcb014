/** Options for {@link createFakeToken}. */
export interface FakeTokenOptions {
  /** `'customer'` (default, `role_type: 1`) or `'agent'` (`role_type: 2`). */
  role?: 'customer' | 'agent';
  /** Adds `enable_byop: 1`. Default `true` for customers, `false` for agents. */
  byop?: boolean;
  /** Issued long enough ago that `exp` has passed (still inside Zoom's 30 min–48 h window). */
  expired?: boolean;
  /** Extra or overriding claims (e.g. `{ user_id: 'u-2' }`, or `{ role_type: '1' }` for a bad token). */
  claims?: Record<string, unknown>;
}

// Through UTF-8 bytes so non-Latin-1 names (`user_name: 'Zoë 李'`) encode like a real JWT.
const b64url = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');

/**
 * An unsigned, well-formed Zoom Cobrowse JWT for browser-side tests: it decodes with core's
 * `inspectToken` (which never verifies signatures) but any real server refuses it.
 *
 * @param options - `role`, `byop`, `expired`, extra `claims`.
 * @returns A compact JWT string.
 * @example
 * ```ts
 * const token = createFakeToken({ byop: true });          // customer, BYOP allowed
 * const agentToken = createFakeToken({ role: 'agent' });
 * const old = createFakeToken({ expired: true });
 * ```
 */
export function createFakeToken(options: FakeTokenOptions = {}): string {
  const { role = 'customer', byop = role === 'customer', expired = false } = options;
  const ttl = 7200;
  const iat = Math.floor(Date.now() / 1000) - (expired ? ttl + 60 : 0);
  const payload = {
    app_key: 'FAKE_SDK_KEY',
    role_type: role === 'agent' ? 2 : 1,
    user_id: `${role}-1`,
    user_name: role === 'agent' ? 'Test Agent' : 'Test Customer',
    iat,
    exp: iat + ttl,
    ...(byop ? { enable_byop: 1 } : {}),
    ...options.claims,
  };
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.ZmFrZS1zaWduYXR1cmU`;
}
