import { assertPin } from '../pin';
import type { ZoomCustomerEventMap, ZoomCustomerSession } from '../zoom-types';
import { createRuntime, freeze, invalidState } from './runtime';
import type {
  AgentPresence,
  CustomerSession,
  CustomerSessionOptions,
  CustomerSnapshot,
} from './types';

const NONE: readonly AgentPresence[] = freeze([]);

/** The initial snapshot, and the constant server snapshot. */
const IDLE: CustomerSnapshot = freeze({ status: 'idle', pin: null, agents: NONE, error: null });

type Payload =
  | { userId?: string; userName?: string; pinCode?: string; pincode?: string }
  | undefined;

/**
 * Creates the customer session store over a Zoom-compatible customer SDK (Zoom's or ours).
 * Framework adapters bind to it; it works on its own too.
 *
 * Statuses: `idle → loading → ready → starting → waiting ⇄ in_session → ended`, `error` from
 * anywhere, `recoverable` when the SDK reports a session to resume after a reload. `start()`
 * resolves at `session_started` (the PIN is in the snapshot by then) and rejects with the
 * `CobrowseError` that also lands in the snapshot. A blank `pin` means "no custom PIN": the SDK
 * generates one. `start()` while `recoverable` starts a fresh session instead of resuming. `dispose()` does not end the session (it may survive a navigation); call
 * `end()` for that.
 *
 * @param options - The SDK (`{ sdk }`: object or (async) factory, or `{ sdkKey, version, ... }`
 * for the CDN loader) and the `settings` passed to `init`.
 * @returns A {@link CustomerSession}; its methods are bound and can be passed around.
 * @example
 * ```ts
 * const session = createCustomerSession({ sdkKey: 'KEY', version: '2.5.x' });
 * const stop = session.subscribe(() => render(session.getSnapshot()));
 * await session.start({ pin: 'ab12', token: () => fetch('/token').then((r) => r.text()) });
 * session.getSnapshot().pin; // 'AB12' (from pincode_updated)
 * ```
 */
export function createCustomerSession(options: CustomerSessionOptions): CustomerSession {
  const rt = createRuntime<CustomerSnapshot, ZoomCustomerSession>('customer', options, IDLE, {
    pincode_updated: (p: Payload) => {
      // The only source of the PIN shown to the customer; samples spell the key both ways.
      const pin = p?.pinCode ?? p?.pincode;
      if (pin) set({ pin });
    },
    session_started: () => {
      set({ status: get().agents.length ? 'in_session' : 'waiting' });
      rt.settle();
    },
    agent_joined: (p: Payload) => {
      const a = freeze({ userId: `${p?.userId ?? ''}`, userName: `${p?.userName ?? ''}` });
      const others = get().agents.filter((x) => !a.userId || x.userId !== a.userId);
      set({ agents: freeze([...others, a]), status: 'in_session' });
    },
    agent_left: (p: Payload) => {
      const { agents, status } = get();
      // Without a userId we cannot tell who left: drop the most recent agent.
      const i = p?.userId ? agents.findIndex((x) => x.userId === p.userId) : agents.length - 1;
      if (i < 0) return;
      const rest = freeze(agents.filter((_, j) => j !== i));
      set({ agents: rest, status: !rest.length && status === 'in_session' ? 'waiting' : status });
    },
    session_ended: () =>
      rt.finish({ status: 'ended', pin: null, agents: NONE }, 'SESSION_START_FAILED'),
  } satisfies { [K in keyof ZoomCustomerEventMap]?: (p: never) => void });
  const { get, set } = rt;
  const init = () => rt.init(() => options.settings ?? {});

  return {
    ...rt.store,

    start: ({ pin, token }) =>
      rt.op('start', ['starting', 'waiting', 'in_session'], async (check) => {
        const customPinCode = pin == null || !`${pin}`.trim() ? undefined : assertPin(pin);
        set({
          status: rt.session() ? 'starting' : 'loading',
          pin: null,
          agents: NONE,
          error: null,
        });
        const sdkToken = await rt.token(token, !!customPinCode);
        check();
        const sess = await init();
        check();
        await rt.connect('starting', () =>
          sess.start(customPinCode ? { sdkToken, customPinCode } : { sdkToken }),
        );
      }),

    async resume() {
      rt.guard();
      const sess = await init();
      if (get().status !== 'recoverable') {
        throw invalidState('resume() without a recoverable session', 'call start()');
      }
      return rt.op('resume', [], () => rt.connect('starting', () => sess.join()));
    },

    end: () => rt.close('end', { status: 'ended', pin: null, agents: NONE }),

    // Failures land in the snapshot and start() retries: a hover-triggered preload needs no catch.
    preload: rt.preload(init),
  };
}
