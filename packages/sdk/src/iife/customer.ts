/**
 * The customer CDN bundle (`dist/iife/customer.js`): installs `window.ZoomCobrowseSDK` and replays
 * an `init` the snippet parked. Unlike the npm entry, a custom PIN is optional (the relay
 * generates one), as with Zoom's CDN SDK.
 */
import { createCustomerSdk } from '../customer/session';
import { createRecorder } from '../mirror/record';
import { installGlobal } from './install';
import { bakedPublicUrl, currentScriptOrigin, iifeServerUrl } from './public-url';

installGlobal(
  globalThis as unknown as Record<string, unknown>,
  'ZoomCobrowseSDK',
  'ZoomCobrowseSDKInitArgs',
  createCustomerSdk({
    requirePin: false,
    serverUrl: iifeServerUrl(bakedPublicUrl(), currentScriptOrigin()),
    createRecorder,
  }),
);
