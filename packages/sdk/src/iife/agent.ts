/**
 * The agent CDN bundle (`dist/iife/agent.js`): installs `window.ZoomCobrowseAgentSDK` and replays
 * an `init` the snippet parked.
 */
import { installAgentGlobal } from './agent-global';

installAgentGlobal();
