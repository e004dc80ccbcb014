/**
 * A typed, origin-checked postMessage channel between the agent's host page and the agent viewer
 * in a popup (`window.opener`) or an iframe (`contentWindow` / `parent`): handshake, explicit
 * origin allow-list (never `'*'`), events, requests with ids and timeouts, close.
 *
 * @example
 * ```ts
 * import { openViewerPopup } from '@cobrowse-kit/core';
 * button.onclick = () => {
 *   const { channel } = openViewerPopup(agentViewerUrl);
 *   channel.on('status', ({ status }) => console.log(status));
 * };
 * ```
 * @module
 */
export {
  type ChannelRole,
  type EventName,
  type MessageMap,
  type NoMessages,
  type RequestName,
  type RequestOptions,
  type RequestPayload,
  type RequestResult,
  type WindowChannel,
  type WindowChannelOptions,
  createWindowChannel,
} from './channel';
export {
  type ConnectOptions,
  type OpenViewerPopupOptions,
  type ViewerProtocol,
  VIEWER_CHANNEL,
  connectToHost,
  connectToIframe,
  connectToPopup,
  openViewerPopup,
} from './windows';
