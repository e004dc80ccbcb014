// The one store helper both session runtimes share: a frozen cached snapshot with listeners,
// loading + init-once of the SDK, event wiring, token checks, and the bookkeeping that lets a
// later end()/leave()/dispose() cancel an operation that is still awaiting. Not public API.
//
// Written for size, since it ships to every browser: it returns a tuple rather than an object
// (minifiers rename variables, never properties) and keeps one code path per concern.
import { CobrowseError, err, fixFor, toCobrowseError } from '../errors';
import { loadSdk } from '../loader';
import * as M from '../messages';
import { assertByopToken, inspectToken } from '../token';
import type { ZoomErrorPayload, ZoomSessionInfo } from '../zoom-types';
import type { SdkSource, Store, TokenSource } from './types';

/** What the runtime needs from either SDK's `session` object. */
export interface SessionLike {
  on(event: string, handler: (payload: unknown) => void): void;
  off(event: string, handler: (payload: unknown) => void): void;
  getSessionInfo(): ZoomSessionInfo;
}

/** A Zoom-style callback answer: `success` and the value under some key, or an `error`. */
interface Answer {
  success: boolean;
  error?: ZoomErrorPayload | null;
}

interface SdkLike<Sess> {
  init(
    settings: never,
    callback: (r: { success: boolean; session: Sess; error?: ZoomErrorPayload | null }) => void,
  ): void;
}

type Role = 'customer' | 'agent';
/** What an init failure may carry: a Zoom error payload or an Error. */
type Failure = { errorCode?: number; errorMsg?: string; message?: string } | undefined;
type Handlers = Record<string, (payload: never) => void>;

/** The running start/join/resume: `e` once cancelled, `w` settles what it awaits at the end. */
interface Op {
  e?: CobrowseError;
  w?: [resolve: () => void, reject: (e: CobrowseError) => void];
}

/**
 * start()/join() after validating their input: applies `patch` (status `loading` or `starting` /
 * `joining`), fetches the token, initialises the SDK, then makes the SDK call `prepare` returns
 * (it may still refuse) and waits for the event that completes it.
 */
type Begin<Sess> = (
  patch: object,
  token: TokenSource,
  prepare: (sess: Sess, token: string) => () => void,
  byop?: unknown,
  make?: () => object,
) => Promise<void>;

/** Makes an SDK call and waits for session_started / session_joined (or a failure). */
type Connect = (call: () => void) => Promise<void>;

export const freeze = Object.freeze;

/** `SESSION_INVALID_STATE`: "Cannot {why}: {fix}." */
export const invalidState = (why: string, fix: string): CobrowseError =>
  err('SESSION_INVALID_STATE', M.SESSION_INVALID_STATE, { why, fix });

/**
 * Wraps a Zoom-style callback API in a promise: resolves with `r[key]` when `r.success`, else
 * rejects with `r.error`, or `fallback` (default: the whole answer) when there is none.
 */
export const ask = <T>(call: (cb: (r: Answer) => void) => void, key: string, fallback?: unknown) =>
  new Promise<T>((resolve, reject) =>
    call((r) => {
      const v = (r as unknown as Record<string, T> | undefined)?.[key];
      r?.success && v ? resolve(v) : reject(r?.error ?? fallback ?? r);
    }),
  );

/** A token source or an SDK source: the value, or what its (async) function returns. */
const value = <T>(v: T | (() => T | Promise<T>)): T | Promise<T> =>
  // An SDK that is itself a function (with a static init) is the SDK, not a factory.
  typeof v === 'function' && !('init' in v) ? (v as () => T | Promise<T>)() : (v as T);

/**
 * The store and its machinery for one role. `closed` is what end()/leave() leave behind (and
 * session_left for the agent); session_ended leaves the same with status `ended`.
 */
export function createRuntime<
  S extends { readonly status: string; readonly error: CobrowseError | null },
  Sess extends SessionLike,
>(
  role: Role,
  source: SdkSource<SdkLike<Sess>> & { settings?: object },
  idle: S,
  closed: object,
  events: Handlers,
) {
  const listeners = new Set<() => void>();
  const agent = role === 'agent';
  // The status of a start/join waiting for the service, and the method that closes a session.
  const busy = agent ? 'joining' : 'starting';
  const method = agent ? 'leave' : 'end';
  let snap = idle;
  let sdk: Promise<SdkLike<Sess>> | undefined;
  let init: Promise<Sess> | undefined;
  let session: Sess | undefined;
  let disposed = false;
  // Whether the SDK holds a session that end()/leave() must close (started, joined, recoverable).
  let live = false;
  // How many of our own end()/leave() calls the SDK has not acknowledged yet: their late
  // session_ended / session_left must not cancel a start/join that began meanwhile.
  let acks = 0;
  let op: Op | undefined;

  const get = () => snap;
  // After dispose() the store stays at its last snapshot, whatever still settles.
  const set = (patch: object) => {
    for (const k in patch) {
      if (!disposed && patch[k as keyof object] !== snap[k as keyof S]) {
        snap = freeze({ ...snap, ...patch });
        for (const l of [...listeners]) l();
        return;
      }
    }
  };
  /** Puts `e` (as a CobrowseError) in the snapshot, with status `error` unless `keep`. */
  const fail = (e: unknown, keep?: boolean) => {
    const error = toCobrowseError(e);
    set(keep ? { error } : { status: 'error', error });
    return error;
  };
  const disposedError = () => err('SESSION_DISPOSED', M.SESSION_DISPOSED, { role });
  const guard = () => {
    if (disposed) throw disposedError();
  };
  /** Settles what the running operation awaits: resolve, or reject with `e`. */
  const settle = (e?: CobrowseError) => {
    // Connected again: any acknowledgement still owed for an earlier close never comes.
    if (!e) acks = 0;
    op?.w?.[e ? 1 : 0](e!);
  };
  /** Cancels the running operation: it stops at its next check and rejects with `why`. */
  const stop = (why: CobrowseError) => {
    settle(why);
    if (op) op.e = why;
    op = undefined;
  };
  /** session_ended / session_left from the SDK: applies `patch`, fails a call still waiting. */
  const finish = (patch: object) => {
    if (acks) {
      acks--; // the answer to our own end()/leave(): the store is already past it
      return;
    }
    const code = agent ? 'JOIN_FAILED' : 'SESSION_START_FAILED';
    live = false;
    set(patch);
    stop(err(code, fixFor(code)));
  };
  const handlers: Handlers = {
    ...events,
    // Same meaning for both roles: the error goes in the snapshot and fails the waiting call.
    session_error: (payload: unknown) => settle(fail(payload)),
    session_ended: () => finish({ ...closed, status: 'ended' }),
    ...(!agent && {
      session_recoverable: () => {
        live = true;
        set({ status: 'recoverable' });
      },
    }),
  };

  const load = (): Promise<SdkLike<Sess>> =>
    (sdk ??= (async () => {
      const s = await ('sdk' in source
        ? value(source.sdk)
        : // Extra keys (settings) are ignored by the loader.
          (loadSdk({ ...source, role }) as unknown as Promise<SdkLike<Sess>>));
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
  const initOnce = (make = () => source.settings ?? {}): Promise<Sess> =>
    (init ??= (async () => {
      const settings = make();
      set({ status: 'loading', error: null });
      try {
        const s = await load();
        const sess = await ask<Sess>((cb) => s.init(settings as never, cb), 'session');
        if (!disposed) {
          session = sess;
          for (const e in handlers) sess.on(e, handlers[e] as (p: unknown) => void);
          live = sess.getSessionInfo().sessionStatus === 'session_recoverable';
          set({ status: live && !agent ? 'recoverable' : 'ready' });
        }
        return sess;
      } catch (e) {
        init = undefined;
        throw fail(
          e instanceof CobrowseError
            ? e
            : err(
                'SDK_INIT_FAILED',
                M.SDK_INIT_FAILED,
                { role, why: (e as Failure)?.errorMsg ?? (e as Failure)?.message ?? e },
                { zoomCode: (e as Failure)?.errorCode, cause: e },
              ),
        );
      }
    })());

  /** Fetches the token (once) and fails fast on what the browser can already see is wrong. */
  const token = async (src: TokenSource, byop?: unknown): Promise<string> => {
    let t: string;
    try {
      t = await value(src);
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

  /**
   * Runs start/join/resume: refuses while busy or live (without touching the snapshot). `fn`
   * validates its input, then goes through `begin` or straight to `connect`; both stop with the
   * reason once the call is cancelled. On failure the error goes in the snapshot — unless the
   * call was cancelled meanwhile, in which case the canceller owns the snapshot. Always rejects
   * with a CobrowseError.
   */
  const run = async (name: string, fn: (begin: Begin<Sess>, connect: Connect) => Promise<void>) => {
    guard();
    const s = snap.status;
    if (op || [busy, 'waiting', 'in_session'].includes(s)) {
      throw invalidState(`${name}() while ${op ? 'busy' : s}`, `wait, or ${method}() first`);
    }
    const me: Op = {};
    op = me;
    const check = <T>(v: T) => {
      if (me.e) throw me.e;
      return v;
    };
    const connect: Connect = (call) => {
      set({ status: busy });
      live = true;
      return new Promise<void>((resolve, reject) => {
        me.w = [resolve, reject];
        call();
      });
    };
    try {
      await fn(async (patch, src, prepare, byop, make) => {
        set({ ...patch, status: session ? busy : 'loading', error: null });
        const t = check(await token(src, byop));
        await connect(prepare(check(await initOnce(make)), t));
      }, connect);
    } catch (e) {
      throw me.e ? toCobrowseError(e) : fail(e);
    } finally {
      if (op === me) op = undefined;
    }
  };

  const base = {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
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
    // The agent only fetches: zoomAppRoot is an init setting and no mount is known yet.
    // Failures land in the snapshot (customer) and the next call retries: no catch needed.
    async preload() {
      guard();
      await (agent ? load() : initOnce()).catch(() => {});
    },
    /** end() / leave(): cancels a running call, closes a live SDK session, applies `closed`. */
    async [method]() {
      guard();
      if (!live && !op) return;
      stop(invalidState(`finish after ${method}()`, 'call again if needed'));
      if (live) {
        live = false;
        acks++;
        try {
          (session as unknown as Record<string, () => void>)[method]!();
        } catch {
          // The SDK's session may already be gone; the store must still reach `closed`.
        }
      }
      set(closed);
    },
    // Only one of end/leave exists at runtime (the computed key): each role's type names its own.
  } as unknown as Store<S> & {
    dispose(): void;
    preload(): Promise<void>;
    end(): Promise<void>;
    leave(): Promise<void>;
  };

  return [
    base,
    get,
    set,
    guard,
    token,
    initOnce,
    run,
    /** session_started / session_joined: applies `patch` and completes the waiting call. */
    (patch: object) => {
      set(patch);
      settle();
    },
    finish,
    fail,
  ] as const;
}
