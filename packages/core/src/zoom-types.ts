/**
 * TypeScript types for the Zoom Cobrowse SDK surface (customer and agent), as documented by Zoom
 * and implemented by `@cobrowse-kit/sdk`. Integrators of Zoom's hosted SDK can use these types
 * directly; core's session runtime accepts any object of this shape.
 *
 * @example
 * ```ts
 * import type { ZoomCobrowseCustomerSDK } from '@cobrowse-kit/core';
 * declare const ZoomCobrowseSDK: ZoomCobrowseCustomerSDK;
 * ZoomCobrowseSDK.init({ piiMask: { maskType: 'custom_input', maskCssSelectors: '.card' } }, ({ success, session }) => {
 *   if (success) session.start({ customPinCode: 'AB12', sdkToken: token });
 * });
 * ```
 * @module
 */

/** Session status as reported by `session.getSessionInfo().sessionStatus`. */
export type ZoomSessionStatus =
  | 'session_not_started'
  | 'session_connecting'
  | 'session_pending'
  | 'session_started'
  | 'session_ended'
  | 'session_recoverable'
  | (string & {});

/** The `{ errorCode, errorMsg }` payload of `session_error` and of failed callbacks. */
export interface ZoomErrorPayload {
  errorCode: number;
  errorMsg: string;
}

/** PII masking settings. `'custom_input'` masks inputs matching `maskCssSelectors`; `'all_input'` every input. */
export interface ZoomPiiMaskSettings {
  maskType?: 'custom_input' | 'all_input' | (string & {});
  /** Comma-separated CSS selectors (for `'custom_input'`). */
  maskCssSelectors?: string;
  /** Selectors whose text content is masked too (cobrowse-kit extension; honoured by our SDK). */
  maskTextSelectors?: string;
  /**
   * Private by default (cobrowse-kit extension): mask all text and inputs except elements matching
   * `allowCssSelectors`.
   */
  privateByDefault?: boolean;
  /** With `privateByDefault`: selectors whose content stays visible. */
  allowCssSelectors?: string;
}

/** Remote assist settings. */
export interface ZoomRemoteAssistSettings {
  enable?: boolean;
  enableCustomerConsent?: boolean;
  remoteAssistTypes?: Array<'scroll_page' | (string & {})>;
}

/** Settings for `ZoomCobrowseSDK.init`. Unknown keys are passed through untouched. */
export interface ZoomCustomerSettings {
  /** SDK key (npm installs). */
  appKey?: string;
  allowAgentAnnotation?: boolean;
  allowCustomerAnnotation?: boolean;
  piiMask?: ZoomPiiMaskSettings;
  remoteAssist?: ZoomRemoteAssistSettings;
  multiTabSessionPersistence?: { enable?: boolean; stateCookieKey?: string };
  /** cobrowse-kit extension: where our SDK connects (defaults to the origin that served it). */
  serverUrl?: string;
  /** cobrowse-kit extension: how long a reloaded page may resume the session (ms, default 120000). */
  recoveryGraceMs?: number;
  [key: string]: unknown;
}

/** Settings for `ZoomCobrowseAgentSDK.init`. */
export interface ZoomAgentSettings {
  appKey?: string;
  /** The DOM element the live view renders into. */
  zoomAppRoot?: HTMLElement | null;
  /** cobrowse-kit extension: where our SDK connects (defaults to the origin that served it). */
  serverUrl?: string;
  [key: string]: unknown;
}

/** Payloads of customer events. */
export interface ZoomCustomerEventMap {
  pincode_updated: { pinCode: string; pincode: string };
  session_started: { sessionId?: string; pinCode?: string };
  agent_joined: { userId?: string; userName?: string; agentCount?: number };
  agent_left: { userId?: string; userName?: string; agentCount?: number };
  session_ended: { reason?: string };
  session_error: ZoomErrorPayload;
  session_recoverable: { pinCode?: string };
  [event: string]: unknown;
}

/** Payloads of agent events. */
export interface ZoomAgentEventMap {
  session_joined: { pinCode?: string; sessionId?: string };
  session_left: { reason?: string };
  session_ended: { reason?: string };
  session_error: ZoomErrorPayload;
  customer_reconnected: Record<string, never>;
  [event: string]: unknown;
}

/** What `getSessionInfo()` returns. */
export interface ZoomSessionInfo {
  sessionStatus: ZoomSessionStatus;
  pinCode?: string;
  sessionId?: string;
  [key: string]: unknown;
}

/** Event subscription surface shared by both sessions. */
export interface ZoomEventEmitter<M> {
  on<K extends keyof M & string>(event: K, handler: (payload: M[K]) => void): void;
  off<K extends keyof M & string>(event: K, handler: (payload: M[K]) => void): void;
}

/** The customer `session` object handed to the `init` callback. */
export interface ZoomCustomerSession extends ZoomEventEmitter<ZoomCustomerEventMap> {
  start(options: { sdkToken: string; customPinCode?: string }): void;
  /** Resume after a reload, when `sessionStatus === 'session_recoverable'`. */
  join(): void;
  end(): void;
  getSessionInfo(): ZoomSessionInfo;
}

/** The agent `session` object handed to the `init` callback. */
export interface ZoomAgentSession extends ZoomEventEmitter<ZoomAgentEventMap> {
  join(options?: { sdkToken: string; pinCode: string }): void;
  leave(): void;
  end?(): void;
  getSessionInfo(): ZoomSessionInfo;
  createAgentViewerEndpoint(
    options: { pinCode: string; sdkToken: string },
    callback: (result: {
      success: boolean;
      agentViewerUrl?: string;
      error?: ZoomErrorPayload;
    }) => void,
  ): void;
}

/** Result of the customer `init` callback. */
export interface ZoomCustomerInitResult {
  success: boolean;
  session: ZoomCustomerSession;
  error?: ZoomErrorPayload | null;
}

/** Result of the agent `init` callback. */
export interface ZoomAgentInitResult {
  success: boolean;
  session: ZoomAgentSession;
  sdkInfo?: { version?: string; [key: string]: unknown };
  error?: ZoomErrorPayload | null;
}

/** `window.ZoomCobrowseSDK` / the `ZoomCobrowseSDK` npm export. */
export interface ZoomCobrowseCustomerSDK {
  init(settings: ZoomCustomerSettings, callback: (result: ZoomCustomerInitResult) => void): void;
}

/** `window.ZoomCobrowseAgentSDK` / the `ZoomCobrowseAgentSDK` npm export. */
export interface ZoomCobrowseAgentSDK {
  init(settings: ZoomAgentSettings, callback: (result: ZoomAgentInitResult) => void): void;
}

/** Globals the CDN snippet and bundles install. */
export interface ZoomCobrowseGlobals {
  ZoomCobrowseSDK?: ZoomCobrowseCustomerSDK;
  ZoomCobrowseSDKInitArgs?: ArrayLike<unknown>;
  ZoomCobrowseAgentSDK?: ZoomCobrowseAgentSDK;
  ZoomCobrowseAgentSDKInitArgs?: ArrayLike<unknown>;
}
