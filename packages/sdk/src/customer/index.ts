/**
 * `@cobrowse-kit/sdk/customer`: the Zoom-compatible customer SDK for npm installs. Like Zoom's npm
 * package, it requires a custom PIN (BYOP). It connects to `settings.serverUrl`, by default the
 * page's own origin.
 *
 * @example
 * ```ts
 * import { ZoomCobrowseSDK } from '@cobrowse-kit/sdk/customer';
 * ZoomCobrowseSDK.init({ serverUrl: 'https://cobrowse.example.com' }, ({ success, session, error }) => {
 *   if (!success) return console.error(error);
 *   session.on('pincode_updated', ({ pinCode }) => showPin(pinCode));
 *   session.start({ customPinCode: 'AB12', sdkToken: customerJwt });
 * });
 * ```
 * @module
 */
import type { ZoomCobrowseCustomerSDK } from '@cobrowse-kit/core';
import { npmServerUrl } from '../internal/server-url';
import { createRecorder } from '../mirror/record';
import { createCustomerSdk } from './session';

export type {
  ZoomCobrowseCustomerSDK,
  ZoomCustomerEventMap,
  ZoomCustomerInitResult,
  ZoomCustomerSession,
  ZoomCustomerSettings,
  ZoomErrorPayload,
  ZoomPiiMaskSettings,
  ZoomSessionInfo,
  ZoomSessionStatus,
} from '@cobrowse-kit/core';

/**
 * The customer SDK: `init(settings, callback)` hands you the session to `start`, `join` (after a
 * reload), `end` and listen to.
 *
 * @example
 * ```ts
 * ZoomCobrowseSDK.init({ piiMask: { maskType: 'custom_input', maskCssSelectors: '.card' } }, ({ session }) => {
 *   session.start({ customPinCode: 'AB12', sdkToken });
 * });
 * ```
 */
export const ZoomCobrowseSDK: ZoomCobrowseCustomerSDK = createCustomerSdk({
  requirePin: true,
  serverUrl: npmServerUrl,
  createRecorder,
});
