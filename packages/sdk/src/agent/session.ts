/**
 * The agent SDK's state machine, independent of packaging and of rrweb (the mirror is injected).
 */
import {
  type ZoomAgentEventMap,
  type ZoomAgentInitResult,
  type ZoomAgentSession,
  type ZoomAgentSettings,
  type ZoomCobrowseAgentSDK,
  type ZoomErrorPayload,
  validatePin,
} from '@cobrowse-kit/core';
import { ACTIVE, BaseSession } from '../internal/base-session';
import { ZoomCodes, zoomError } from '../internal/errors';
import {
  Link,
  type LinkEnd,
  type LinkTiming,
  type WebSocketFactory,
  type WelcomeFrame,
} from '../internal/link';
import { RECOVERY_KEYS } from '../internal/recovery';
import { toHttpUrl, toWebSocketUrl } from '../internal/server-url';
import { tokenProblem } from '../internal/token';
import type { Mirror, MirrorFactory } from '../mirror/types';

import { version } from '../../package.json';

/**
 * The sdk's version (its package version), reported in `sdkInfo`.
 *
 * @example
 * ```ts
 * init(settings, ({ sdkInfo }) => console.log(sdkInfo?.version === SDK_VERSION)); // true
 * ```
 */
export const SDK_VERSION: string = version;

/**
 * The path the relay serves viewer URLs on (docs/engine.md).
 *
 * @example
 * ```ts
 * fetch(`${serverUrl}${VIEWER_URL_PATH}`, { method: 'POST', body });
 * ```
 */
export const VIEWER_URL_PATH = '/cobrowse/viewer-url';

/** Prefix of the relay's viewer tickets, accepted in place of an agent JWT. */
const TICKET_PREFIX = 'cbk_vt_';

/** Everything the agent SDK depends on. */
export interface AgentDeps {
  serverUrl(settings: ZoomAgentSettings): string;
  createMirror: MirrorFactory;
  connect?: WebSocketFactory;
  storage?: Storage | undefined;
  fetch?: typeof fetch;
  timing?: LinkTiming;
}

type AgentEvents = ZoomAgentEventMap & {
  customer_reconnecting: Record<string, never>;
  session_reconnecting: Record<string, never>;
  session_reconnected: Record<string, never>;
  agent_joined: { userId: string; userName: string; agentCount: number };
  agent_left: { userId: string; userName: string; agentCount: number };
};

type ViewerUrlCallback = Parameters<ZoomAgentSession['createAgentViewerEndpoint']>[1];

class AgentSession extends BaseSession<AgentEvents, ZoomAgentSettings> implements ZoomAgentSession {
  private readonly deps: AgentDeps;
  private link: Link | undefined;
  private mirror: Mirror | undefined;
  private mount: HTMLElement | undefined;
  private customerAway = false;
  private onPageHide = () => {
    if (this.status === 'session_started') this.store.touch(this.graceMs);
  };

  constructor(deps: AgentDeps) {
    super(deps, RECOVERY_KEYS.agent);
    this.deps = deps;
  }

  join(options?: { sdkToken: string; pinCode: string }) {
    if (ACTIVE.includes(this.status)) {
      return this.error(ZoomCodes.CONNECTING, 'Already joining or in a session: leave() first.');
    }
    const mount = resolveMount(this.settings.zoomAppRoot);
    if (!mount) {
      return this.error(
        ZoomCodes.JOIN_FAILED,
        'zoomAppRoot is missing: pass the element to render the live view into to init({ zoomAppRoot }).',
      );
    }
    let hello: Parameters<Link['start']>[0];
    if (options === undefined) {
      const rec = this.store.load();
      if (!rec) {
        if (this.status === 'session_recoverable') this.status = 'session_not_started';
        return this.error(
          ZoomCodes.JOIN_FAILED,
          'There is no session to recover in this tab: call join({ sdkToken, pinCode }).',
        );
      }
      hello = { t: 'hello', role: 'agent', action: 'resume', ...pick(rec) };
    } else {
      const checked = checkJoin(options);
      if ('error' in checked) return this.events.emit('session_error', checked.error);
      this.store.clear();
      this.pin = checked.pin;
      this.sessionId = undefined;
      hello = { t: 'hello', role: 'agent', action: 'join', token: checked.token, pin: checked.pin };
    }
    let url: string;
    try {
      url = toWebSocketUrl(this.deps.serverUrl(this.settings), globalThis.location?.href);
    } catch (e) {
      return this.error(ZoomCodes.JOIN_FAILED, `Invalid serverUrl: ${(e as Error).message}`);
    }
    this.mount = mount;
    this.customerAway = false;
    this.status = 'session_connecting';
    const link = new Link({
      url,
      connect: this.deps.connect,
      timing: this.deps.timing,
      resumeHello: (creds) => ({ t: 'hello', role: 'agent', action: 'resume', ...creds }),
      onWelcome: (f, resumed) => this.welcome(f, resumed),
      onFrame: (f) => {
        switch (f.t) {
          case 'events':
            this.view(f.events, f.reset === true);
            break;
          case 'customer_status':
            // The relay also says 'connected' when an agent arrives: only a return is news.
            if (f.status === 'reconnecting' && !this.customerAway) {
              this.customerAway = true;
              this.events.emit('customer_reconnecting', {});
            } else if (f.status === 'connected' && this.customerAway) {
              this.customerAway = false;
              this.events.emit('customer_reconnected', {});
            }
            break;
          case 'agent_joined':
          case 'agent_left':
            this.events.emit(f.t, { ...f.agent, agentCount: f.agentCount });
            break;
          case 'session_ended':
            this.link?.close();
            this.finish('session_ended', f.reason || 'ended');
            break;
        }
      },
      onError: (error) => this.events.emit('session_error', error),
      onReconnecting: () => this.events.emit('session_reconnecting', {}),
      onHeartbeat: this.onPageHide,
      onEnd: (end) => this.linkEnded(end),
    });
    this.link = link;
    link.start(hello);
  }

  leave() {
    if (this.status === 'session_recoverable') {
      this.store.clear();
      this.status = 'session_not_started';
      return;
    }
    if (!ACTIVE.includes(this.status)) return;
    this.link?.close({ t: 'leave' });
    this.finish('session_left', 'agent_left');
  }

  end() {
    if (!ACTIVE.includes(this.status)) return;
    this.link?.close({ t: 'end' });
    this.finish('session_ended', 'agent_ended');
  }

  createAgentViewerEndpoint(
    options: { pinCode: string; sdkToken: string },
    callback: ViewerUrlCallback,
  ) {
    const reply = (r: Parameters<ViewerUrlCallback>[0]) => {
      if (typeof callback === 'function') callback(r);
    };
    const checked = checkJoin(options ?? ({} as typeof options));
    if ('error' in checked)
      return void setTimeout(() => reply({ success: false, error: checked.error }));
    let endpoint: string;
    try {
      endpoint = toHttpUrl(
        this.deps.serverUrl(this.settings),
        VIEWER_URL_PATH,
        globalThis.location?.href,
      );
    } catch (e) {
      return void setTimeout(() =>
        reply({
          success: false,
          error: zoomError(ZoomCodes.START_FAILED, `Invalid serverUrl: ${(e as Error).message}`),
        }),
      );
    }
    void requestViewerUrl(
      this.deps.fetch ?? globalThis.fetch,
      endpoint,
      checked.pin,
      checked.token,
    ).then(reply);
  }

  private welcome(f: WelcomeFrame, resumed: boolean) {
    const first = this.status === 'session_connecting';
    this.sessionId = f.sessionId;
    this.pin = f.pin;
    this.graceMs = f.graceMs;
    this.store.save({
      sessionId: f.sessionId,
      resumeToken: f.resumeToken,
      pin: f.pin,
      expiresAt: Date.now() + f.graceMs,
    });
    this.status = 'session_started';
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    if (first) this.events.emit('session_joined', { pinCode: f.pin, sessionId: f.sessionId });
    else if (resumed) this.events.emit('session_reconnected', {});
  }

  private view(events: Parameters<Mirror['apply']>[0], reset: boolean) {
    if (!this.mount) return;
    try {
      this.mirror ??= this.deps.createMirror(this.mount);
      this.mirror.apply(events, { reset });
    } catch (e) {
      // A replay error must not end the session: the next full snapshot rebuilds the view.
      console.warn('[cobrowse-kit] could not apply events to the live view', e);
    }
  }

  private linkEnded(end: LinkEnd) {
    this.link = undefined;
    if (end.kind === 'failed') {
      const wasStarted = this.status === 'session_started';
      const resuming = !wasStarted && this.store.load() !== undefined;
      this.events.emit('session_error', end.error);
      if (wasStarted || end.welcomed) {
        return this.finish(
          'session_ended',
          end.error.errorCode === ZoomCodes.NETWORK ? 'network' : 'error',
        );
      }
      if (resuming && end.error.errorCode !== ZoomCodes.NETWORK) this.store.clear();
      this.status = this.store.load() ? 'session_recoverable' : 'session_not_started';
      return;
    }
    if (end.kind === 'replaced') {
      this.teardown();
      this.status = 'session_left';
      this.events.emit('session_left', { reason: 'replaced' });
      return;
    }
    this.finish('session_ended', end.reason);
  }

  private teardown() {
    this.mirror?.destroy();
    this.mirror = undefined;
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
  }

  private finish(event: 'session_ended' | 'session_left', reason: string) {
    if (this.status === 'session_ended' || this.status === 'session_left') return;
    this.link?.close();
    this.link = undefined;
    this.teardown();
    this.store.clear();
    this.status = event;
    this.events.emit(event, { reason });
  }

  private error(errorCode: number, errorMsg: string) {
    this.events.emit('session_error', zoomError(errorCode, errorMsg));
  }
}

const pick = (r: { sessionId: string; resumeToken: string }) => ({
  sessionId: r.sessionId,
  resumeToken: r.resumeToken,
});

function resolveMount(root: unknown): HTMLElement | undefined {
  if (typeof root === 'string' && typeof document !== 'undefined') {
    return (document.querySelector(root) as HTMLElement | null) ?? undefined;
  }
  if (root && typeof root === 'object' && (root as Node).nodeType === 1) return root as HTMLElement;
  return undefined;
}

/** Validates the PIN and token an agent joins with. */
function checkJoin(options: {
  pinCode?: unknown;
  sdkToken?: unknown;
}): { pin: string; token: string } | { error: ZoomErrorPayload } {
  const { pinCode, sdkToken } = options;
  if (pinCode === undefined || pinCode === null || pinCode === '') {
    return {
      error: zoomError(
        ZoomCodes.PIN_REQUIRED,
        'pinCode is required: enter the PIN the customer sees.',
      ),
    };
  }
  const v = validatePin(pinCode);
  if (!v.ok) return { error: zoomError(ZoomCodes.PIN_FORMAT, v.message) };
  if (typeof sdkToken !== 'string' || !sdkToken.trim()) {
    return {
      error: zoomError(
        ZoomCodes.TOKEN_INVALID,
        'sdkToken is required: pass the agent JWT minted by your backend.',
      ),
    };
  }
  // Viewer tickets are opaque; only JWTs can be checked here.
  const problem = sdkToken.startsWith(TICKET_PREFIX)
    ? undefined
    : tokenProblem(sdkToken, 'agent', false);
  if (problem) return { error: zoomError(ZoomCodes.TOKEN_INVALID, problem.message) };
  return { pin: v.pin, token: sdkToken };
}

/** POSTs `{ pinCode, sdkToken, hostOrigin }` and turns the answer into Zoom's callback shape. */
async function requestViewerUrl(
  fetchFn: typeof fetch,
  endpoint: string,
  pinCode: string,
  sdkToken: string,
): Promise<Parameters<ViewerUrlCallback>[0]> {
  let res: Response;
  try {
    res = await fetchFn(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // hostOrigin lets the relay bind the ticket to this page: the viewer may then only be
      // framed by it, and it knows whom to talk to.
      body: JSON.stringify({ pinCode, sdkToken, ...hostOriginField() }),
      credentials: 'omit',
    });
  } catch (e) {
    return {
      success: false,
      error: zoomError(ZoomCodes.NETWORK, `Could not reach ${endpoint}: ${String(e)}`),
    };
  }
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {}
  if (res.ok && typeof body.agentViewerUrl === 'string') {
    return { success: true, agentViewerUrl: withHostOrigin(body.agentViewerUrl) };
  }
  const err = (typeof body.error === 'object' && body.error ? body.error : body) as Record<
    string,
    unknown
  >;
  if (typeof err.errorCode === 'number') {
    return {
      success: false,
      error: zoomError(
        err.errorCode,
        typeof err.errorMsg === 'string' ? err.errorMsg : `HTTP ${res.status}`,
      ),
    };
  }
  const code =
    res.status === 401 || res.status === 403
      ? ZoomCodes.TOKEN_INVALID
      : res.status === 404
        ? ZoomCodes.PIN_NOT_FOUND
        : ZoomCodes.START_FAILED;
  return {
    success: false,
    error: zoomError(code, `Creating the viewer URL failed (HTTP ${res.status}).`),
  };
}

/** `{ hostOrigin }` for this page, when it has a real origin. */
function hostOriginField(): { hostOrigin?: string } {
  const origin = globalThis.location?.origin;
  return origin && origin !== 'null' ? { hostOrigin: origin } : {};
}

/**
 * Adds `hostOrigin` (this page's origin) so the viewer knows which window it may talk to, when
 * the relay did not already put it in the URL.
 *
 * @example
 * ```ts
 * withHostOrigin('https://relay/cobrowse/viewer?pin=AB12&ticket=t'); // …&hostOrigin=https%3A%2F%2Fagent.example.com
 * ```
 */
export function withHostOrigin(viewerUrl: string): string {
  const origin = globalThis.location?.origin;
  if (!origin || origin === 'null') return viewerUrl;
  try {
    const u = new URL(viewerUrl);
    if (!u.searchParams.has('hostOrigin')) u.searchParams.set('hostOrigin', origin);
    return u.toString();
  } catch {
    return viewerUrl;
  }
}

/**
 * Builds an agent SDK object (`ZoomCobrowseAgentSDK`) over the given dependencies.
 *
 * @example
 * ```ts
 * const sdk = createAgentSdk({ serverUrl: () => location.origin, createMirror });
 * sdk.init({ zoomAppRoot: el }, ({ session }) => session.join({ sdkToken, pinCode: 'AB12' }));
 * ```
 */
export function createAgentSdk(deps: AgentDeps): ZoomCobrowseAgentSDK {
  let session: AgentSession | undefined;
  return {
    init(settings, callback) {
      session ??= new AgentSession(deps);
      const s = session;
      const ok = typeof window !== 'undefined' && typeof document !== 'undefined';
      if (ok) s.configure(settings && typeof settings === 'object' ? settings : {});
      const result: ZoomAgentInitResult = ok
        ? {
            success: true,
            session: s,
            sdkInfo: { version: SDK_VERSION, name: 'cobrowse-kit' },
            error: null,
          }
        : {
            success: false,
            session: s,
            sdkInfo: { version: SDK_VERSION, name: 'cobrowse-kit' },
            error: zoomError(ZoomCodes.START_FAILED, 'The agent SDK runs in a browser page only.'),
          };
      setTimeout(() => {
        if (typeof callback === 'function') callback(result);
      }, 0);
    },
  };
}
