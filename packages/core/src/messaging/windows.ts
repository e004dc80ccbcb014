import { type ErrorCode, err } from '../errors';
import * as M from '../messages';
import {
  type ChannelRole,
  type NoMessages,
  type WindowChannel,
  type WindowChannelOptions,
  checkOrigin,
  createWindowChannel,
} from './channel';

/**
 * The channel name the agent viewer and its host page use by default.
 *
 * @example
 * ```ts
 * connectToHost({ targetOrigin: 'https://agent.example.com', channel: VIEWER_CHANNEL });
 * ```
 */
export const VIEWER_CHANNEL = 'cobrowse-kit:viewer';

/**
 * What the agent viewer provides to its host page: the events `status`, `error` and `ended` it
 * emits, and the request `leave` it handles. The host provides nothing ({@link NoMessages}).
 *
 * @example
 * ```ts
 * const { channel } = openViewerPopup(agentViewerUrl); // WindowChannel<NoMessages, ViewerProtocol>
 * channel.on('status', ({ status, pin }) => render(status, pin));
 * await channel.request('leave');
 * ```
 */
export type ViewerProtocol = {
  status: { status: string; pin?: string };
  error: { code: string; message: string };
  ended: undefined;
  leave: () => void;
};

/** Options shared by the connect helpers: {@link WindowChannelOptions} without the window. */
export type ConnectOptions = Omit<WindowChannelOptions, 'target' | 'channel' | 'role'> & {
  /** Default {@link VIEWER_CHANNEL}. */
  channel?: string;
  /** Default `'initiator'` towards a popup or iframe, `'responder'` towards the host. */
  role?: ChannelRole;
};

/** Options of {@link openViewerPopup}. */
export type OpenViewerPopupOptions = Partial<ConnectOptions> & {
  /** `window.open` target name; reusing a name reuses that popup. Default `'_blank'`. */
  name?: string;
  /** `window.open` features, e.g. `'popup,width=1200,height=800'`; never `noopener`. */
  features?: string;
};

// Every helper: the named error when the window relationship is missing, else the channel.
const connect = <Local extends object, Remote extends object>(
  target: Window | null | undefined,
  options: Partial<ConnectOptions>,
  role: ChannelRole,
  code: ErrorCode,
  message: string,
) => {
  if (!target) throw err(code, message);
  // A missing targetOrigin fails in createWindowChannel, as not an exact origin.
  return createWindowChannel<Local, Remote>({
    role,
    ...options,
    channel: options.channel ?? VIEWER_CHANNEL,
    target,
  } as WindowChannelOptions);
};

/**
 * Opens the agent viewer in a popup and connects to it. Call it from a click handler, or the
 * browser blocks the popup.
 *
 * @param url - The viewer URL (e.g. `agentViewerUrl`); its origin is the default `targetOrigin`.
 * @param options - `name`, `features` and {@link ConnectOptions}.
 * @returns The popup window and the channel to it.
 * @throws CobrowseError `WINDOW_POPUP_BLOCKED` when `window.open` returns null, `WINDOW_NO_OPENER`
 *   when `features` contains `noopener`/`noreferrer`.
 * @example
 * ```ts
 * button.onclick = () => {
 *   const { channel } = openViewerPopup(agentViewerUrl, { features: 'popup,width=1200,height=800' });
 *   channel.on('ended', () => console.log('session ended'));
 * };
 * ```
 */
export function openViewerPopup<
  Local extends object = NoMessages,
  Remote extends object = ViewerProtocol,
>(
  url: string,
  options: OpenViewerPopupOptions = {},
): { window: Window; channel: WindowChannel<Local, Remote> } {
  const { name = '_blank', features, ...rest } = options;
  const self = options.self ?? window;
  // Such a popup can never reach its opener; window.open would also return null and look blocked.
  // (Without features, test() sees "undefined", which matches neither.)
  if (/noopener|noreferrer/i.test(features as string))
    throw err('WINDOW_NO_OPENER', M.WINDOW_NO_OPENER);
  // Validate before opening, so a bad origin never leaves an orphan popup behind.
  const targetOrigin = checkOrigin(rest.targetOrigin ?? new URL(url, self.location.href).origin);
  rest.allowedOrigins?.map(checkOrigin);
  const popup = self.open(url, name, features);
  return {
    window: popup as Window,
    // Throws WINDOW_POPUP_BLOCKED for null; nothing else can throw now.
    channel: connectToPopup<Local, Remote>(popup, { ...rest, targetOrigin }),
  };
}

/**
 * Connects to a popup you opened yourself with `window.open()`.
 *
 * @param popup - What `window.open()` returned (null means it was blocked).
 * @param options - {@link ConnectOptions}; `targetOrigin` is the popup page's origin.
 * @example
 * ```ts
 * const channel = connectToPopup(window.open(agentViewerUrl, 'viewer'), {
 *   targetOrigin: new URL(agentViewerUrl).origin,
 * });
 * ```
 */
export function connectToPopup<
  Local extends object = NoMessages,
  Remote extends object = ViewerProtocol,
>(popup: Window | null, options: ConnectOptions): WindowChannel<Local, Remote> {
  return connect(popup, options, 'initiator', 'WINDOW_POPUP_BLOCKED', M.WINDOW_POPUP_BLOCKED);
}

/**
 * Connects to the viewer page inside an iframe. The iframe must be in the document; the channel
 * waits for the page inside it to load.
 *
 * @param iframe - The iframe showing the viewer.
 * @param options - {@link ConnectOptions}; `targetOrigin` defaults to `new URL(iframe.src).origin`.
 * @throws CobrowseError `WINDOW_IFRAME_UNREACHABLE` when the iframe has no `contentWindow` yet.
 * @example
 * ```ts
 * const iframe = Object.assign(document.createElement('iframe'), { src: agentViewerUrl });
 * document.body.append(iframe);
 * const channel = connectToIframe(iframe);
 * channel.on('status', ({ status }) => console.log(status));
 * ```
 */
export function connectToIframe<
  Local extends object = NoMessages,
  Remote extends object = ViewerProtocol,
>(iframe: HTMLIFrameElement, options: Partial<ConnectOptions> = {}): WindowChannel<Local, Remote> {
  let targetOrigin = options.targetOrigin;
  try {
    targetOrigin ??= new URL(iframe.src).origin;
  } catch {}
  return connect(
    iframe.contentWindow,
    { ...options, targetOrigin },
    'initiator',
    'WINDOW_IFRAME_UNREACHABLE',
    M.WINDOW_IFRAME_UNREACHABLE,
  );
}

/**
 * Connects the viewer page to the page that opened it (`window.opener`) or embeds it
 * (`window.parent`).
 *
 * @param options - {@link ConnectOptions}; `targetOrigin` is the host page's origin.
 * @throws CobrowseError `WINDOW_NO_OPENER` when there is neither (e.g. opened with `noopener`).
 * @example
 * ```ts
 * const host = connectToHost({ targetOrigin: 'https://agent.example.com' });
 * host.handle('leave', () => session.leave());
 * host.emit('status', { status: 'connected', pin: 'AB12' });
 * ```
 */
export function connectToHost<
  Local extends object = ViewerProtocol,
  Remote extends object = NoMessages,
>(options: ConnectOptions): WindowChannel<Local, Remote> {
  const self = options.self ?? window;
  return connect(
    self.opener ?? (self.parent !== self ? self.parent : null),
    options,
    'responder',
    'WINDOW_NO_OPENER',
    M.WINDOW_NO_OPENER,
  );
}
