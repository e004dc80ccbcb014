/**
 * Zoom's numeric session error codes (zoom-contract.md) as the sdk reports them in
 * `session_error` and failed callbacks, plus the mapping from the relay's close codes.
 */
import type { ZoomErrorPayload } from '@cobrowse-kit/core';
import { CloseCodes } from '../protocol/index';

/**
 * Numeric codes used in `{ errorCode, errorMsg }`.
 *
 * @example
 * ```ts
 * zoomError(ZoomCodes.PIN_FORMAT, 'Use letters and digits only.');
 * ```
 */
export const ZoomCodes = {
  START_FAILED: 1001,
  CONNECTING: 1002,
  SESSION_LIMIT: 1004,
  PIN_NOT_FOUND: 1006,
  PIN_FORMAT: 1008,
  PIN_REQUIRED: 1009,
  PIN_CONFLICT: 1010,
  JOIN_FAILED: 1011,
  CUSTOMER_LIMIT: 1012,
  AGENT_LIMIT: 1013,
  DUPLICATE_USER: 1015,
  NETWORK: 1016,
  TOKEN_INVALID: 2001,
} as const;

/**
 * Builds a `{ errorCode, errorMsg }` payload.
 *
 * @example
 * ```ts
 * emit('session_error', zoomError(1016, 'Network error'));
 * ```
 */
export const zoomError = (errorCode: number, errorMsg: string): ZoomErrorPayload => ({
  errorCode,
  errorMsg,
});

/**
 * What a close without a preceding `error` frame means. The relay normally sends `error` first;
 * this covers proxies and relays that only close.
 *
 * @example
 * ```ts
 * errorForClose(4404, 'unknown PIN'); // { errorCode: 1006, errorMsg: 'No live session has this PIN: unknown PIN' }
 * ```
 */
export function errorForClose(code: number, reason: string): ZoomErrorPayload | undefined {
  const why = reason ? `: ${reason}` : '';
  switch (code) {
    case CloseCodes.UNAUTHORIZED:
    case CloseCodes.FORBIDDEN:
      return zoomError(ZoomCodes.TOKEN_INVALID, `The relay refused the token${why}`);
    case CloseCodes.NOT_FOUND:
      return zoomError(ZoomCodes.PIN_NOT_FOUND, `No live session has this PIN${why}`);
    case CloseCodes.CONFLICT:
      return zoomError(ZoomCodes.PIN_CONFLICT, `The PIN is already in use${why}`);
    case CloseCodes.LIMIT:
      return zoomError(ZoomCodes.SESSION_LIMIT, `A limit was reached${why}`);
    case CloseCodes.PROTOCOL_VERSION:
      return zoomError(
        ZoomCodes.START_FAILED,
        `The relay speaks another protocol version; load the SDK from the same relay${why}`,
      );
    case CloseCodes.MALFORMED:
      return zoomError(ZoomCodes.START_FAILED, `The relay refused a malformed frame${why}`);
    default:
      return undefined;
  }
}
