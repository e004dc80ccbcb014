/**
 * The agent viewer page's glue (the relay serves the page behind `agentViewerUrl`; it loads the
 * `viewer` bundle): reads `pin`, `ticket` and `hostOrigin` from the URL, renders the live view into
 * `#cobrowse-kit-viewer`, and, when a host page opened or embeds it and named its origin, talks to
 * that page over core's window channel (`status` / `error` / `ended` events, `leave` request).
 *
 * @example
 * ```ts
 * import { startViewer } from '@cobrowse-kit/sdk/viewer'; // bundled as dist/iife/viewer.js
 * startViewer({ sdk: createAgentSdk({ serverUrl: () => location.origin, createMirror }) });
 * ```
 * @module
 */
import {
  type NoMessages,
  VIEWER_CHANNEL,
  type ViewerProtocol,
  type WindowChannel,
  ZOOM_ERROR_CODES,
  type ZoomAgentSession,
  type ZoomCobrowseAgentSDK,
  connectToHost,
} from '@cobrowse-kit/core';

/**
 * The id of the element the viewer renders into (created when the page lacks it).
 *
 * @example
 * ```html
 * <div id="cobrowse-kit-viewer"></div>
 * ```
 */
export const VIEWER_MOUNT_ID = 'cobrowse-kit-viewer';

/** Options of {@link startViewer}. */
export interface ViewerOptions {
  /** The agent SDK to drive. */
  sdk: ZoomCobrowseAgentSDK;
  /** The viewer's window. Default `window`. */
  window?: Window;
  /** Connects to the host page; default core's `connectToHost`. */
  connect?: typeof connectToHost;
}

/** What {@link startViewer} returns. */
export interface ViewerHandle {
  /** The channel to the host page, when there is one. */
  readonly host: WindowChannel<ViewerProtocol, NoMessages> | undefined;
  /** Resolves with the agent session once `init` called back. */
  readonly session: Promise<ZoomAgentSession>;
}

/** Statuses the viewer reports to its host in `status` events. */
export type ViewerStatus =
  | 'joining'
  | 'in_session'
  | 'reconnecting'
  | 'customer_reconnecting'
  | 'left'
  | 'ended'
  | 'error';

function mountIn(doc: Document): { mount: HTMLElement; status: HTMLElement } {
  let mount = doc.getElementById(VIEWER_MOUNT_ID);
  if (!mount) {
    mount = doc.createElement('div');
    mount.id = VIEWER_MOUNT_ID;
    doc.body.appendChild(mount);
  }
  // Full window: the live view scales itself to whatever the mount measures.
  Object.assign(mount.style, {
    position: 'fixed',
    inset: '0',
    overflow: 'hidden',
    background: '#f4f4f5',
  });
  const status = doc.createElement('div');
  status.setAttribute('role', 'status');
  Object.assign(status.style, {
    position: 'absolute',
    left: '50%',
    top: '50%',
    transform: 'translate(-50%, -50%)',
    font: '14px system-ui, sans-serif',
    color: '#3f3f46',
    zIndex: '1',
    pointerEvents: 'none',
  });
  mount.appendChild(status);
  return { mount, status };
}

/**
 * Starts the viewer: joins with the URL's `pin` and `ticket` (or resumes after a reload), renders
 * into `#cobrowse-kit-viewer`, and reports to the host page named by `hostOrigin`.
 *
 * @example
 * ```ts
 * const { host } = startViewer({ sdk });
 * ```
 */
export function startViewer(options: ViewerOptions): ViewerHandle {
  const win = options.window ?? window;
  const doc = win.document;
  const params = new URLSearchParams(win.location.search);
  const pin = params.get('pin') ?? '';
  const ticket = params.get('ticket') ?? '';
  const hostOrigin = params.get('hostOrigin');
  const { mount, status: statusEl } = mountIn(doc);

  let host: WindowChannel<ViewerProtocol, NoMessages> | undefined;
  const hasHost = !!win.opener || win.parent !== win;
  if (hostOrigin && hasHost) {
    try {
      host = (options.connect ?? connectToHost)<ViewerProtocol, NoMessages>({
        targetOrigin: hostOrigin,
        channel: VIEWER_CHANNEL,
        self: win,
      });
      // A host that never answers must not surface as an unhandled rejection.
      host.ready.catch(() => {});
    } catch (e) {
      console.warn('[cobrowse-kit] viewer: cannot talk to the host page', e);
    }
  }
  const send = <K extends 'status' | 'error' | 'ended'>(
    type: K,
    ...payload: [ViewerProtocol[K]]
  ) => {
    try {
      (host?.emit as ((t: K, p: ViewerProtocol[K]) => void) | undefined)?.(type, payload[0]);
    } catch {}
  };
  const show = (text: string) => {
    statusEl.textContent = text;
    statusEl.hidden = !text;
  };
  const status = (s: ViewerStatus, text: string, pinCode?: string) => {
    show(text);
    send('status', pinCode ? { status: s, pin: pinCode } : { status: s });
  };

  const session = new Promise<ZoomAgentSession>((resolve) => {
    options.sdk.init({ zoomAppRoot: mount }, ({ success, session: s, error }) => {
      resolve(s);
      if (!success) {
        show(error?.errorMsg ?? 'The viewer could not start.');
        send('error', { code: 'SDK_INIT_FAILED', message: error?.errorMsg ?? 'init failed' });
        return;
      }
      let over = false;
      const finish = (s2: 'left' | 'ended', text: string) => {
        if (over) return;
        over = true;
        status(s2, text);
        send('ended', undefined);
      };
      s.on('session_joined', ({ pinCode }) => status('in_session', '', pinCode ?? pin));
      s.on('session_reconnecting', () => status('reconnecting', 'Reconnecting…'));
      s.on('session_reconnected', () => status('in_session', ''));
      s.on('customer_reconnecting', () =>
        status('customer_reconnecting', "Waiting for the customer's page to reconnect…"),
      );
      s.on('customer_reconnected', () => status('in_session', ''));
      s.on('session_left', () => finish('left', 'You left the session.'));
      s.on('session_ended', () => finish('ended', 'The session has ended.'));
      s.on('session_error', ({ errorCode, errorMsg }) => {
        show(errorMsg);
        send('error', { code: ZOOM_ERROR_CODES[errorCode] ?? 'UNKNOWN', message: errorMsg });
      });
      host?.handle('leave', () => s.leave());

      // The ticket in this URL comes first: a stored record may be a copy inherited from the
      // window that opened this one (another viewer's session), and an explicit join starts fresh.
      if (pin && ticket) {
        status('joining', 'Connecting…', pin);
        s.join({ sdkToken: ticket, pinCode: pin });
      } else if (s.getSessionInfo().sessionStatus === 'session_recoverable') {
        status('joining', 'Reconnecting…');
        s.join();
      } else {
        show('This viewer link is incomplete: it needs pin and ticket.');
        send('error', { code: 'JOIN_FAILED', message: 'The viewer URL has no pin or ticket.' });
      }
    });
  });
  return { host, session };
}
