import type { ZoomCobrowseAgentSDK } from '@cobrowse-kit/core';
import { createAgentSdk } from '../agent/session';
import { createMirror } from '../mirror/replay';
import { installGlobal } from './install';
import { bakedPublicUrl, currentScriptOrigin, iifeServerUrl } from './public-url';

/**
 * Installs `window.ZoomCobrowseAgentSDK` (replaying an `init` the snippet parked) and returns it;
 * shared by the agent and viewer bundles, which must not export anything themselves (an IIFE with
 * exports is emitted in a CommonJS-like shape).
 *
 * @example
 * ```ts
 * const sdk = installAgentGlobal();
 * ```
 */
export function installAgentGlobal(): ZoomCobrowseAgentSDK {
  return installGlobal(
    globalThis as unknown as Record<string, unknown>,
    'ZoomCobrowseAgentSDK',
    'ZoomCobrowseAgentSDKInitArgs',
    createAgentSdk({
      serverUrl: iifeServerUrl(bakedPublicUrl(), currentScriptOrigin()),
      createMirror,
    }),
  );
}
