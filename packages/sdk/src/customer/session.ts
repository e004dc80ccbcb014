/**
 * The customer SDK's state machine, independent of how it is packaged (npm entry or CDN bundle)
 * and of rrweb (the recorder is injected, so tests can fake it).
 */
import {
  type ZoomCobrowseCustomerSDK,
  type ZoomCustomerEventMap,
  type ZoomCustomerInitResult,
  type ZoomCustomerSession,
  type ZoomCustomerSettings,
  type ZoomErrorPayload,
  validatePin,
} from '@cobrowse-kit/core';
import { type WireAgent, MAX_FRAME_BYTES } from '../protocol/index';
import { type Batcher, createBatcher } from '../internal/batcher';
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
import { toWebSocketUrl } from '../internal/server-url';
import { tokenProblem } from '../internal/token';
import type { Recorder, RecorderFactory } from '../mirror/types';

/** Everything the customer SDK depends on; the entries fill it in, tests replace parts. */
export interface CustomerDeps {
  /** The npm entry requires a custom PIN (Zoom: "You must use BYOP if you want to install via npm"). */
  requirePin: boolean;
  /** The relay's base URL for these settings. */
  serverUrl(settings: ZoomCustomerSettings): string;
  createRecorder: RecorderFactory;
  connect?: WebSocketFactory;
  /** Where the recovery record lives. Default `sessionStorage`. */
  storage?: Storage | undefined;
  timing?: LinkTiming;
  /** Batch interval in ms. Default 16. */
  batchMs?: number;
  maxFrameBytes?: number;
  /**
   * Back-pressure: above `highBytes` queued in the socket (default 4 MiB) recorded batches are
   * dropped; once the queue is back under `lowBytes` (default 64 KiB, checked every `pollMs`,
   * default 100) a fresh full snapshot is sent, which the relay takes as the new base.
   */
  backpressure?: { highBytes?: number; lowBytes?: number; pollMs?: number };
}

/** Extra events beyond Zoom's, for UIs that want to show a reconnect. */
type CustomerEvents = ZoomCustomerEventMap & {
  session_reconnecting: Record<string, never>;
  session_reconnected: Record<string, never>;
};

class CustomerSession
  extends BaseSession<CustomerEvents, ZoomCustomerSettings>
  implements ZoomCustomerSession
{
  private readonly deps: CustomerDeps;
  private agents = new Map<string, WireAgent>();
  private link: Link | undefined;
  private recorder: Recorder | undefined;
  private batcher: Batcher | undefined;
  /** Polls the socket while batches are being dropped for back-pressure. */
  private drain: ReturnType<typeof setInterval> | undefined;
  /** Set when `end()` is called on a recoverable session: resume only to end it properly. */
  private endOnWelcome = false;
  private onPageHide = () => this.touch();

  constructor(deps: CustomerDeps) {
    super(deps, RECOVERY_KEYS.customer);
    this.deps = deps;
  }

  start(options: { sdkToken: string; customPinCode?: string }) {
    if (ACTIVE.includes(this.status)) {
      return this.error(
        ZoomCodes.CONNECTING,
        'A session is already starting or running: end() it before starting another.',
      );
    }
    const { sdkToken, customPinCode } = (options ?? {}) as Partial<typeof options>;
    let pin: string | undefined;
    if (customPinCode === undefined || customPinCode === null || customPinCode === '') {
      if (this.deps.requirePin) {
        return this.error(
          ZoomCodes.PIN_REQUIRED,
          'This SDK entry needs a custom PIN: pass customPinCode (with a token that has enable_byop: 1).',
        );
      }
    } else {
      const v = validatePin(customPinCode);
      if (!v.ok) return this.error(ZoomCodes.PIN_FORMAT, v.message);
      pin = v.pin;
    }
    const tokenProblem = checkCustomerToken(sdkToken, pin !== undefined);
    if (tokenProblem) return this.events.emit('session_error', tokenProblem);
    const url = this.wsUrl();
    if (!url) return;
    // Starting afresh abandons any recoverable session of this tab.
    this.store.clear();
    this.pin = undefined;
    this.sessionId = undefined;
    this.connect(url, {
      t: 'hello',
      role: 'customer',
      action: 'start',
      token: sdkToken as string,
      ...(pin === undefined ? {} : { pin }),
    });
  }

  join() {
    if (ACTIVE.includes(this.status)) {
      return this.error(ZoomCodes.CONNECTING, 'The session is already connecting or running.');
    }
    const rec = this.store.load();
    if (this.status !== 'session_recoverable' || !rec) {
      if (this.status === 'session_recoverable') this.status = 'session_not_started';
      return this.error(
        ZoomCodes.START_FAILED,
        'There is no session to recover in this tab (it ended or its grace window passed): call start() instead.',
      );
    }
    const url = this.wsUrl();
    if (!url) return;
    this.connect(url, {
      t: 'hello',
      role: 'customer',
      action: 'resume',
      sessionId: rec.sessionId,
      resumeToken: rec.resumeToken,
    });
  }

  end() {
    if (this.status === 'session_recoverable') {
      // Ending a session that only exists on the relay: resume it, then end it, so agents see it
      // end now rather than after the grace window.
      this.endOnWelcome = true;
      this.join();
      return;
    }
    if (!ACTIVE.includes(this.status)) return;
    this.link?.close({ t: 'end' });
    this.finish('customer_ended');
  }

  private wsUrl(): string | undefined {
    try {
      return toWebSocketUrl(this.deps.serverUrl(this.settings), globalThis.location?.href);
    } catch (e) {
      this.error(ZoomCodes.START_FAILED, `Invalid serverUrl: ${(e as Error).message}`);
      return undefined;
    }
  }

  private connect(url: string, hello: Parameters<Link['start']>[0]) {
    this.status = 'session_connecting';
    const link = new Link({
      url,
      connect: this.deps.connect,
      timing: this.deps.timing,
      resumeHello: (creds) => ({ t: 'hello', role: 'customer', action: 'resume', ...creds }),
      onWelcome: (f, resumed) => this.welcome(f, resumed),
      onFrame: (f) => {
        switch (f.t) {
          case 'agent_joined':
            this.agents.set(f.agent.userId, f.agent);
            this.events.emit('agent_joined', { ...f.agent, agentCount: f.agentCount });
            break;
          case 'agent_left':
            this.agents.delete(f.agent.userId);
            this.events.emit('agent_left', { ...f.agent, agentCount: f.agentCount });
            break;
          case 'snapshot_request':
            // Right after a (re)connect the relay asks while our first full snapshot is still
            // in the batch: serialising the whole page twice would only cost the customer time.
            // While the socket drains, a full snapshot follows the drain anyway.
            if (this.drain || this.batcher?.pendingFull()) break;
            this.batcher?.flush();
            this.recorder?.takeFullSnapshot();
            break;
          case 'session_ended':
            this.link?.close();
            this.finish(f.reason || 'ended');
            break;
        }
      },
      onError: (error) => this.events.emit('session_error', error),
      onReconnecting: () => {
        // Nothing recorded while offline can reach an agent; a full snapshot follows the resume.
        this.stopRecording();
        this.events.emit('session_reconnecting', {});
      },
      onHeartbeat: () => this.touch(),
      onEnd: (end) => this.linkEnded(end),
    });
    this.link = link;
    link.start(hello);
  }

  private welcome(f: WelcomeFrame, resumed: boolean) {
    const first = this.status === 'session_connecting';
    this.sessionId = f.sessionId;
    this.pin = f.pin;
    const limit = this.settings.recoveryGraceMs;
    this.graceMs = typeof limit === 'number' && limit >= 0 ? Math.min(limit, f.graceMs) : f.graceMs;
    this.store.save({
      sessionId: f.sessionId,
      resumeToken: f.resumeToken,
      pin: f.pin,
      expiresAt: Date.now() + this.graceMs,
    });
    if (this.endOnWelcome) {
      this.endOnWelcome = false;
      this.link?.close({ t: 'end' });
      this.finish('customer_ended');
      return;
    }
    this.status = 'session_started';
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    if (first) {
      // Only this PIN is the one to show the customer (the relay normalised it).
      this.events.emit('pincode_updated', { pinCode: f.pin, pincode: f.pin });
      this.events.emit('session_started', { sessionId: f.sessionId, pinCode: f.pin });
    } else if (resumed) {
      this.events.emit('session_reconnected', {});
    }
    this.syncAgents(f.agents);
    this.startRecording();
  }

  private syncAgents(agents: WireAgent[]) {
    const present = new Map(agents.map((a) => [a.userId, a]));
    for (const [id, a] of this.agents) {
      if (!present.has(id)) {
        this.agents.delete(id);
        this.events.emit('agent_left', { ...a, agentCount: this.agents.size });
      }
    }
    for (const [id, a] of present) {
      if (!this.agents.has(id)) {
        this.agents.set(id, a);
        this.events.emit('agent_joined', { ...a, agentCount: this.agents.size });
      }
    }
  }

  private startRecording() {
    this.stopRecording();
    const maxFrameBytes = this.deps.maxFrameBytes ?? MAX_FRAME_BYTES;
    const bp = this.deps.backpressure;
    const buffered = () => this.link?.bufferedAmount ?? 0;
    // Bytes the last full snapshot put in the socket's queue. A page whose snapshot alone is over
    // the high-water mark must not read its own snapshot as congestion: each resync would then
    // cause the next, and no edit would ever get through.
    let fullBytes = 0;
    const batcher = createBatcher({
      send: (batch) => {
        const before = buffered();
        const sent = this.link?.send({ t: 'events', ...batch }) ?? 'not_connected';
        if (batch.full && sent === 'sent') fullBytes = Math.max(0, buffered() - before);
        return sent;
      },
      // A slow uplink: rather than queue ever more increments behind each other, skip them and
      // send one fresh full snapshot once the socket has drained.
      congested: () => !!this.drain || buffered() > (bp?.highBytes ?? 4 * 1024 * 1024) + fullBytes,
      onDropped: () => {
        this.drain ??= setInterval(() => {
          if (buffered() > (bp?.lowBytes ?? 64 * 1024)) return;
          clearInterval(this.drain);
          this.drain = undefined;
          batcher.clear();
          this.recorder?.takeFullSnapshot();
        }, bp?.pollMs ?? 100);
      },
      intervalMs: this.deps.batchMs,
      maxFrameBytes,
      onOversize: (e, bytes) =>
        console.warn(
          `[cobrowse-kit] a recorded event of ${bytes} bytes (type ${e.type}) exceeds the ${maxFrameBytes}-byte frame limit and was not sent.`,
        ),
    });
    this.batcher = batcher;
    try {
      this.recorder = this.deps.createRecorder({
        emit: (e) => batcher.push(e),
        piiMask: this.settings.piiMask,
        onError: (e) => console.warn('[cobrowse-kit] recorder error', e),
      });
    } catch (e) {
      this.error(ZoomCodes.START_FAILED, `Could not start recording the page: ${String(e)}`);
    }
  }

  private stopRecording() {
    clearInterval(this.drain);
    this.drain = undefined;
    this.recorder?.stop();
    this.recorder = undefined;
    this.batcher?.clear();
    this.batcher = undefined;
  }

  private touch() {
    if (this.status === 'session_started') this.store.touch(this.graceMs);
  }

  private linkEnded(end: LinkEnd) {
    this.link = undefined;
    if (end.kind === 'failed') {
      const wasStarted = this.status === 'session_started';
      const resuming = !wasStarted && this.store.load() !== undefined;
      this.events.emit('session_error', end.error);
      if (wasStarted || end.welcomed) {
        return this.finish(end.error.errorCode === ZoomCodes.NETWORK ? 'network' : 'error');
      }
      // The relay refused to start or resume. A network error keeps a recovery record usable.
      if (resuming && end.error.errorCode !== ZoomCodes.NETWORK) this.store.clear();
      this.endOnWelcome = false;
      this.status = this.store.load() ? 'session_recoverable' : 'session_not_started';
      return;
    }
    if (end.kind === 'replaced') {
      // Another tab resumed this session: it owns it now; leave its recovery record alone.
      this.teardown();
      this.status = 'session_ended';
      this.events.emit('session_ended', { reason: 'replaced' });
      return;
    }
    this.finish(end.reason);
  }

  private teardown() {
    this.stopRecording();
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    this.agents.clear();
  }

  private finish(reason: string) {
    if (this.status === 'session_ended') return;
    this.link?.close();
    this.link = undefined;
    this.teardown();
    this.store.clear();
    this.status = 'session_ended';
    this.events.emit('session_ended', { reason });
  }

  private error(errorCode: number, errorMsg: string) {
    this.events.emit('session_error', zoomError(errorCode, errorMsg));
  }

  /** Emits `session_recoverable` when init found a record (after the init callback ran). */
  announceRecoverable() {
    if (this.status === 'session_recoverable') {
      this.events.emit('session_recoverable', { pinCode: this.pin });
    }
  }
}

/** Client-side token checks so a page fails fast with a clear message; the relay verifies anyway. */
function checkCustomerToken(token: unknown, customPin: boolean): ZoomErrorPayload | undefined {
  const problem = tokenProblem(token, 'customer', customPin);
  if (!problem) return undefined;
  // Zoom reports a missing BYOP permission as a start failure; everything else as a bad token.
  return zoomError(
    problem.code === 'byop' ? ZoomCodes.START_FAILED : ZoomCodes.TOKEN_INVALID,
    problem.message,
  );
}

/**
 * Builds a customer SDK object (`ZoomCobrowseSDK`) over the given dependencies. One session per
 * SDK object: rrweb's recorder is page-wide, so a second `init` returns the same session.
 *
 * @example
 * ```ts
 * const sdk = createCustomerSdk({ requirePin: true, serverUrl: (s) => s.serverUrl ?? location.origin, createRecorder });
 * sdk.init({}, ({ session }) => session.start({ customPinCode: 'AB12', sdkToken }));
 * ```
 */
export function createCustomerSdk(deps: CustomerDeps): ZoomCobrowseCustomerSDK {
  let session: CustomerSession | undefined;
  return {
    init(settings, callback) {
      session ??= new CustomerSession(deps);
      const s = session;
      const ok = typeof window !== 'undefined' && typeof document !== 'undefined';
      if (ok) s.configure(settings && typeof settings === 'object' ? settings : {});
      const result: ZoomCustomerInitResult = ok
        ? { success: true, session: s, error: null }
        : {
            success: false,
            session: s,
            error: zoomError(
              ZoomCodes.START_FAILED,
              'The customer SDK runs in a browser page only.',
            ),
          };
      // Zoom calls back asynchronously; integrators rely on `init` returning first.
      setTimeout(() => {
        if (typeof callback === 'function') callback(result);
        s.announceRecoverable();
      }, 0);
    },
  };
}
