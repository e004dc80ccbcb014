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

/** What end() and session_ended leave behind (and start() clears). */
const ENDED = { status: 'ended', pin: null, agents: NONE } as const;

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
 * generates one. `start()` while `recoverable` starts a fresh session instead of resuming.
 * `dispose()` does not end the session (it may survive a navigation); call `end()` for that.
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
  const [base, get, set, guard, , init, run, done] = createRuntime<
    CustomerSnapshot,
    ZoomCustomerSession
  >('customer', options, IDLE, ENDED, {
    pincode_updated: (p: Payload) => {
      // The only source of the PIN shown to the customer; samples spell the key both ways.
      const pin = p?.pinCode ?? p?.pincode;
      if (pin) set({ pin });
    },
    session_started: () => done({ status: get().agents.length ? 'in_session' : 'waiting' }),
    agent_joined: (p: Payload) => {
      const a = freeze({ userId: `${p?.userId ?? ''}`, userName: `${p?.userName ?? ''}` });
      // The same userId again replaces the old entry (a reconnect), an empty one never does.
      const others = get().agents.filter((x) => x.userId !== a.userId || !a.userId);
      set({ agents: freeze([...others, a]), status: 'in_session' });
    },
    agent_left: (p: Payload) => {
      const { agents, status } = get();
      // Without a userId we cannot tell who left: drop the most recent agent.
      const rest = freeze(
        p?.userId ? agents.filter((x) => x.userId !== p.userId) : agents.slice(0, -1),
      );
      if (rest.length < agents.length) {
        set({ agents: rest, status: rest.length || status !== 'in_session' ? status : 'waiting' });
      }
    },
  } satisfies { [K in keyof ZoomCustomerEventMap]?: (p: never) => void });

  return {
    ...base,

    start: ({ pin, token }) =>
      run('start', (begin) => {
        // A blank PIN means "no custom PIN": the SDK generates one.
        const customPinCode = `${pin ?? ''}`.trim() && assertPin(pin);
        return begin(
          ENDED,
          token,
          (sess, sdkToken) => () =>
            sess.start({ sdkToken, ...(customPinCode && { customPinCode }) }),
          customPinCode,
        );
      }),

    async resume() {
      guard();
      const sess = await init();
      if (get().status !== 'recoverable') {
        throw invalidState(`resume() while ${get().status}`, 'call start()');
      }
      return run('resume', (_, connect) => connect(() => sess.join()));
    },
  };
}
