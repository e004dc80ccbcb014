/**
 * `@cobrowse-kit/core` — the framework-agnostic, browser-safe heart of cobrowse-kit: BYOP PIN
 * rules, token payloads, the SDK loader, window messaging and the session runtime every adapter
 * binds to. Node-only token signing lives in `@cobrowse-kit/core/server`.
 *
 * @example
 * ```ts
 * import { createCustomerSession } from '@cobrowse-kit/core';
 * const session = createCustomerSession({ sdkKey: 'KEY', version: '2.5.x' });
 * session.subscribe(() => console.log(session.getSnapshot().status));
 * await session.start({ pin: 'ab12', token: () => fetch('/token').then((r) => r.text()) });
 * ```
 * @module
 */
// Named, so the internal message helpers of errors.ts (err, format) stay internal.
export {
  CobrowseError,
  type CobrowseErrorOptions,
  type ErrorCode,
  ErrorCodes,
  ZOOM_ERROR_CODES,
  fixFor,
  toCobrowseError,
  zoomCodeFor,
} from './errors';
export * from './zoom-types';
export * from './pin';
export * from './token';
export * from './loader';
export * from './messaging';
export * from './session';
