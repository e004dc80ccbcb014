import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CobrowseError } from '../errors';
import {
  ROLE_TYPE,
  TOKEN_DEFAULT_TTL_SECONDS,
  TOKEN_MAX_TTL_SECONDS,
  TOKEN_MIN_TTL_SECONDS,
  type BuildTokenClaimsOptions,
  assertByopToken,
  buildTokenClaims,
  decodeToken,
  inspectToken,
} from './index';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const base: BuildTokenClaimsOptions = {
  role: 'customer',
  sdkKey: 'SDK_KEY_123',
  userId: 'u-1',
  userName: 'Ada',
  now: NOW,
};

const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** An unsigned-looking JWT: the browser helpers never check the signature. */
const jwt = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }) =>
  `${b64(header)}.${b64(payload)}.c2ln`;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CobrowseError);
    return (e as CobrowseError).code;
  }
  return undefined;
}

describe('buildTokenClaims', () => {
  it('builds customer claims with a 2 h default life', () => {
    expect(buildTokenClaims(base)).toEqual({
      app_key: 'SDK_KEY_123',
      role_type: 1,
      user_id: 'u-1',
      user_name: 'Ada',
      iat: NOW / 1000,
      exp: NOW / 1000 + 7200,
    });
    expect(TOKEN_DEFAULT_TTL_SECONDS).toBe(7200);
  });

  it('maps agent to role_type 2 and byop to enable_byop: 1', () => {
    const c = buildTokenClaims({ ...base, role: 'agent', byop: true, ttlSeconds: 1800 });
    expect(c.role_type).toBe(ROLE_TYPE.agent);
    expect(c.enable_byop).toBe(1);
    expect(c.exp - c.iat).toBe(1800);
    expect('enable_byop' in buildTokenClaims({ ...base, byop: false })).toBe(false);
  });

  it('accepts a Date for now and floors to whole seconds', () => {
    const c = buildTokenClaims({ ...base, now: new Date(NOW + 999) });
    expect(c.iat).toBe(NOW / 1000);
  });

  it('accepts the window edges', () => {
    for (const ttlSeconds of [TOKEN_MIN_TTL_SECONDS, TOKEN_MAX_TTL_SECONDS]) {
      const c = buildTokenClaims({ ...base, ttlSeconds });
      expect(c.exp - c.iat).toBe(ttlSeconds);
    }
  });

  it.each<[Partial<BuildTokenClaimsOptions>, string]>([
    [{ ttlSeconds: 1799 }, 'TOKEN_TTL_OUT_OF_RANGE'],
    [{ ttlSeconds: 172801 }, 'TOKEN_TTL_OUT_OF_RANGE'],
    [{ ttlSeconds: 3600.5 }, 'TOKEN_TTL_OUT_OF_RANGE'],
    [{ ttlSeconds: Number.NaN }, 'TOKEN_TTL_OUT_OF_RANGE'],
    [{ userName: 'x'.repeat(81) }, 'TOKEN_USER_NAME_TOO_LONG'],
    [{ userName: '' }, 'TOKEN_USER_NAME_EMPTY'],
    [{ userName: '   ' }, 'TOKEN_USER_NAME_EMPTY'],
    [{ userId: '' }, 'TOKEN_USER_ID_EMPTY'],
    [{ userId: 42 as unknown as string }, 'TOKEN_USER_ID_EMPTY'],
    [{ sdkKey: '' }, 'TOKEN_SDK_KEY_EMPTY'],
    [{ role: 'admin' as 'agent' }, 'TOKEN_ROLE_INVALID'],
    [{ role: 'toString' as 'agent' }, 'TOKEN_ROLE_INVALID'],
    [{ now: Number.NaN }, 'TOKEN_CLAIM_INVALID'],
    [{ now: new Date('nope') }, 'TOKEN_CLAIM_INVALID'],
  ])('refuses %j with %s', (patch, code) => {
    expect(codeOf(() => buildTokenClaims({ ...base, ...patch }))).toBe(code);
  });

  it('names the value at fault in its messages', () => {
    expect(() => buildTokenClaims({ ...base, ttlSeconds: 60 })).toThrow(/ttlSeconds.*\b60\b/);
    expect(() => buildTokenClaims({ ...base, userName: 'x'.repeat(81) })).toThrow(
      /userName.*\b81\b/,
    );
  });

  it('accepts exactly 80 characters of user_name', () => {
    expect(buildTokenClaims({ ...base, userName: 'é'.repeat(80) }).user_name).toHaveLength(80);
  });
});

describe('decodeToken', () => {
  it('round-trips any claims buildTokenClaims makes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('customer' as const, 'agent' as const),
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() !== '' && s.length <= 80),
        fc.integer({ min: TOKEN_MIN_TTL_SECONDS, max: TOKEN_MAX_TTL_SECONDS }),
        fc.boolean(),
        (role, userName, ttlSeconds, byop) => {
          const claims = buildTokenClaims({ ...base, role, userName, ttlSeconds, byop });
          expect(decodeToken(jwt(claims))).toEqual(claims);
        },
      ),
    );
  });

  it('keeps unknown extra claims', () => {
    const claims = { ...buildTokenClaims(base), jti: 'abc' };
    expect(decodeToken(jwt(claims))).toMatchObject({ jti: 'abc' });
  });

  it.each([
    ['not a jwt'],
    ['a.b'],
    ['a.b.c.d.e'],
    [`${b64({ alg: 'HS256' })}.${b64('not json')}.x`],
    [`${b64('nope')}.${b64({ app_key: 'k' })}.x`],
    [`${b64({ alg: 'HS256' })}.${b64([1, 2])}.x`],
    [''],
    [42],
    [`${b64({ alg: 'HS256' })}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.x`],
    [`${b64({ alg: 'HS256' })}.${Buffer.from('{"a":1}').toString('base64')}=.x`],
    [`${b64({ alg: 'HS256' })}.${b64({ a: 1 })}.x\n`],
    [`Bearer ${b64({ alg: 'HS256' })}.${b64({ a: 1 })}.x`],
  ])('refuses %j with TOKEN_MALFORMED', (token) => {
    expect(codeOf(() => decodeToken(token as string))).toBe('TOKEN_MALFORMED');
  });

  // The browser checks the claims inspectToken reports on; Zoom's other rules are the server's
  // (server/index.test.ts runs these same cases against the server entry's decodeToken).
  it.each(['role_type', 'iat', 'exp'])(
    'refuses a token without %s with TOKEN_CLAIM_MISSING naming the claim',
    (claim) => {
      const claims: Record<string, unknown> = { ...buildTokenClaims(base) };
      delete claims[claim];
      try {
        decodeToken(jwt(claims));
        expect.unreachable();
      } catch (e) {
        expect((e as CobrowseError).code).toBe('TOKEN_CLAIM_MISSING');
        expect((e as CobrowseError).details).toEqual({ claim });
      }
    },
  );

  it.each<[string, unknown]>([
    ['role_type', '1'],
    ['role_type', 3],
    ['role_type', null],
    ['iat', '1700000000'],
    ['iat', -1],
    ['exp', Number.POSITIVE_INFINITY],
    ['exp', '1700000000'],
  ])('refuses %s = %j with TOKEN_CLAIM_INVALID naming the claim', (claim, value) => {
    const token = jwt({ ...buildTokenClaims(base), [claim]: value });
    try {
      decodeToken(token);
      expect.unreachable();
    } catch (e) {
      expect((e as CobrowseError).code).toBe('TOKEN_CLAIM_INVALID');
      expect((e as CobrowseError).details).toEqual({ claim });
    }
  });

  it('leaves the rules inspectToken does not report on to the server', () => {
    const c = buildTokenClaims(base);
    for (const patch of [
      { user_name: 'x'.repeat(81) },
      { app_key: '' },
      { nbf: 'soon' },
      { enable_byop: '1' },
      { exp: c.iat + 60 },
    ]) {
      expect(decodeToken(jwt({ ...c, ...patch }))).toMatchObject(patch);
    }
  });

  it('accepts enable_byop: 0 as BYOP off', () => {
    const token = jwt({ ...buildTokenClaims(base), enable_byop: 0 });
    expect(inspectToken(token, { now: NOW }).byop).toBe(false);
  });

  it('reports only enable_byop: 1 as BYOP', () => {
    const token = jwt({ ...buildTokenClaims(base), enable_byop: true });
    expect(inspectToken(token, { now: NOW }).byop).toBe(false);
  });
});

describe('inspectToken', () => {
  it('summarises role, BYOP, identity and expiry', () => {
    const token = jwt(buildTokenClaims({ ...base, byop: true, ttlSeconds: 3600 }));
    expect(inspectToken(token, { now: NOW + 600_000 })).toEqual({
      role: 'customer',
      roleType: 1,
      byop: true,
      sdkKey: 'SDK_KEY_123',
      userId: 'u-1',
      userName: 'Ada',
      issuedAt: new Date(NOW),
      expiresAt: new Date(NOW + 3600_000),
      expired: false,
      secondsLeft: 3000,
    });
  });

  it('reports agent tokens and expiry', () => {
    const token = jwt(buildTokenClaims({ ...base, role: 'agent', ttlSeconds: 1800 }));
    const at = inspectToken(token, { now: new Date(NOW + 1800_000) });
    expect(at).toMatchObject({
      role: 'agent',
      roleType: 2,
      byop: false,
      expired: true,
      secondsLeft: 0,
    });
    expect(inspectToken(token, { now: NOW + 1799_500 })).toMatchObject({
      expired: false,
      secondsLeft: 0,
    });
  });

  it('uses the current time by default', () => {
    const token = jwt(buildTokenClaims({ ...base, now: undefined }));
    const info = inspectToken(token);
    expect(info.expired).toBe(false);
    expect(info.secondsLeft).toBeGreaterThan(7190);
  });
});

describe('assertByopToken', () => {
  it('returns the claims of a customer token with enable_byop: 1', () => {
    const claims = buildTokenClaims({ ...base, byop: true });
    expect(assertByopToken(jwt(claims))).toEqual(claims);
  });

  it('refuses a token without BYOP, naming the claim to add', () => {
    expect(() => assertByopToken(jwt(buildTokenClaims(base)))).toThrow(/enable_byop/);
    expect(codeOf(() => assertByopToken(jwt(buildTokenClaims(base))))).toBe('TOKEN_BYOP_REQUIRED');
  });

  it('refuses an agent token', () => {
    const token = jwt(buildTokenClaims({ ...base, role: 'agent', byop: true }));
    expect(codeOf(() => assertByopToken(token))).toBe('TOKEN_ROLE_MISMATCH');
  });

  it('refuses garbage as malformed', () => {
    expect(codeOf(() => assertByopToken('garbage'))).toBe('TOKEN_MALFORMED');
  });
});
