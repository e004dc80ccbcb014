import { err, toCobrowseError } from '../errors';
import * as M from '../messages';
import { assertPin } from '../pin';
import type { ZoomAgentEventMap, ZoomAgentSession } from '../zoom-types';
import { createRuntime, freeze, invalidState } from './runtime';
import type { AgentSession, AgentSessionOptions, AgentSnapshot } from './types';

const IDLE: AgentSnapshot = freeze({ status: 'idle', pin: null, viewerUrl: null, error: null });

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
  const settings = options.settings ?? {};
  let root: HTMLElement | undefined;
  const rt = createRuntime<AgentSnapshot, ZoomAgentSession>('agent', options, IDLE, {
    session_joined: () => {
      set({ status: 'in_session' });
      rt.settle();
    },
    session_left: () => rt.finish({ status: 'left' }, 'JOIN_FAILED'),
    session_ended: () => rt.finish({ status: 'ended' }, 'JOIN_FAILED'),
  } satisfies { [K in keyof ZoomAgentEventMap]?: (p: never) => void });
  const { get, set } = rt;

  return {
    ...rt.store,

    join: ({ pin, token, mount }) =>
      rt.op('join', ['joining', 'in_session'], async (check) => {
        const pinCode = assertPin(pin);
        // A framework ref that is still null means the element is not rendered yet.
        if (!mount) throw invalidState('join() without mount', 'pass the element to render into');
        set({ status: rt.session() ? 'joining' : 'loading', pin: pinCode, error: null });
        const sdkToken = await rt.token(token);
        check();
        const sess = await rt.init(() => {
          root = mount;
          return { ...settings, zoomAppRoot: mount };
        });
        check();
        if (root !== mount) {
          throw invalidState(
            'join() with another mount (the SDK keeps its first zoomAppRoot)',
            'reuse that element, or create another agent session',
          );
        }
        // Zoom's sample: after a reload the SDK rejoins its own session with a bare join().
        const recover = sess.getSessionInfo().sessionStatus === 'session_recoverable';
        await rt.connect('joining', () =>
          recover ? sess.join() : sess.join({ sdkToken, pinCode }),
        );
      }),

    async createViewerUrl({ pin, token }) {
      rt.guard();
      try {
        const pinCode = assertPin(pin);
        const sdkToken = await rt.token(token);
        const sess = await rt.init(() => settings);
        const url = await new Promise<string>((resolve, reject) =>
          sess.createAgentViewerEndpoint({ pinCode, sdkToken }, (r) =>
            r?.success && r.agentViewerUrl
              ? resolve(r.agentViewerUrl)
              : reject(r?.error ?? err('JOIN_FAILED', M.JOIN_FAILED)),
          ),
        );
        set({ viewerUrl: url, pin: pinCode });
        return url;
      } catch (e) {
        const error = toCobrowseError(e);
        const s = get().status;
        // A failed URL request must not knock an in-page live view out of 'in_session'.
        set(s === 'joining' || s === 'in_session' ? { error } : { status: 'error', error });
        throw error;
      }
    },

    leave: () => rt.close('leave', { status: 'left' }),

    // Only fetch: zoomAppRoot is an init setting and no mount is known yet. The snapshot stays
    // as it is; join() reports a load failure (and retries it).
    preload: rt.preload(rt.load),
  };
}
