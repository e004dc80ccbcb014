// The one store helper both session runtimes share: a frozen cached snapshot with listeners,
// loading + init-once of the SDK, event wiring, token checks, and the bookkeeping that lets a
// later end()/leave()/dispose() cancel an operation that is still awaiting. Not public API.
import { CobrowseError, type ErrorCode, err, fixFor, toCobrowseError } from '../errors';
import * as M from '../messages';
import { loadSdk } from '../loader';
import { assertByopToken, inspectToken } from '../token';
import type { ZoomErrorPayload, ZoomSessionInfo } from '../zoom-types';
import type { SdkSource, Store, TokenSource } from './types';

/** What the runtime needs from either SDK's `session` object. */
export interface SessionLike {
  on(event: string, handler: (payload: unknown) => void): void;
  off(event: string, handler: (payload: unknown) => void): void;
  getSessionInfo(): ZoomSessionInfo;
}

interface SdkLike<Sess> {
  init(
    settings: never,
    callback: (r: { success: boolean; session: Sess; error?: ZoomErrorPayload | null }) => void,
  ): void;
}

type Role = 'customer' | 'agent';
type Handlers = Record<string, (payload: never) => void>;

export const freeze = Object.freeze;

/** `SESSION_INVALID_STATE`: "Cannot {why}: {fix}." */
export const invalidState = (why: string, fix: string): CobrowseError =>
  err('SESSION_INVALID_STATE', M.SESSION_INVALID_STATE, { why, fix });

export function createRuntime<
  S extends { readonly status: string; readonly error: CobrowseError | null },
  Sess extends SessionLike,
>(role: Role, source: SdkSource<SdkLike<Sess>>, idle: S, events: Handlers) {
  type Patch = Partial<S> | { status: string; error?: CobrowseError | null };
  const listeners = new Set<() => void>();
  let snap = idle;
  let sdk: Promise<SdkLike<Sess>> | undefined;
  let init: Promise<Sess> | undefined;
  let session: Sess | undefined;
  let disposed = false;
  // Whether the SDK holds a session that end()/leave() must close (started, joined, recoverable).
  let live = false;
  // `gen` moves on whenever an operation is cancelled; an operation that sees a newer `gen`
  // after an await stops and rejects with `reason` instead of touching the snapshot.
  let gen = 0;
  let running = 0;
  let reason: CobrowseError | undefined;
  // How many of our own end()/leave() calls the SDK has not acknowledged yet: their late
  // session_ended / session_left must not cancel a start/join that began meanwhile.
  let acks = 0;
  let waiter: [resolve: () => void, reject: (e: CobrowseError) => void] | undefined;

  const get = () => snap;
  const set = (patch: Patch) => {
    for (const k in patch) {
      if (patch[k as keyof Patch] !== snap[k as keyof S]) {
        snap = freeze({ ...snap, ...patch });
        for (const l of [...listeners]) l();
        return;
      }
    }
  };
  const disposedError = () => err('SESSION_DISPOSED', M.SESSION_DISPOSED, { role });
  const guard = () => {
    if (disposed) throw disposedError();
  };
  /** Settles the promise an operation awaits: resolve, or reject with `e`. */
  const settle = (e?: CobrowseError) => {
    // Connected again: any acknowledgement still owed for an earlier close never comes.
    if (!e) acks = 0;
    const w = waiter;
    waiter = undefined;
    w?.[e ? 1 : 0](e!);
  };
  const stop = (why: CobrowseError) => {
    gen++;
    running = 0;
    reason = why;
    settle(why);
  };
  const handlers: Handlers = {
    ...events,
    // Same meaning for both roles: the error goes in the snapshot and fails the waiting call.
    session_error: (payload: unknown) => {
      const e = toCobrowseError(payload);
      set({ status: 'error', error: e });
      settle(e);
    },
    ...(role === 'customer' && {
      session_recoverable: () => {
        live = true;
        set({ status: 'recoverable' });
      },
    }),
  };

  const load = (): Promise<SdkLike<Sess>> =>
    (sdk ??= (async () => {
      const s =
        'sdk' in source
          ? typeof source.sdk === 'function' && !('init' in source.sdk)
            ? await (source.sdk as () => SdkLike<Sess>)()
            : (source.sdk as SdkLike<Sess>)
          : // Extra keys (settings) are ignored by the loader.
            ((await loadSdk({ ...source, role })) as unknown as SdkLike<Sess>);
      if (typeof s?.init !== 'function')
        throw err('SDK_SURFACE_INVALID', M.SDK_SURFACE_INVALID, { name: '`sdk`' });
      return s;
    })().catch((e) => {
      sdk = undefined; // let a later call retry
      throw e;
    }));

  /**
   * Loads and initialises the SDK once per store; concurrent callers share the promise, a
   * failure lets the next call retry. `make` builds the settings and runs only for the call that
   * really initialises (the agent records its mount there). Listeners go on inside the init
   * callback: Zoom allows no SDK call before it.
   */
  const initOnce = (make: () => object): Promise<Sess> =>
    (init ??= (async () => {
      const settings = make();
      set({ status: 'loading', error: null });
      try {
        const s = await load();
        const sess = await new Promise<Sess>((resolve, reject) => {
          s.init(settings as never, (r) =>
            r?.success && r.session ? resolve(r.session) : reject(r?.error ?? r),
          );
        });
        if (!disposed) {
          session = sess;
          for (const e in handlers) sess.on(e, handlers[e] as (p: unknown) => void);
          live = sess.getSessionInfo().sessionStatus === 'session_recoverable';
          set({ status: live && role === 'customer' ? 'recoverable' : 'ready' });
        }
        return sess;
      } catch (e) {
        init = undefined;
        const z = e as { errorCode?: number; errorMsg?: string; message?: string } | undefined;
        const error =
          e instanceof CobrowseError
            ? e
            : err(
                'SDK_INIT_FAILED',
                M.SDK_INIT_FAILED,
                { role, why: z?.errorMsg ?? z?.message ?? e },
                { zoomCode: z?.errorCode, cause: e },
              );
        if (!disposed) set({ status: 'error', error });
        throw error;
      }
    })());

  /** Fetches the token (once) and fails fast on what the browser can already see is wrong. */
  const token = async (src: TokenSource, byop?: boolean): Promise<string> => {
    let t: string;
    try {
      t = typeof src === 'function' ? await src() : src;
    } catch (e) {
      throw e instanceof CobrowseError ? e : err('UNKNOWN', M.UNKNOWN, { why: e }, { cause: e });
    }
    const info = inspectToken(t); // TOKEN_MALFORMED & co. for anything that is not a JWT
    if (info.role !== role) throw err('TOKEN_ROLE_MISMATCH', M.TOKEN_ROLE_MISMATCH, { role });
    if (info.expired)
      throw err('TOKEN_EXPIRED', M.TOKEN_EXPIRED, { at: info.expiresAt.toISOString() });
    if (byop) assertByopToken(t);
    return t;
  };

  return {
    store: {
      subscribe(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
      getSnapshot: get,
      getServerSnapshot: () => idle,
      dispose() {
        if (disposed) return;
        stop(disposedError());
        disposed = true;
        if (session) for (const e in handlers) session.off(e, handlers[e] as (p: unknown) => void);
        listeners.clear();
      },
    } satisfies Store<S> & { dispose(): void },
    get,
    set,
    guard,
    settle,
    load,
    init: initOnce,
    token,
    session: () => session,

    /** Makes a preload(): runs `fetch`, never rejects; the next real call reports a failure. */
    preload: (fetch: () => Promise<unknown>) => async () => {
      guard();
      await fetch().catch(() => {});
    },

    /**
     * Runs start/join/resume: refuses while busy or in a `blocked` status (without touching the
     * snapshot), and on failure puts the error in the snapshot — unless the call was cancelled
     * meanwhile, in which case the canceller owns the snapshot. Always rejects with a
     * CobrowseError.
     */
    async op(name: string, blocked: string[], fn: (check: () => void) => Promise<void>) {
      guard();
      const s = snap.status;
      if (running || blocked.includes(s)) {
        throw invalidState(
          `${name}() while the session is ${running ? 'busy' : s}`,
          `wait, or ${role === 'agent' ? 'leave' : 'end'}() first`,
        );
      }
      const id = ++gen;
      running = id;
      try {
        await fn(() => {
          if (id !== gen) throw reason;
        });
      } catch (e) {
        const err = toCobrowseError(e);
        if (id === gen) set({ status: 'error', error: err });
        throw err;
      } finally {
        if (running === id) running = 0;
      }
    },

    /** Makes the SDK call that an event (session_started / session_joined) completes. */
    connect(status: S['status'], call: () => void): Promise<void> {
      set({ status });
      const done = new Promise<void>((resolve, reject) => {
        waiter = [resolve, reject];
      });
      live = true;
      call();
      return done;
    },

    /** end() / leave(): cancels a running call, closes a live SDK session, applies `patch`. */
    async close(method: 'end' | 'leave', patch: Patch) {
      guard();
      if (!live && !running) return;
      stop(invalidState(`finish this call after ${method}()`, 'make it again if still needed'));
      if (live) {
        live = false;
        acks++;
        try {
          (session as unknown as Record<string, () => void>)[method]?.();
        } catch {
          // The SDK's session may already be gone; the store must still reach `patch`.
        }
      }
      set(patch);
    },

    /** session_ended / session_left from the SDK. */
    finish(patch: Patch, code: ErrorCode) {
      if (acks) {
        acks--; // the answer to our own end()/leave(): the store is already past it
        return;
      }
      live = false;
      set(patch);
      stop(err(code, fixFor(code)));
    },
  };
}
