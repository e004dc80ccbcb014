/**
 * The viewer bundle (`dist/iife/viewer.js`) for the relay's agent viewer page: the agent bundle
 * (which installs `window.ZoomCobrowseAgentSDK`) plus the window-messaging glue.
 */
import { startViewer } from '../viewer/index';
import { agentSdk } from './agent';

const run = () => startViewer({ sdk: agentSdk });
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', run, { once: true });
else run();
