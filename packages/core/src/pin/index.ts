/**
 * BYOP PIN rules (Zoom: letters and digits only, any case shown in uppercase, at most 10
 * characters) and a crypto-random PIN generator.
 *
 * @example
 * ```ts
 * import { validatePin, generatePin } from '@cobrowse-kit/core';
 * const r = validatePin(' ab12 ');
 * if (r.ok) start(r.pin); // 'AB12'
 * generatePin(); // e.g. '402917'
 * ```
 * @module
 */
import { CobrowseError, err, format } from '../errors';
import * as M from '../messages';

/**
 * The longest PIN Zoom accepts.
 *
 * @example
 * ```ts
 * input.maxLength = PIN_MAX_LENGTH; // 10
 * ```
 */
export const PIN_MAX_LENGTH = 10;

/** Why a PIN was refused. */
export type PinErrorCode = 'PIN_EMPTY' | 'PIN_TOO_LONG' | 'PIN_INVALID_CHARS';

/** Result of {@link validatePin}: the normalized PIN, or a named reason with a fix. */
export type PinValidation =
  | { ok: true; pin: string }
  | { ok: false; code: PinErrorCode; message: string };

/** Options for {@link generatePin}. */
export interface GeneratePinOptions {
  /** Number of characters, 1–10. Default 6. */
  length?: number;
  /** `'numeric'` (default), `'alphanumeric'` (A–Z, 0–9) or your own letters/digits. */
  alphabet?: 'numeric' | 'alphanumeric' | (string & {});
}

const DIGITS = '0123456789';

/**
 * Trims and uppercases a PIN the way Zoom does. Only ASCII letters change case, so `ß` stays `ß`
 * (and is then refused by {@link validatePin}) instead of silently turning into `SS`.
 *
 * @param input - What the user typed.
 * @returns The trimmed, uppercased string (not necessarily valid).
 * @example
 * ```ts
 * normalizePin('  ab12 '); // 'AB12'
 * ```
 */
export function normalizePin(input: string): string {
  return input.trim().replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/**
 * Checks a PIN against Zoom's BYOP rules after normalizing it.
 *
 * @param input - What the user typed (`null`/`undefined` count as empty).
 * @returns `{ ok: true, pin }` with the normalized PIN, or `{ ok: false, code, message }`.
 * @example
 * ```ts
 * validatePin('ab12');  // { ok: true, pin: 'AB12' }
 * validatePin('ab-12'); // { ok: false, code: 'PIN_INVALID_CHARS', message: '... remove "-" ...' }
 * ```
 */
export function validatePin(input: unknown): PinValidation {
  if (input != null && typeof input !== 'string')
    return fail('PIN_INVALID_CHARS', M.PIN_INVALID_CHARS, { fix: 'pass a string' });
  const pin = normalizePin(input ?? '');
  if (!pin) return fail('PIN_EMPTY', M.PIN_EMPTY);
  // Report the characters before the length: once they are removed the PIN may fit.
  const bad = pin.replace(/[A-Z0-9]/g, '');
  if (bad) {
    const shown = [...new Set([...bad].map((c) => (c.trim() ? `"${c}"` : 'spaces')))].join(', ');
    return fail('PIN_INVALID_CHARS', M.PIN_INVALID_CHARS, { fix: `remove ${shown}` });
  }
  if (pin.length > PIN_MAX_LENGTH) return fail('PIN_TOO_LONG', M.PIN_TOO_LONG, { n: pin.length });
  return { ok: true, pin };
}

const fail = (
  code: PinErrorCode,
  template: string,
  params?: Record<string, unknown>,
): PinValidation => ({ ok: false, code, message: format(template, params) });

/**
 * Like {@link validatePin}, but returns the normalized PIN or throws.
 *
 * @param input - What the user typed.
 * @returns The normalized PIN.
 * @throws CobrowseError `PIN_EMPTY`, `PIN_TOO_LONG` or `PIN_INVALID_CHARS`.
 * @example
 * ```ts
 * session.start({ customPinCode: assertPin(userInput), sdkToken });
 * ```
 */
export function assertPin(input: unknown): string {
  const r = validatePin(input);
  if (r.ok) return r.pin;
  throw new CobrowseError(r.code, r.message);
}

/**
 * Generates a random PIN with Web Crypto. Rejection sampling keeps every character equally
 * likely (a plain `byte % n` would favour the first `256 % n` characters).
 *
 * @param options - `length` (1–10, default 6) and `alphabet` (default `'numeric'`).
 * @returns A PIN that always passes {@link validatePin}.
 * @throws CobrowseError `PIN_OPTIONS_INVALID` for a bad length or alphabet.
 * @example
 * ```ts
 * generatePin();                                                  // '402917'
 * generatePin({ length: 8, alphabet: 'alphanumeric' });           // 'K3Z09QAB'
 * generatePin({ alphabet: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' });  // no 0/O, 1/I look-alikes
 * ```
 */
export function generatePin(options: GeneratePinOptions = {}): string {
  const { length = 6, alphabet = 'numeric' } = options;
  // 'numeric' and 'alphanumeric' pass the ASCII test too; every alphabet is deduped.
  const chars =
    typeof alphabet === 'string' && /^[A-Za-z0-9]+$/.test(alphabet)
      ? [
          ...new Set(
            alphabet === 'numeric'
              ? DIGITS
              : alphabet === 'alphanumeric'
                ? `ABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}`
                : alphabet.toUpperCase(),
          ),
        ]
      : [];
  const n = chars.length;
  // One symbol would make every PIN identical: not random at all.
  if (!(n > 1 && length > 0 && length <= PIN_MAX_LENGTH && Number.isInteger(length))) {
    throw err('PIN_OPTIONS_INVALID', M.PIN_OPTIONS_INVALID);
  }
  let pin = '';
  while (pin.length < length) {
    const [b = 0] = crypto.getRandomValues(new Uint8Array(1));
    if (b < 256 - (256 % n)) pin += chars[b % n];
  }
  return pin;
}
