import { CobrowseError, err, format } from '../errors';
import * as M from '../messages';

/**
 * Which side starts the handshake. The window that creates the other one (the host page that opens
 * the popup or appends the iframe) is the `'initiator'`; the created window is the `'responder'`.
 */
export type ChannelRole = 'initiator' | 'responder';

/**
 * Names → payload types of what one window provides. A plain type is an event the window emits; a
 * function type `(payload) => result` is a request the window handles. Payloads cross windows by
 * structured clone, so they can never be functions themselves, which keeps the two apart.
 *
 * @example
 * ```ts
 * type Viewer = { status: { status: string }; leave: () => void };
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: the untyped default accepts any name and payload.
export type MessageMap = Record<string, any>;

/** A map with no events and no requests: for the side that only listens and asks. */
export type NoMessages = Record<never, never>;

type Fn = (payload: never) => unknown;
/** Event names of a map (its non-function entries). */
export type EventName<M> = { [K in keyof M]-?: M[K] extends Fn ? never : K }[keyof M] & string;
/** Request names of a map (its function entries). */
export type RequestName<M> = { [K in keyof M]-?: M[K] extends Fn ? K : never }[keyof M] & string;
/** The payload a request takes. */
export type RequestPayload<F> = F extends (payload: infer P) => unknown ? P : never;
/** What a request resolves to. */
export type RequestResult<F> = F extends (payload: never) => infer R ? Awaited<R> : never;
// A payload that may be undefined (void, unknown, optional) may be left out.
type PayloadArgs<T> = undefined extends T ? [payload?: T] : [payload: T];
type RequestArgs<T> = undefined extends T
  ? [payload?: T, options?: RequestOptions]
  : [payload: T, options?: RequestOptions];

/** Options of {@link WindowChannel.request}. */
export interface RequestOptions {
  /** How long to wait for the response, in ms. Default: the channel's `requestTimeoutMs`. */
  timeoutMs?: number;
}

/** Options of {@link createWindowChannel}. */
export interface WindowChannelOptions {
  /** The other window: a popup from `window.open()`, `iframe.contentWindow`, `window.opener` or `window.parent`. */
  target: Window;
  /** The other window's exact origin (`scheme://host[:port]`); every message is posted to it. */
  targetOrigin: string;
  /** Origins messages are accepted from. Default `[targetOrigin]`. */
  allowedOrigins?: string[];
  /** Channel name, so two channels between the same windows never mix. */
  channel: string;
  /** See {@link ChannelRole}. */
  role: ChannelRole;
  /** The window this side listens on. Default `globalThis`. */
  self?: Window;
  /** How long to wait for the other side, in ms. Default 10000. */
  handshakeTimeoutMs?: number;
  /** Default request timeout, in ms. Default 10000. */
  requestTimeoutMs?: number;
}

/**
 * A typed, origin-checked postMessage channel to one other window. `Local` is what this window
 * provides (events it emits, requests it handles); `Remote` is what the other window provides.
 * Payloads and results must be structured-cloneable.
 *
 * @example
 * ```ts
 * // Host side: the viewer provides ViewerProtocol, the host provides nothing.
 * const channel: WindowChannel<NoMessages, ViewerProtocol> = connectToIframe(iframe);
 * const off = channel.on('status', ({ status }) => console.log(status));
 * await channel.request('leave');
 * channel.close();
 * ```
 */
export interface WindowChannel<
  Local extends object = MessageMap,
  Remote extends object = MessageMap,
> {
  /** Resolves once both sides are connected; rejects with `CHANNEL_HANDSHAKE_TIMEOUT`. */
  readonly ready: Promise<void>;
  /**
   * Resolves (never rejects) with the reason once the channel is closed: by `close()` on either
   * side, the handshake timeout, the other window being closed, or this page going away.
   */
  readonly closed: Promise<CobrowseError>;
  /** Sends an event; queued until {@link ready}. Throws `CHANNEL_CLOSED` after close. */
  emit<K extends EventName<Local>>(type: K, ...payload: PayloadArgs<Local[K]>): void;
  /** Listens to an event of the other window; returns the function that stops listening. */
  on<K extends EventName<Remote>>(type: K, handler: (payload: Remote[K]) => void): () => void;
  /** Asks the other window; rejects with `CHANNEL_REQUEST_TIMEOUT`, `CHANNEL_REMOTE_ERROR` or `CHANNEL_CLOSED`. */
  request<K extends RequestName<Remote>>(
    type: K,
    ...args: RequestArgs<RequestPayload<Remote[K]>>
  ): Promise<RequestResult<Remote[K]>>;
  /** Answers a request of the other window (one handler per name); what it throws is sent back. */
  handle<K extends RequestName<Local>>(
    type: K,
    handler: (
      payload: RequestPayload<Local[K]>,
    ) => RequestResult<Local[K]> | PromiseLike<RequestResult<Local[K]>>,
  ): () => void;
  /** Tells the other side, rejects pending requests with `CHANNEL_CLOSED`, stops listening. Idempotent. */
  close(): void;
}

/**
 * @internal What crosses the window boundary. The shape is the wire protocol between a host page
 * and a viewer page that may ship different releases: keep it stable.
 */
export interface Envelope {
  __cobrowseKit: 1;
  channel: string;
  id: string;
  kind: 'event' | 'request' | 'response' | 'hello' | 'hello-ack' | 'close';
  type: string;
  payload?: unknown;
  error?: { message: string; code?: unknown };
}

const noop = () => {};

/** @internal Returns `origin` if it is an exact `scheme://host[:port]` origin, else throws. */
export function checkOrigin(origin: unknown): string {
  let ok: unknown;
  try {
    // URL normalizes (lowercase, default port, no path), so only an already-exact origin round-trips.
    ok = new URL(origin as string).origin === origin;
  } catch {}
  if (!ok) throw err('CHANNEL_ORIGIN_INVALID', M.CHANNEL_ORIGIN_INVALID, { origin });
  return origin as string;
}

/**
 * Creates a typed postMessage channel to one other window, with a handshake, an origin allow-list,
 * requests with ids and timeouts, and close. Messages from other origins, other windows or other
 * channels are ignored.
 *
 * @param options - See {@link WindowChannelOptions}; `targetOrigin` must be exact, never `'*'`.
 * @returns The {@link WindowChannel}; wait for `ready` or just emit (messages queue until then).
 * @throws CobrowseError `CHANNEL_ORIGIN_INVALID` for `'*'` or a malformed origin.
 * @example
 * ```ts
 * const ch = createWindowChannel<NoMessages, ViewerProtocol>({
 *   target: iframe.contentWindow!, targetOrigin: new URL(agentViewerUrl).origin,
 *   channel: VIEWER_CHANNEL, role: 'initiator',
 * });
 * ch.on('status', ({ status }) => console.log(status));
 * await ch.request('leave');
 * ```
 */
export function createWindowChannel<
  Local extends object = MessageMap,
  Remote extends object = MessageMap,
>(options: WindowChannelOptions): WindowChannel<Local, Remote> {
  const {
    target,
    channel,
    self = globalThis as unknown as Window,
    handshakeTimeoutMs = 1e4,
    requestTimeoutMs = 1e4,
  } = options;
  const targetOrigin = checkOrigin(options.targetOrigin);
  const allowed = (options.allowedOrigins ?? [targetOrigin]).map(checkOrigin);
  const initiator = options.role === 'initiator';
  // One entry per on(): delivery follows registration order, and off() deletes just that entry.
  const listeners = new Set<[type: string, listener: (payload: unknown) => void]>();
  const handlers = new Map<string, (payload: unknown) => unknown>();
  // Request id → what settles it (with an error, else with the value).
  const pending = new Map<string, (error?: unknown, value?: unknown) => void>();
  let seq = 0;
  let isReady = false;
  let closedReason: CobrowseError | undefined;
  let resolveReady!: () => void;
  let resolveClosed!: (e: CobrowseError) => void;
  const closed = new Promise<CobrowseError>((res) => {
    resolveClosed = res;
  });
  // Closing before the handshake rejects `ready` with the reason.
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    closed.then(rej);
  });
  // Callers who never await `ready` must not get an unhandled rejection; awaiting it still rejects.
  ready.catch(noop);

  const post = (
    kind: Envelope['kind'],
    type = '',
    payload?: unknown,
    id = `${++seq}`,
    error?: Envelope['error'],
  ) =>
    target.postMessage(
      { __cobrowseKit: 1, channel, id, kind, type, payload, error } satisfies Envelope,
      targetOrigin,
    );

  // Before the handshake the other window may still be about:blank, where the browser drops a
  // message posted to targetOrigin, so outgoing messages wait for `ready` (in call order).
  const out = (kind: 'event' | 'request', type: string, payload: unknown, id?: string) =>
    ready.then(() => closedReason || post(kind, type, payload, id), noop);

  const closedError = (why: string) =>
    err('CHANNEL_CLOSED', M.CHANNEL_CLOSED, { channel, why }, { cause: closedReason });

  const assertOpen = () => {
    if (closedReason) throw closedError(closedReason.code);
  };

  const shutdown = (reason: CobrowseError, notify?: boolean) => {
    if (!closedReason) {
      if (notify) post('close');
      closedReason = reason;
      clearInterval(timer);
      self.removeEventListener('message', onMessage);
      self.removeEventListener('pagehide', onPageHide);
      for (const settle of pending.values()) settle(reason);
      resolveClosed(reason);
    }
  };

  const onMessage = ({ data: m, origin, source }: MessageEvent<Envelope | undefined>) => {
    // The origin and source checks are the security boundary: any page can post to this window.
    // Other scripts (extensions, analytics, the SDK itself) share the same `message` event.
    if (
      source !== target ||
      !allowed.includes(origin) ||
      m?.__cobrowseKit !== 1 ||
      m.channel !== channel
    )
      return;
    const { kind, type, payload, id, error } = m;
    if (kind === (initiator ? 'hello-ack' : 'hello')) {
      // Every hello gets an ack: the initiator repeats hello until one arrives, and a reloaded host
      // page starts a new handshake with a responder that is already connected.
      if (!initiator) post('hello-ack');
      isReady = true;
      resolveReady();
    } else if (kind === 'event') {
      // A microtask each, so a throwing listener is reported without silencing the others.
      for (const [t, listener] of listeners) t === type && queueMicrotask(() => listener(payload));
    } else if (kind === 'request') {
      const handler = handlers.get(type);
      Promise.resolve()
        .then(() => {
          // A plain Error, like any a handler throws: the requester sees no remote code.
          if (!handler) throw new Error(format(M.CHANNEL_REMOTE_ERROR, { type }));
          return handler(payload);
        })
        .then((result) => post('response', type, result, id))
        // Also catches an uncloneable result, so the caller is told instead of timing out.
        .catch((e) =>
          post('response', type, undefined, id, { message: `${e?.message ?? e}`, code: e?.code }),
        );
    } else if (kind === 'response') {
      pending.get(id)?.(
        error &&
          new CobrowseError('CHANNEL_REMOTE_ERROR', `${error.message}`, {
            details: { remoteCode: error.code },
          }),
        payload,
      );
    } else if (kind === 'close') {
      shutdown(closedError('by the other window'));
    }
  };

  // Lets the other side learn that this page navigated away, instead of timing out.
  const onPageHide = () => shutdown(closedError('page hidden'), true);

  self.addEventListener('message', onMessage);
  self.addEventListener('pagehide', onPageHide);

  // Not cleared on ready: once ready (or closed) it does nothing.
  setTimeout(
    () =>
      isReady ||
      shutdown(
        err('CHANNEL_HANDSHAKE_TIMEOUT', M.CHANNEL_HANDSHAKE_TIMEOUT, {
          channel,
          origin: targetOrigin,
        }),
      ),
    handshakeTimeoutMs,
  );
  const tick = () =>
    // A closed popup or removed iframe cannot say goodbye across origins (the browser drops what its
    // pagehide posts), but `closed` stays readable on a cross-origin window. Repeating hello every
    // tick until acked also reaches a viewer that loads late.
    target.closed
      ? shutdown(closedError('the other window is gone'))
      : isReady || !initiator || post('hello');
  const timer = setInterval(tick, 100);
  tick();

  return {
    ready,
    closed,
    emit(type, payload?: unknown) {
      assertOpen();
      void out('event', type, payload);
    },
    on(type, handler) {
      assertOpen();
      const entry: [string, (payload: unknown) => void] = [type, handler as never];
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    request(type, payload?: unknown, opts?: RequestOptions) {
      return new Promise((resolve, reject) => {
        assertOpen();
        const id = `${++seq}`;
        const ms = opts?.timeoutMs ?? requestTimeoutMs;
        const settle = (error?: unknown, value?: unknown) => {
          pending.delete(id);
          clearTimeout(timeout);
          error ? reject(error) : resolve(value as never);
        };
        const timeout = setTimeout(
          () => settle(err('CHANNEL_REQUEST_TIMEOUT', M.CHANNEL_REQUEST_TIMEOUT, { type, ms })),
          ms,
        );
        pending.set(id, settle);
        // A payload the browser cannot clone fails this request instead of going unnoticed.
        out('request', type, payload, id).catch(settle);
      });
    },
    handle(type, handler) {
      assertOpen();
      handlers.set(type, handler as (payload: unknown) => unknown);
      return () => void (handlers.get(type) === handler && handlers.delete(type));
    },
    close() {
      shutdown(closedError('close() was called'), true);
    },
  };
}
