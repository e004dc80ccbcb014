import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  CobrowseError,
  type TokenHandlerOptions,
  buildTokenClaims,
  createTokenHandler,
  decodeToken,
  inspectToken,
  signToken,
  verifyToken,
} from './index';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const OTHER_SECRET = 'another-secret-0123456789-abcdefghijklm';
const SDK_KEY = 'SDK_KEY_123';
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const claims = (patch: Partial<Parameters<typeof buildTokenClaims>[0]> = {}) =>
  buildTokenClaims({
    role: 'customer',
    sdkKey: SDK_KEY,
    userId: 'u-1',
    userName: 'Ada',
    now: NOW,
    ...patch,
  });

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** Signs any payload/header with the secret, bypassing signToken's checks. */
const rawSign = (
  payload: Record<string, unknown>,
  secret = SECRET,
  header = { alg: 'HS256', typ: 'JWT' },
) => new SignJWT(payload).setProtectedHeader(header).sign(new TextEncoder().encode(secret));

async function refusal(p: Promise<unknown>): Promise<CobrowseError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CobrowseError);
    return e as CobrowseError;
  }
  throw new Error('expected a refusal');
}

describe('signToken', () => {
  it('signs HS256 with typ JWT', async () => {
    const token = await signToken(claims(), SECRET);
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(decodeToken(token)).toEqual(claims());
  });

  it('refuses claims Zoom would refuse', async () => {
    const c = claims();
    expect((await refusal(signToken({ ...c, exp: c.iat + 60 }, SECRET))).code).toBe(
      'TOKEN_EXP_WINDOW_INVALID',
    );
    const { user_id: _, ...noUser } = c;
    expect((await refusal(signToken(noUser as typeof c, SECRET))).code).toBe('TOKEN_CLAIM_MISSING');
  });

  it.each([[''], ['short'], [undefined], [new Uint8Array(31)]])(
    'refuses secret %j with TOKEN_SECRET_INVALID',
    async (secret) => {
      const e = await refusal(signToken(claims(), secret as string));
      expect(e.code).toBe('TOKEN_SECRET_INVALID');
      expect(e.message).toMatch(/at least 32 bytes/);
    },
  );

  it('accepts a 32-byte Uint8Array secret', async () => {
    const key = new Uint8Array(32).fill(7);
    const token = await signToken(claims(), key);
    await expect(verifyToken(token, key, { now: NOW })).resolves.toEqual(claims());
  });
});

describe('decodeToken (server entry)', () => {
  /** An unsigned JWT: decodeToken never checks the signature. */
  const jwt = (payload: unknown) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.c2ln`;
  const codeOf = (token: string) => {
    try {
      decodeToken(token);
    } catch (e) {
      expect(e).toBeInstanceOf(CobrowseError);
      return (e as CobrowseError).code;
    }
    return 'decoded';
  };

  it('decodes what buildTokenClaims makes, keeping extra claims', () => {
    expect(decodeToken(jwt({ ...claims(), jti: 'abc' }))).toEqual({ ...claims(), jti: 'abc' });
    expect(codeOf('Bearer x.y.z')).toBe('TOKEN_MALFORMED');
  });

  it.each(['app_key', 'role_type', 'user_id', 'user_name', 'iat', 'exp'])(
    'refuses a token without %s with TOKEN_CLAIM_MISSING naming the claim',
    (claim) => {
      const c: Record<string, unknown> = { ...claims() };
      delete c[claim];
      try {
        decodeToken(jwt(c));
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
    ['app_key', ''],
    ['app_key', 7],
    ['user_id', 12],
    ['user_name', 'x'.repeat(81)],
    ['user_name', null],
    ['iat', '1700000000'],
    ['exp', Number.POSITIVE_INFINITY],
    ['nbf', 'soon'],
    ['enable_byop', true],
    ['enable_byop', '1'],
  ])('refuses %s = %j with TOKEN_CLAIM_INVALID', (claim, value) => {
    expect(codeOf(jwt({ ...claims(), [claim]: value }))).toBe('TOKEN_CLAIM_INVALID');
  });

  it('accepts enable_byop: 0 and a valid nbf', () => {
    const c = claims();
    expect(codeOf(jwt({ ...c, enable_byop: 0, nbf: c.iat }))).toBe('decoded');
  });

  it('refuses an exp - iat outside 1800..172800 with TOKEN_EXP_WINDOW_INVALID', () => {
    const c = claims();
    for (const exp of [c.iat + 1799, c.iat + 172801, c.iat - 10]) {
      expect(codeOf(jwt({ ...c, exp }))).toBe('TOKEN_EXP_WINDOW_INVALID');
    }
    expect(codeOf(jwt({ ...c, exp: c.iat + 1800 }))).toBe('decoded');
  });
});

describe('verifyToken', () => {
  it('round-trips build → sign → verify', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('customer' as const, 'agent' as const),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() !== '' && s.length <= 80),
        fc.integer({ min: 1800, max: 172800 }),
        fc.boolean(),
        fc.integer({ min: 1_500_000_000_000, max: 2_500_000_000_000 }),
        async (role, userId, userName, ttlSeconds, byop, now) => {
          const c = buildTokenClaims({
            role,
            sdkKey: SDK_KEY,
            userId,
            userName,
            ttlSeconds,
            byop,
            now,
          });
          const token = await signToken(c, SECRET);
          await expect(verifyToken(token, SECRET, { role, sdkKey: SDK_KEY, now })).resolves.toEqual(
            c,
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('uses the current time by default', async () => {
    const token = await signToken(claims({ now: undefined }), SECRET);
    await expect(verifyToken(token, SECRET)).resolves.toMatchObject({ app_key: SDK_KEY });
  });

  const cases: Array<[string, () => Promise<unknown>]> = [
    ['TOKEN_MALFORMED', () => verifyToken('nope', SECRET)],
    [
      'TOKEN_MALFORMED',
      async () =>
        verifyToken(`${(await signToken(claims(), SECRET)).slice(0, -3)}!!!`, SECRET, { now: NOW }),
    ],
    [
      'TOKEN_ALGORITHM_NOT_ALLOWED',
      async () =>
        verifyToken(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, SECRET, { now: NOW }),
    ],
    [
      'TOKEN_ALGORITHM_NOT_ALLOWED',
      async () => verifyToken(`${b64({ typ: 'JWT' })}.${b64(claims())}.`, SECRET, { now: NOW }),
    ],
    [
      'TOKEN_ALGORITHM_NOT_ALLOWED',
      async () =>
        verifyToken(await rawSign({ ...claims() }, SECRET, { alg: 'HS512', typ: 'JWT' }), SECRET, {
          now: NOW,
        }),
    ],
    [
      'TOKEN_ALGORITHM_NOT_ALLOWED',
      async () =>
        verifyToken(`${b64({ alg: 'RS256' })}.${b64(claims())}.c2ln`, SECRET, { now: NOW }),
    ],
    [
      'TOKEN_SIGNATURE_INVALID',
      async () => verifyToken(await signToken(claims(), OTHER_SECRET), SECRET, { now: NOW }),
    ],
    [
      'TOKEN_SIGNATURE_INVALID',
      async () => {
        // Payload swapped after signing: a customer token promoted to agent.
        const [h, , s] = (await signToken(claims(), SECRET)).split('.');
        return verifyToken(`${h}.${b64(claims({ role: 'agent' }))}.${s}`, SECRET, { now: NOW });
      },
    ],
    [
      'TOKEN_EXPIRED',
      async () =>
        verifyToken(await signToken(claims(), SECRET), SECRET, { now: NOW + 7200_000 + 31_000 }),
    ],
    [
      'TOKEN_NOT_YET_VALID',
      async () => verifyToken(await signToken(claims(), SECRET), SECRET, { now: NOW - 31_000 }),
    ],
    [
      'TOKEN_NOT_YET_VALID',
      async () =>
        verifyToken(await rawSign({ ...claims(), nbf: NOW / 1000 + 600 }), SECRET, { now: NOW }),
    ],
    [
      'TOKEN_EXP_WINDOW_INVALID',
      async () =>
        verifyToken(await rawSign({ ...claims(), exp: NOW / 1000 + 60 }), SECRET, { now: NOW }),
    ],
    [
      'TOKEN_EXP_WINDOW_INVALID',
      async () =>
        verifyToken(await rawSign({ ...claims(), exp: NOW / 1000 + 172_801 }), SECRET, {
          now: NOW,
        }),
    ],
    [
      'TOKEN_CLAIM_MISSING',
      async () => {
        const { user_name: _, ...c } = claims();
        return verifyToken(await rawSign(c), SECRET, { now: NOW });
      },
    ],
    [
      'TOKEN_CLAIM_INVALID',
      async () => verifyToken(await rawSign({ ...claims(), role_type: '1' }), SECRET, { now: NOW }),
    ],
    [
      'TOKEN_CLAIM_INVALID',
      async () =>
        verifyToken(await rawSign({ ...claims(), user_name: 'x'.repeat(81) }), SECRET, {
          now: NOW,
        }),
    ],
    [
      'TOKEN_ROLE_MISMATCH',
      async () =>
        verifyToken(await signToken(claims(), SECRET), SECRET, { role: 'agent', now: NOW }),
    ],
    [
      'TOKEN_APP_KEY_MISMATCH',
      async () =>
        verifyToken(await signToken(claims(), SECRET), SECRET, { sdkKey: 'OTHER', now: NOW }),
    ],
    ['TOKEN_SECRET_INVALID', async () => verifyToken(await signToken(claims(), SECRET), '')],
    [
      'TOKEN_ROLE_INVALID',
      async () =>
        verifyToken(await signToken(claims(), SECRET), SECRET, { role: 'boss' as 'agent' }),
    ],
  ];

  it.each(cases)('refuses with %s', async (code, run) => {
    const e = await refusal(run());
    expect(e.code).toBe(code);
    // Every server refusal says the fix, with its placeholders filled.
    expect(e.message.length).toBeGreaterThan(30);
    expect(e.message).not.toMatch(/\{\w+\}|undefined/);
    const leaked = JSON.stringify({ message: e.message, details: e.details, json: e.toJSON() });
    expect(leaked).not.toContain(SECRET);
    expect(leaked).not.toContain('eyJ');
    expect(e.cause).toBeUndefined();
  });

  it('names the claim at fault in details', async () => {
    const e = await refusal(
      verifyToken(await rawSign({ ...claims(), role_type: '1' }), SECRET, { now: NOW }),
    );
    expect(e.details).toEqual({ claim: 'role_type' });
    const x = await refusal(
      verifyToken(await signToken(claims(), SECRET), SECRET, { now: NOW + 9e6 }),
    );
    expect(x.details).toEqual({ claim: 'exp' });
  });

  it('tolerates 30 s of clock skew by default, configurable', async () => {
    const token = await signToken(claims(), SECRET);
    await expect(verifyToken(token, SECRET, { now: NOW - 29_000 })).resolves.toBeTruthy();
    await expect(
      verifyToken(token, SECRET, { now: NOW + 7200_000 + 29_000 }),
    ).resolves.toBeTruthy();
    const e = await refusal(
      verifyToken(token, SECRET, { now: NOW - 29_000, clockToleranceSeconds: 0 }),
    );
    expect(e.code).toBe('TOKEN_NOT_YET_VALID');
    await expect(
      verifyToken(token, SECRET, { now: NOW - 120_000, clockToleranceSeconds: 300 }),
    ).resolves.toBeTruthy();
  });

  it('accepts enable_byop: 0 from other minting code', async () => {
    const token = await rawSign({ ...claims(), enable_byop: 0 });
    await expect(verifyToken(token, SECRET, { now: NOW })).resolves.toMatchObject({
      enable_byop: 0,
    });
  });
});

describe('createTokenHandler', () => {
  const identity = { userId: 'server-user', userName: 'Server Name' };
  const make = (over: Partial<TokenHandlerOptions> = {}) => {
    const authorize = vi.fn<TokenHandlerOptions['authorize']>(() => identity);
    const handler = createTokenHandler({ sdkKey: SDK_KEY, sdkSecret: SECRET, authorize, ...over });
    return { handler, authorize };
  };
  const post = (body: unknown, init: RequestInit = {}) =>
    new Request('https://app.example/api/cobrowse-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });

  it('mints a verified customer token for POST JSON', async () => {
    const { handler, authorize } = make();
    const res = await handler(post({ role: 'customer', byop: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { token: string; expiresAt: string };
    const c = await verifyToken(body.token, SECRET, { role: 'customer', sdkKey: SDK_KEY });
    expect(c).toMatchObject({ user_id: 'server-user', user_name: 'Server Name', enable_byop: 1 });
    expect(c.exp - c.iat).toBe(7200);
    expect(body.expiresAt).toBe(new Date(c.exp * 1000).toISOString());
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), { role: 'customer', byop: true });
  });

  it('supports GET with query parameters and a custom TTL', async () => {
    const { handler, authorize } = make({ ttlSeconds: 1800 });
    const res = await handler(new Request('https://app.example/t?role=agent&byop=0&userName=Hint'));
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const info = inspectToken(token);
    expect(info).toMatchObject({ role: 'agent', byop: false });
    expect(info.expiresAt.getTime() - info.issuedAt.getTime()).toBe(1800_000);
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), {
      role: 'agent',
      byop: false,
      userName: 'Hint',
    });
  });

  it('lets authorize decide identity: the body cannot escalate', async () => {
    const { handler } = make();
    const res = await handler(post({ role: 'customer', userId: 'admin', userName: 'Root' }));
    const c = decodeToken(((await res.json()) as { token: string }).token);
    expect(c.user_id).toBe('server-user');
    expect(c.user_name).toBe('Server Name');
  });

  it('lets authorize refuse BYOP', async () => {
    const { handler } = make({ authorize: () => ({ ...identity, byop: false }) });
    const res = await handler(post({ role: 'customer', byop: true }));
    const c = decodeToken(((await res.json()) as { token: string }).token);
    expect(c.enable_byop).toBeUndefined();
  });

  it.each([false, null, undefined] as const)(
    'answers 403 when authorize returns %j',
    async (verdict) => {
      const { handler } = make({ authorize: async () => verdict });
      const res = await handler(post({ role: 'agent' }));
      expect(res.status).toBe(403);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({
        error: { code: 'TOKEN_REQUEST_FORBIDDEN', message: expect.any(String) },
      });
    },
  );

  it.each<[string, () => Request]>([
    ['no role', () => post({})],
    ['bad role', () => post({ role: 'admin' })],
    ['role_type instead of role', () => post({ role_type: 2 })],
    ['invalid JSON', () => post('{role:')],
    ['empty body', () => post('')],
    ['a JSON array', () => post([{ role: 'customer' }])],
    ['JSON null', () => post('null')],
    ['bad byop', () => post({ role: 'customer', byop: 'yes' })],
    ['non-string userId', () => post({ role: 'customer', userId: 5 })],
    ['huge userName', () => post({ role: 'customer', userName: 'x'.repeat(300) })],
    ['huge body', () => post({ role: 'customer', pad: 'x'.repeat(5000) })],
    ['GET without role', () => new Request('https://app.example/t')],
  ])('answers 400 TOKEN_REQUEST_INVALID for %s', async (_, req) => {
    const { handler, authorize } = make();
    const res = await handler(req());
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('TOKEN_REQUEST_INVALID');
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('answers 405 with Allow for other methods', async () => {
    const { handler } = make();
    const res = await handler(new Request('https://app.example/t', { method: 'PUT', body: '{}' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 500 with the code when authorize returns an identity Zoom would refuse', async () => {
    const { handler } = make({ authorize: () => ({ userId: 'u', userName: 'x'.repeat(81) }) });
    const res = await handler(post({ role: 'customer' }));
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'TOKEN_USER_NAME_TOO_LONG',
    );
  });

  it('lets errors thrown by authorize propagate to the host framework', async () => {
    const { handler } = make({
      authorize: () => {
        throw new Error('db down');
      },
    });
    await expect(handler(post({ role: 'customer' }))).rejects.toThrow('db down');
  });

  it('never echoes the secret', async () => {
    const { handler } = make();
    const responses = await Promise.all([
      handler(post({ role: 'customer', secret: SECRET })),
      handler(post({ role: 'x' })),
      handler(new Request('https://app.example/t', { method: 'DELETE' })),
    ]);
    for (const r of responses) expect(await r.text()).not.toContain(SECRET);
  });

  it('fails at creation when misconfigured', () => {
    const ok = { sdkKey: SDK_KEY, sdkSecret: SECRET, authorize: () => identity };
    const code = (o: Partial<TokenHandlerOptions>) => {
      try {
        createTokenHandler({ ...ok, ...o } as TokenHandlerOptions);
      } catch (e) {
        return (e as CobrowseError).code;
      }
      return 'ok';
    };
    expect(code({})).toBe('ok');
    expect(code({ sdkSecret: 'short' })).toBe('TOKEN_SECRET_INVALID');
    expect(code({ sdkKey: '' })).toBe('TOKEN_SDK_KEY_EMPTY');
    expect(code({ ttlSeconds: 10 })).toBe('TOKEN_TTL_OUT_OF_RANGE');
    expect(code({ authorize: undefined })).toBe('TOKEN_REQUEST_INVALID');
  });
});
