import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CobrowseError,
  type ErrorCode,
  ErrorCodes,
  ZOOM_ERROR_CODES,
  err,
  fixFor,
  format,
  toCobrowseError,
  zoomCodeFor,
} from './errors';
import * as M from './messages';

// The published codes, in their published order. Codes never change once published.
const PUBLISHED = [
  'PIN_EMPTY',
  'PIN_TOO_LONG',
  'PIN_INVALID_CHARS',
  'PIN_OPTIONS_INVALID',
  'TOKEN_TTL_OUT_OF_RANGE',
  'TOKEN_USER_NAME_TOO_LONG',
  'TOKEN_USER_NAME_EMPTY',
  'TOKEN_USER_ID_EMPTY',
  'TOKEN_SDK_KEY_EMPTY',
  'TOKEN_ROLE_INVALID',
  'TOKEN_MALFORMED',
  'TOKEN_BYOP_REQUIRED',
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
  'TOKEN_REQUEST_INVALID',
  'TOKEN_REQUEST_FORBIDDEN',
  'SDK_VERSION_INVALID',
  'SDK_KEY_INVALID',
  'SDK_LOAD_FAILED',
  'SDK_LOAD_TIMEOUT',
  'SDK_NOT_IN_BROWSER',
  'SDK_INIT_FAILED',
  'SDK_SURFACE_INVALID',
  'SDK_ROLE_MISMATCH',
  'WINDOW_NO_OPENER',
  'WINDOW_POPUP_BLOCKED',
  'WINDOW_IFRAME_UNREACHABLE',
  'WINDOW_NO_PARENT',
  'CHANNEL_ORIGIN_INVALID',
  'CHANNEL_HANDSHAKE_TIMEOUT',
  'CHANNEL_REQUEST_TIMEOUT',
  'CHANNEL_CLOSED',
  'CHANNEL_REMOTE_ERROR',
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

const RESERVED = ['WINDOW_NO_PARENT', 'SESSION_TIMEOUT'];
const codes = Object.keys(ErrorCodes) as ErrorCode[];

describe('ErrorCodes', () => {
  it('is exactly the published codes, in order, each mapping to itself', () => {
    expect(codes).toEqual(PUBLISHED);
    for (const c of codes) expect(ErrorCodes[c]).toBe(c);
    expectTypeOf<ErrorCode>().toEqualTypeOf<(typeof PUBLISHED)[number]>();
    expectTypeOf(ErrorCodes.PIN_CONFLICT).toEqualTypeOf<'PIN_CONFLICT'>();
  });

  it('is documented, code by code, in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    const headings = [...doc.matchAll(/^### `(\w+)`/gm)].map((m) => m[1]);
    expect([...headings].sort()).toEqual([...codes].sort());
  });

  it('maps every Zoom code both ways', () => {
    for (const [num, code] of Object.entries(ZOOM_ERROR_CODES)) {
      expect(zoomCodeFor(code)).toBe(Number(num));
    }
    expect(zoomCodeFor('PIN_EMPTY')).toBeUndefined();
  });
});

describe('message catalogue', () => {
  const catalogue = M as Record<string, string>;

  it('has one message per code, except the reserved ones', () => {
    expect(Object.keys(catalogue).sort()).toEqual(
      codes.filter((c) => !RESERVED.includes(c)).sort(),
    );
  });

  it('keeps every message short and ending in a sentence', () => {
    for (const [code, m] of Object.entries(catalogue)) {
      expect(m.length, code).toBeGreaterThanOrEqual(20);
      expect(m.length, code).toBeLessThanOrEqual(150);
      expect(m, code).toMatch(/[.]$/);
    }
  });

  it('is used with the matching code at every call site', () => {
    const src = new URL('.', import.meta.url);
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    let calls = 0;
    for (const f of files) {
      const text = readFileSync(new URL(f, src), 'utf8');
      for (const [, code, template] of text.matchAll(/\('([A-Z_]+)',\s*M\.([A-Z_]+)/g)) {
        calls++;
        expect(template, `${f}: ${code}`).toBe(code);
      }
    }
    expect(calls).toBeGreaterThan(40);
  });

  it('fills {placeholders} from params', () => {
    expect(format('a {x} b {y}', { x: 1, y: 'z' })).toBe('a 1 b z');
    expect(format(M.SDK_LOAD_TIMEOUT, { ms: 500 })).toMatch(/after 500 ms/);
  });

  it('err() builds a CobrowseError with the filled message and the options', () => {
    const cause = new Error('x');
    const e = err(
      'TOKEN_CLAIM_MISSING',
      M.TOKEN_CLAIM_MISSING,
      { claim: 'exp' },
      { details: { claim: 'exp' }, cause },
    );
    expect(e).toBeInstanceOf(CobrowseError);
    expect(e).toMatchObject({ code: 'TOKEN_CLAIM_MISSING', details: { claim: 'exp' }, cause });
    expect(e.message).toBe('Token claim "exp" is missing: mint tokens with buildTokenClaims().');
    expect(err('PIN_CONFLICT', M.PIN_CONFLICT).zoomCode).toBe(1010);
    expect(err('PIN_CONFLICT', M.PIN_CONFLICT).cause).toBeUndefined();
  });
});

describe('fixFor', () => {
  it("returns the catalogue's fix for every Zoom-mapped code", () => {
    for (const code of Object.values(ZOOM_ERROR_CODES)) {
      expect(fixFor(code)).toBe((M as Record<string, string>)[code]);
    }
  });

  it('returns the fallback for the other codes', () => {
    expect(fixFor('PIN_INVALID_CHARS')).toBe('Unexpected co-browsing error.');
    expect(fixFor('TOKEN_SECRET_INVALID', 'fallback')).toBe('fallback');
  });
});

describe('toCobrowseError', () => {
  it('returns a CobrowseError unchanged', () => {
    const e = err('PIN_EMPTY', M.PIN_EMPTY);
    expect(toCobrowseError(e)).toBe(e);
  });

  it("maps a Zoom payload, keeping Zoom's message and appending the fix", () => {
    const payload = { errorCode: 1010, errorMsg: 'PIN in use' };
    const e = toCobrowseError(payload);
    expect(e).toMatchObject({ code: 'PIN_CONFLICT', zoomCode: 1010, cause: payload });
    expect(e.message).toBe(`PIN in use — ${fixFor('PIN_CONFLICT')}`);
    expect(toCobrowseError({ code: 1006, message: fixFor('PIN_NOT_FOUND') }).message).toBe(
      fixFor('PIN_NOT_FOUND'),
    );
  });

  it('maps an unknown Zoom number to UNKNOWN, keeping the number', () => {
    expect(toCobrowseError({ errorCode: 4242 })).toMatchObject({
      code: 'UNKNOWN',
      zoomCode: 4242,
      message: 'Unexpected co-browsing error.',
    });
  });

  it('keeps a known string code, and refuses unknown or inherited ones', () => {
    expect(toCobrowseError({ code: 'JOIN_FAILED', message: 'm' })).toMatchObject({
      code: 'JOIN_FAILED',
      message: 'm',
    });
    expect(toCobrowseError({ code: 'JOIN_FAILED' }).message).toBe(fixFor('JOIN_FAILED'));
    expect(toCobrowseError({ code: 'PIN_EMPTY' }).message).toBe('Unexpected co-browsing error.');
    expect(toCobrowseError({ code: 'toString', message: 'm' }).code).toBe('UNKNOWN');
    expect(toCobrowseError({ code: 'NOPE', message: 'm' })).toMatchObject({
      code: 'UNKNOWN',
      message: 'm',
    });
  });

  it('wraps anything else as UNKNOWN with the original as cause', () => {
    expect(toCobrowseError(new Error('boom'))).toMatchObject({ code: 'UNKNOWN', message: 'boom' });
    expect(toCobrowseError('text')).toMatchObject({ code: 'UNKNOWN', message: 'text' });
    for (const x of [null, undefined, 42, { message: '' }, {}]) {
      const e = toCobrowseError(x);
      expect(e).toMatchObject({ code: 'UNKNOWN', message: 'Unexpected co-browsing error.' });
      expect(e.cause).toBe(x);
    }
  });
});

describe('CobrowseError', () => {
  it('keeps its constructor signature and serialises to JSON without the cause', () => {
    const e = new CobrowseError('PIN_CONFLICT', 'PIN AB12 is in use.', { cause: 'x' });
    expect(e).toMatchObject({ name: 'CobrowseError', code: 'PIN_CONFLICT', zoomCode: 1010 });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'CobrowseError',
      code: 'PIN_CONFLICT',
      message: 'PIN AB12 is in use.',
      zoomCode: 1010,
    });
    expect(new CobrowseError('PIN_EMPTY', 'm').toJSON()).not.toHaveProperty('zoomCode');
  });
});
