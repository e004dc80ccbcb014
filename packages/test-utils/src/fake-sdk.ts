import type {
  ZoomAgentEventMap,
  ZoomAgentInitResult,
  ZoomAgentSession,
  ZoomAgentSettings,
  ZoomCobrowseAgentSDK,
  ZoomCobrowseCustomerSDK,
  ZoomCustomerEventMap,
  ZoomCustomerInitResult,
  ZoomCustomerSession,
  ZoomCustomerSettings,
  ZoomErrorPayload,
  ZoomSessionInfo,
  ZoomSessionStatus,
} from '@cobrowse-kit/core';

// Only `import type` from core on purpose: core's own tests import this file, and a runtime import
// would load a second copy of core (second CobrowseError class, dupe warning).

/** One recorded call on a fake SDK, e.g. `{ method: 'session.start', args: [{ sdkToken, customPinCode }] }`. */
export interface FakeCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** Options shared by both fakes. */
export interface FakeSdkOptions {
  /**
   * Play the service's part automatically (asynchronously, like the network would), so adapter
   * tests stay short. Customer: `start()` → `pincode_updated` (the custom PIN uppercased, or
   * `generatedPin`) → `session_started`; recovery `join()` → `pincode_updated` → `session_started`;
   * `end()` → `session_ended`. Agent: `join()` → `session_joined`; `leave()` → `session_left`.
   * Default `false`: nothing happens until the test calls `control.emit*`.
   */
  auto?: boolean;
  /** The PIN a customer `start()` without `customPinCode` gets in auto mode. Default `'123456'`. */
  generatedPin?: string;
  /** What `getSessionInfo().sessionStatus` reports first. Default `'session_not_started'`. */
  sessionStatus?: ZoomSessionStatus;
  /** Make every `init` fail with this payload (see also `control.failInit`). */
  initError?: ZoomErrorPayload;
  /**
   * Hold every `init` callback until `control.releaseInit()`, to assert what happens (and what
   * must not happen) while the SDK is still initialising.
   */
  holdInit?: boolean;
}

/** Options for {@link createFakeAgentSdk}. */
export interface FakeAgentSdkOptions extends FakeSdkOptions {
  /** The `agentViewerUrl` `createAgentViewerEndpoint` returns. Default `https://viewer.invalid/v?pin=<PIN>`. */
  viewerUrl?: string;
  /** Make `createAgentViewerEndpoint` fail with this payload. */
  viewerError?: ZoomErrorPayload;
}

/** Test-side handle shared by both fakes. */
export interface FakeControl<M> {
  /** Every call made on the SDK and its session, in order (`init`, `session.start`, `session.on`, ...). */
  readonly calls: FakeCall[];
  /** The calls to one method, e.g. `callsTo('session.start')`. */
  callsTo(method: string): FakeCall[];
  /** The settings of the last `init` call, or `undefined` before the first. */
  readonly settings: Record<string, unknown> | undefined;
  /** Emits an SDK event to the registered handlers, synchronously. */
  emit<K extends keyof M & string>(event: K, payload: M[K]): void;
  /** Emits `session_error` with `{ errorCode, errorMsg }`. */
  sessionError(errorCode: number, errorMsg?: string): void;
  /** Emits `session_ended`. */
  sessionEnded(reason?: string): void;
  /** Sets what `getSessionInfo().sessionStatus` reports (e.g. `'session_recoverable'` before `init`). */
  setSessionStatus(status: ZoomSessionStatus): void;
  /** Makes the next `init` calls fail with `error` (pass `null` to succeed again). */
  failInit(error?: ZoomErrorPayload | null): void;
  /** Fires the `init` callbacks held by `holdInit: true` (asynchronously, like the SDK would). */
  releaseInit(): void;
  /** Number of handlers currently registered for `event`, or for all events. */
  listenerCount(event?: string): number;
  /** Waits until the fake's queued asynchronous work (init callbacks, auto events) has run. */
  flush(): Promise<void>;
}

/** Test-side handle of {@link createFakeCustomerSdk}. */
export interface FakeCustomerControl extends FakeControl<ZoomCustomerEventMap> {
  /** Emits `pincode_updated` with both `pinCode` and `pincode` (samples differ on the spelling). */
  pincodeUpdated(pin: string): void;
  /** Emits `session_started`. */
  sessionStarted(): void;
  /** Emits `agent_joined`. */
  agentJoined(agent?: { userId?: string; userName?: string }): void;
  /** Emits `agent_left`. */
  agentLeft(agent?: { userId?: string; userName?: string }): void;
  /** Sets status `session_recoverable` and emits `session_recoverable`. */
  sessionRecoverable(): void;
}

/** Test-side handle of {@link createFakeAgentSdk}. */
export interface FakeAgentControl extends FakeControl<ZoomAgentEventMap> {
  /** Emits `session_joined`. */
  sessionJoined(): void;
  /** Emits `session_left`. */
  sessionLeft(reason?: string): void;
}

type Handler = (payload: never) => void;

/** The machinery both fakes share: call log, handlers, session info, async queue. */
function createBase(options: FakeSdkOptions) {
  const calls: FakeCall[] = [];
  const handlers = new Map<string, Handler[]>();
  const info: ZoomSessionInfo = { sessionStatus: options.sessionStatus ?? 'session_not_started' };
  let initError = options.initError ?? null;
  let settings: Record<string, unknown> | undefined;
  let held: Array<() => void> = [];
  let queued = Promise.resolve();

  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args });
  };
  // Microtasks, not timers: the fake keeps working under vi.useFakeTimers().
  const later = (fn: () => void) => {
    queued = queued.then(() => {
      try {
        fn();
      } catch (e) {
        // Rethrown outside the chain: vitest reports it, and the fake's later work still runs.
        queueMicrotask(() => {
          throw e;
        });
      }
    });
  };
  const emit = (event: string, payload: unknown) => {
    if (event === 'pincode_updated') info.pinCode = (payload as { pinCode: string }).pinCode;
    const status: Record<string, ZoomSessionStatus> = {
      session_started: 'session_started',
      session_joined: 'session_started',
      session_ended: 'session_ended',
      session_recoverable: 'session_recoverable',
    };
    if (status[event]) info.sessionStatus = status[event];
    for (const h of [...(handlers.get(event) ?? [])]) (h as (p: unknown) => void)(payload);
  };
  const emitter = {
    on(event: string, handler: Handler) {
      record('session.on', [event, handler]);
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
    },
    off(event: string, handler: Handler) {
      record('session.off', [event, handler]);
      handlers.set(
        event,
        (handlers.get(event) ?? []).filter((h) => h !== handler),
      );
    },
    getSessionInfo() {
      record('session.getSessionInfo', []);
      return { ...info };
    },
  };
  const init = <R>(s: Record<string, unknown>, cb: (r: R) => void, session: unknown) => {
    record('init', [s, cb]);
    settings = s;
    const error = initError;
    const answer = () =>
      cb(
        (error
          ? { success: false, session: undefined, error }
          : { success: true, session, error: null }) as R,
      );
    if (options.holdInit) held.push(answer);
    else later(answer);
  };
  const control = {
    calls,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    get settings() {
      return settings;
    },
    emit,
    sessionError: (errorCode: number, errorMsg = `Fake SDK error ${errorCode}`) =>
      emit('session_error', { errorCode, errorMsg }),
    sessionEnded: (reason?: string) =>
      emit('session_ended', reason === undefined ? {} : { reason }),
    setSessionStatus: (status: ZoomSessionStatus) => {
      info.sessionStatus = status;
    },
    failInit: (
      error: ZoomErrorPayload | null = { errorCode: 1001, errorMsg: 'Fake init failure' },
    ) => {
      initError = error;
    },
    releaseInit: () => {
      for (const answer of held) later(answer);
      held = [];
    },
    listenerCount: (event?: string) =>
      event === undefined
        ? [...handlers.values()].reduce((n, l) => n + l.length, 0)
        : (handlers.get(event)?.length ?? 0),
    async flush() {
      // Auto events may queue more work; drain until the queue stops growing.
      let seen: Promise<void>;
      do {
        seen = queued;
        await seen;
      } while (seen !== queued);
    },
  };
  return { record, later, emit, emitter, init, control, info };
}

/**
 * A fake `ZoomCobrowseSDK` (customer) that follows the documented contract: `init` answers
 * asynchronously, the `session` exists only inside the init callback, events are driven by the
 * test through `control` (or automatically with `auto: true`), and every call is recorded.
 *
 * @param options - `auto`, `generatedPin`, initial `sessionStatus`, `initError`.
 * @returns `{ sdk, control }`: pass `sdk` to `createCustomerSession({ sdk })`, drive it with `control`.
 * @example
 * ```ts
 * const { sdk, control } = createFakeCustomerSdk({ auto: true });
 * const session = createCustomerSession({ sdk });
 * await session.start({ pin: 'ab12', token: createFakeToken({ byop: true }) });
 * expect(session.getSnapshot().pin).toBe('AB12');
 * control.agentJoined({ userId: 'a1', userName: 'Agent' });
 * ```
 */
export function createFakeCustomerSdk(options: FakeSdkOptions = {}): {
  sdk: ZoomCobrowseCustomerSDK;
  control: FakeCustomerControl;
} {
  const base = createBase(options);
  const { record, later, emit, info } = base;
  const announce = (pin: string) => {
    emit('pincode_updated', { pinCode: pin, pincode: pin });
    emit('session_started', { pinCode: pin });
  };
  const session: ZoomCustomerSession = {
    ...(base.emitter as Pick<ZoomCustomerSession, 'on' | 'off' | 'getSessionInfo'>),
    start(o) {
      record('session.start', [o]);
      info.sessionStatus = 'session_connecting';
      if (options.auto) {
        later(() => announce(o.customPinCode?.toUpperCase() ?? options.generatedPin ?? '123456'));
      }
    },
    join() {
      record('session.join', []);
      if (options.auto) later(() => announce(info.pinCode ?? options.generatedPin ?? '123456'));
    },
    end() {
      record('session.end', []);
      if (options.auto) later(() => emit('session_ended', {}));
    },
  };
  const sdk: ZoomCobrowseCustomerSDK = {
    init(settings: ZoomCustomerSettings, cb: (r: ZoomCustomerInitResult) => void) {
      base.init(settings, cb, session);
    },
  };
  const control: FakeCustomerControl = Object.assign(base.control, {
    pincodeUpdated: (pin: string) => emit('pincode_updated', { pinCode: pin, pincode: pin }),
    sessionStarted: () => emit('session_started', {}),
    agentJoined: (agent: { userId?: string; userName?: string } = {}) =>
      emit('agent_joined', agent),
    agentLeft: (agent: { userId?: string; userName?: string } = {}) => emit('agent_left', agent),
    sessionRecoverable: () => emit('session_recoverable', {}),
  });
  return { sdk, control };
}

/**
 * A fake `ZoomCobrowseAgentSDK`: `init({ zoomAppRoot })` answers asynchronously;
 * `session.join()` / `leave()` are recorded (and answered with `auto: true`);
 * `createAgentViewerEndpoint` always answers asynchronously with `viewerUrl` or `viewerError`.
 *
 * @param options - `auto`, initial `sessionStatus`, `initError`, `viewerUrl`, `viewerError`.
 * @returns `{ sdk, control }`.
 * @example
 * ```ts
 * const { sdk, control } = createFakeAgentSdk({ auto: true });
 * const agent = createAgentSession({ sdk });
 * await agent.join({ pin: 'AB12', token: createFakeToken({ role: 'agent' }), mount: el });
 * expect(control.settings?.zoomAppRoot).toBe(el);
 * ```
 */
export function createFakeAgentSdk(options: FakeAgentSdkOptions = {}): {
  sdk: ZoomCobrowseAgentSDK;
  control: FakeAgentControl;
} {
  const base = createBase(options);
  const { record, later, emit } = base;
  const session: ZoomAgentSession = {
    ...(base.emitter as Pick<ZoomAgentSession, 'on' | 'off' | 'getSessionInfo'>),
    join(o) {
      record('session.join', o === undefined ? [] : [o]);
      if (options.auto) later(() => emit('session_joined', o ? { pinCode: o.pinCode } : {}));
    },
    leave() {
      record('session.leave', []);
      if (options.auto) later(() => emit('session_left', {}));
    },
    end() {
      record('session.end', []);
      if (options.auto) later(() => emit('session_ended', {}));
    },
    createAgentViewerEndpoint(o, cb) {
      record('session.createAgentViewerEndpoint', [o, cb]);
      later(() =>
        cb(
          options.viewerError
            ? { success: false, error: options.viewerError }
            : {
                success: true,
                agentViewerUrl:
                  options.viewerUrl ??
                  `https://viewer.invalid/v?pin=${encodeURIComponent(o.pinCode)}`,
              },
        ),
      );
    },
  };
  const sdk: ZoomCobrowseAgentSDK = {
    init(settings: ZoomAgentSettings, cb: (r: ZoomAgentInitResult) => void) {
      base.init(settings, cb, session);
    },
  };
  const control: FakeAgentControl = Object.assign(base.control, {
    sessionJoined: () => emit('session_joined', {}),
    sessionLeft: (reason?: string) => emit('session_left', reason === undefined ? {} : { reason }),
  });
  return { sdk, control };
}
