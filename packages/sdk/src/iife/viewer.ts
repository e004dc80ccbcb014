/**
 * The viewer bundle (`dist/iife/viewer.js`) for the relay's agent viewer page: the agent SDK plus
 * the window-messaging glue. Also installs `window.ZoomCobrowseAgentSDK` for pages that want it.
 */
import { createAgentSdk } from '../agent/session';
import { createMirror } from '../mirror/replay';
import { startViewer } from '../viewer/index';
import { installGlobal } from './install';
import { bakedPublicUrl, currentScriptOrigin, iifeServerUrl } from './public-url';

const sdk = installGlobal(
  globalThis as unknown as Record<string, unknown>,
  'ZoomCobrowseAgentSDK',
  'ZoomCobrowseAgentSDKInitArgs',
  createAgentSdk({
    serverUrl: iifeServerUrl(bakedPublicUrl(), currentScriptOrigin()),
    createMirror,
  }),
);

const run = () => startViewer({ sdk });
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', run, { once: true });
else run();
