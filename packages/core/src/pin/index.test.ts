import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CobrowseError } from '../errors';
import { PIN_MAX_LENGTH, assertPin, generatePin, normalizePin, validatePin } from './index';

const VALID = /^[A-Z0-9]{1,10}$/;

describe('normalizePin', () => {
  it('trims and uppercases ASCII letters', () => {
    expect(normalizePin('  ab12 ')).toBe('AB12');
    expect(normalizePin('\tzZ9\n')).toBe('ZZ9');
  });

  it('leaves non-ASCII letters alone (ß does not become SS)', () => {
    expect(normalizePin('straße')).toBe('STRAßE');
    expect(normalizePin('é')).toBe('é');
    expect(normalizePin('ı')).toBe('ı');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizePin(s);
        expect(normalizePin(once)).toBe(once);
      }),
    );
  });
});

describe('validatePin', () => {
  it('accepts 1-10 letters/digits and returns the normalized PIN', () => {
    expect(validatePin('ab12')).toEqual({ ok: true, pin: 'AB12' });
    expect(validatePin(' 0 ')).toEqual({ ok: true, pin: '0' });
    expect(validatePin('abcdefghij')).toEqual({ ok: true, pin: 'ABCDEFGHIJ' });
  });

  it.each([
    ['', 'PIN_EMPTY'],
    ['   ', 'PIN_EMPTY'],
    [null, 'PIN_EMPTY'],
    [undefined, 'PIN_EMPTY'],
    ['abcdefghijk', 'PIN_TOO_LONG'],
    ['ab-12', 'PIN_INVALID_CHARS'],
    ['ab 12', 'PIN_INVALID_CHARS'],
    ['straße', 'PIN_INVALID_CHARS'],
    ['café', 'PIN_INVALID_CHARS'],
    ['１２３', 'PIN_INVALID_CHARS'],
    ['٣٤', 'PIN_INVALID_CHARS'],
    ['12😀', 'PIN_INVALID_CHARS'],
    [1234, 'PIN_INVALID_CHARS'],
  ])('refuses %j with %s', (input, code) => {
    const r = validatePin(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('names the characters to remove, and reports them before the length', () => {
    const r = validatePin('12345-67890');
    expect(r).toMatchObject({ ok: false, code: 'PIN_INVALID_CHARS' });
    if (!r.ok) expect(r.message).toContain('"-"');
    const s = validatePin('a b\tc');
    if (!s.ok) expect(s.message).toMatch(/remove spaces\.$/);
  });

  it('says how long the PIN is and the limit', () => {
    const r = validatePin('12345678901');
    expect(r).toMatchObject({ ok: false, code: 'PIN_TOO_LONG' });
    if (!r.ok) expect(r.message).toMatch(/\b11\b.*\b10\b/);
  });

  it('valid ⇔ /^[A-Z0-9]{1,10}$/ after trim + uppercase', () => {
    const pinish = fc.string({
      unit: fc.constantFrom(...'aZ09 -ßéİı１\t😀'),
      maxLength: 14,
    });
    fc.assert(
      fc.property(fc.oneof(pinish, fc.string({ unit: 'grapheme' })), (s) => {
        const r = validatePin(s);
        const expected = VALID.test(s.trim().replace(/[a-z]/g, (c) => c.toUpperCase()));
        expect(r.ok).toBe(expected);
        if (r.ok) expect(r.pin).toMatch(VALID);
      }),
    );
  });

  it('refuses any PIN with a non-ASCII character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'AB12'), maxLength: 4 }),
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 2 })
          .filter((c) => /[^ -~]/.test(c) && c.trim() === c),
        fc.string({ unit: fc.constantFrom(...'AB12'), maxLength: 4 }),
        (a, u, b) => {
          expect(validatePin(a + u + b).ok).toBe(false);
        },
      ),
    );
  });
});

describe('assertPin', () => {
  it('returns the normalized PIN', () => {
    expect(assertPin(' x9 ')).toBe('X9');
  });

  it('throws a CobrowseError with the validation code', () => {
    expect(() => assertPin('')).toThrow(CobrowseError);
    for (const [input, code] of [
      ['', 'PIN_EMPTY'],
      ['a-b', 'PIN_INVALID_CHARS'],
      ['x'.repeat(11), 'PIN_TOO_LONG'],
    ]) {
      try {
        assertPin(input);
        expect.unreachable();
      } catch (e) {
        expect((e as CobrowseError).code).toBe(code);
      }
    }
  });
});

describe('generatePin', () => {
  afterEach(() => vi.restoreAllMocks());

  it('defaults to six digits', () => {
    for (let i = 0; i < 50; i++) expect(generatePin()).toMatch(/^\d{6}$/);
  });

  it('always produces a valid PIN of the requested shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: PIN_MAX_LENGTH }),
        fc.constantFrom(
          'numeric',
          'alphanumeric',
          'abc',
          'ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
          'zZ9',
        ),
        (length, alphabet) => {
          const pin = generatePin({ length, alphabet });
          expect(pin).toHaveLength(length);
          expect(validatePin(pin)).toEqual({ ok: true, pin });
          if (alphabet === 'numeric') expect(pin).toMatch(/^\d+$/);
          if (alphabet === 'zZ9') expect(pin).toMatch(/^[Z9]+$/);
        },
      ),
    );
  });

  /** Replaces Web Crypto with a deterministic byte source. */
  const mockRandom = (fill: (bytes: Uint8Array) => void) =>
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(((a: Uint8Array) => {
      fill(a);
      return a;
    }) as Crypto['getRandomValues']);

  it('dedupes and uppercases a custom alphabet', () => {
    // 'aAbBaa' is the 2-symbol alphabet 'AB': counting bytes alternate between them.
    let next = 0;
    mockRandom((u) => {
      for (let i = 0; i < u.length; i++) u[i] = next++ % 256;
    });
    expect(generatePin({ length: 4, alphabet: 'aAbBaa' })).toBe('ABAB');
  });

  it('rejects biased bytes instead of folding them with modulo', () => {
    // 36 symbols: 256 % 36 = 4, so bytes 252..255 must be skipped.
    const feed = [252, 253, 254, 255, 0, 35, 36, 251];
    mockRandom((u) => {
      for (let i = 0; i < u.length; i++) u[i] = feed.shift() ?? 0;
    });
    // 0 → 'A', 35 → '9', 36 → 'A', 251 % 36 = 35 → '9'
    expect(generatePin({ length: 4, alphabet: 'alphanumeric' })).toBe('A9A9');
  });

  it('maps the accepted bytes uniformly and draws again for the biased tail', () => {
    // For every byte value v: the first draw is all v, later draws all 0.
    const counts = new Map<string, number>();
    let redraws = 0;
    for (let v = 0; v < 256; v++) {
      let call = 0;
      const spy = mockRandom((u) => u.fill(call++ === 0 ? v : 0));
      const pin = generatePin({ length: 1 });
      if (spy.mock.calls.length > 1) redraws++;
      else counts.set(pin, (counts.get(pin) ?? 0) + 1);
      spy.mockRestore();
    }
    // 10 digits: bytes 0..249 map 25 times onto each digit; 250..255 are redrawn.
    expect(redraws).toBe(6);
    expect([...counts.values()]).toEqual(Array(10).fill(25));
  });

  it.each([
    [{ length: 0 }],
    [{ length: 11 }],
    [{ length: 2.5 }],
    [{ length: Number.NaN }],
    [{ alphabet: '' }],
    [{ alphabet: 'a' }],
    [{ alphabet: 'aaaA' }],
    [{ alphabet: 'ab-c' }],
    [{ alphabet: 'äbc' }],
    [{ alphabet: '１２' }],
    [{ alphabet: 42 as unknown as string }],
  ])('refuses %j with PIN_OPTIONS_INVALID', (options) => {
    try {
      generatePin(options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CobrowseError);
      expect((e as CobrowseError).code).toBe('PIN_OPTIONS_INVALID');
      expect((e as CobrowseError).message).toMatch(/^generatePin: /);
    }
  });
});
