/**
 * `@cobrowse-kit/sdk/agent`: the Zoom-compatible agent SDK for npm installs. It renders the
 * customer's page live into `zoomAppRoot` and connects to `settings.serverUrl`, by default the
 * page's own origin.
 *
 * @example
 * ```ts
 * import { ZoomCobrowseAgentSDK } from '@cobrowse-kit/sdk/agent';
 * ZoomCobrowseAgentSDK.init({ zoomAppRoot: document.getElementById('view') }, ({ success, session }) => {
 *   if (!success) return;
 *   if (session.getSessionInfo().sessionStatus === 'session_recoverable') session.join();
 *   else session.join({ sdkToken: agentJwt, pinCode: 'AB12' });
 * });
 * ```
 * @module
 */
import type { ZoomCobrowseAgentSDK as AgentSdk } from '@cobrowse-kit/core';
import { npmServerUrl } from '../internal/server-url';
import { createMirror } from '../mirror/replay';
import { createAgentSdk } from './session';

export type {
  ZoomAgentEventMap,
  ZoomAgentInitResult,
  ZoomAgentSession,
  ZoomAgentSettings,
  ZoomErrorPayload,
  ZoomSessionInfo,
  ZoomSessionStatus,
} from '@cobrowse-kit/core';
export { SDK_VERSION } from './session';

/**
 * The agent SDK: `init({ zoomAppRoot }, callback)` hands you the session to `join` by PIN, `leave`,
 * `end`, listen to, or turn into a viewer URL with `createAgentViewerEndpoint`.
 *
 * @example
 * ```ts
 * ZoomCobrowseAgentSDK.init({ zoomAppRoot: el }, ({ session }) => {
 *   session.createAgentViewerEndpoint({ pinCode: 'AB12', sdkToken }, ({ success, agentViewerUrl }) => {
 *     if (success) window.open(agentViewerUrl);
 *   });
 * });
 * ```
 */
export const ZoomCobrowseAgentSDK: AgentSdk = createAgentSdk({
  serverUrl: npmServerUrl,
  createMirror,
});
