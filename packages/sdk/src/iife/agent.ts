/**
 * The agent CDN bundle (`dist/iife/agent.js`): installs `window.ZoomCobrowseAgentSDK` and replays
 * an `init` the snippet parked.
 */
import { createAgentSdk } from '../agent/session';
import { createMirror } from '../mirror/replay';
import { installGlobal } from './install';
import { bakedPublicUrl, currentScriptOrigin, iifeServerUrl } from './public-url';

/** The installed agent SDK (the viewer bundle builds on it). */
export const agentSdk = installGlobal(
  globalThis as unknown as Record<string, unknown>,
  'ZoomCobrowseAgentSDK',
  'ZoomCobrowseAgentSDKInitArgs',
  createAgentSdk({
    serverUrl: iifeServerUrl(bakedPublicUrl(), currentScriptOrigin()),
    createMirror,
  }),
);
