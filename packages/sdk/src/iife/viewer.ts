/**
 * The viewer bundle (`dist/iife/viewer.js`) for the relay's agent viewer page: the agent SDK
 * (installed as `window.ZoomCobrowseAgentSDK`, as the agent bundle does) plus the window-messaging
 * glue.
 */
import { startViewer } from '../viewer/index';
import { installAgentGlobal } from './agent-global';

const sdk = installAgentGlobal();
const run = () => startViewer({ sdk });
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', run, { once: true });
else run();
