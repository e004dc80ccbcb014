import { assertPin } from '../pin';
import type { ZoomAgentEventMap, ZoomAgentSession } from '../zoom-types';
import { ask, createRuntime, freeze, invalidState } from './runtime';
import type { AgentSession, AgentSessionOptions, AgentSnapshot } from './types';

const IDLE: AgentSnapshot = freeze({ status: 'idle', pin: null, viewerUrl: null, error: null });

/** What leave() and session_left leave behind. */
const LEFT = { status: 'left' } as const;

/**
 * Creates the agent session store over a Zoom-compatible agent SDK: join a customer's session by
 * PIN and render the live view into a mount element, or get a viewer URL for an iframe / popup.
 *
 * Statuses: `idle → loading → ready → joining → in_session → left | ended`, `error` from anywhere.
 * `join()` resolves at `session_joined`. The SDK is initialised once per store, by the first
 * `join()` or `createViewerUrl()`, and `zoomAppRoot` is an init setting: the first `join()`'s
 * `mount` stays the store's mount, and a `join()` with another element (or after
 * `createViewerUrl()` initialised without one) rejects with `SESSION_INVALID_STATE` — create
 * another agent session for another mount. So `preload()` only fetches the SDK, without
 * changing the snapshot.
 *
 * @param options - The SDK (`{ sdk }` or `{ sdkKey, version, ... }`) and `settings` for `init`
 * (everything but `zoomAppRoot`, which comes from `join({ mount })`).
 * @returns An {@link AgentSession}; its methods are bound and can be passed around.
 * @example
 * ```ts
 * const agent = createAgentSession({ sdkKey: 'KEY', version: '2.5.x' });
 * await agent.join({ pin: 'AB12', token: agentToken, mount: document.querySelector('#view')! });
 * await agent.leave();
 * ```
 */
export function createAgentSession(options: AgentSessionOptions): AgentSession {
  let root: HTMLElement | undefined;
  const [base, get, set, guard, token, init, run, done, finish, fail] = createRuntime<
    AgentSnapshot,
    ZoomAgentSession
  >('agent', options, IDLE, LEFT, {
    session_joined: () => done({ status: 'in_session' }),
    session_left: () => finish(LEFT),
  } satisfies { [K in keyof ZoomAgentEventMap]?: (p: never) => void });
  // Both cases of a mount the SDK cannot render into: none yet (a framework ref still null), or
  // another element than the one the SDK was initialised with (zoomAppRoot is an init setting).
  const badMount = () =>
    invalidState(
      'join() with this mount',
      'pass the rendered element, the one the first join() used',
    );

  return {
    ...base,

    join: ({ pin, token, mount }) =>
      run('join', (begin) => {
        const pinCode = assertPin(pin);
        if (!mount) throw badMount();
        return begin(
          { pin: pinCode },
          token,
          (sess, sdkToken) => {
            if (root !== mount) throw badMount();
            // Zoom's sample: after a reload the SDK rejoins its own session with a bare join().
            return sess.getSessionInfo().sessionStatus === 'session_recoverable'
              ? () => sess.join()
              : () => sess.join({ sdkToken, pinCode });
          },
          0,
          () => {
            root = mount;
            return { ...options.settings, zoomAppRoot: mount };
          },
        );
      }),

    async createViewerUrl({ pin, token: src }) {
      guard();
      try {
        const pinCode = assertPin(pin);
        const sdkToken = await token(src);
        const sess = await init();
        const url = await ask<string>(
          (cb) => sess.createAgentViewerEndpoint({ pinCode, sdkToken }, cb),
          'agentViewerUrl',
          // toCobrowseError turns a known code into its error: JOIN_FAILED, with its fix.
          { code: 'JOIN_FAILED' },
        );
        set({ viewerUrl: url, pin: pinCode });
        return url;
      } catch (e) {
        // A failed URL request must not knock an in-page live view out of 'in_session'.
        throw fail(e, ['joining', 'in_session'].includes(get().status));
      }
    },
  };
}
