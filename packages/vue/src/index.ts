/**
 * `@cobrowse-kit/vue` — Vue 3 bindings for Bring-Your-Own-PIN co-browsing: a plugin that creates
 * core's customer session store, composables returning readonly refs, and an agent viewer.
 *
 * @example
 * ```ts
 * import { createApp } from 'vue';
 * import { createCobrowse } from '@cobrowse-kit/vue';
 * createApp(App).use(createCobrowse({ sdkKey: 'KEY', version: '2.5.x' })).mount('#app');
 * ```
 * @module
 */
import {
  type AgentSession,
  type AgentSessionOptions,
  type AgentSnapshot,
  type CustomerSession,
  type CustomerSessionOptions,
  type CustomerSnapshot,
  agentOptionsFrom,
  createAgentSession,
  createCustomerSession,
  type Store,
  type TokenSource,
} from '@cobrowse-kit/core';
import {
  type App,
  type ComputedRef,
  computed,
  defineComponent,
  getCurrentScope,
  h,
  type InjectionKey,
  inject,
  onMounted,
  onScopeDispose,
  type PropType,
  shallowRef,
  watch,
} from 'vue';

/**
 * What the plugin provides: the app's customer store and the options it was created from.
 *
 * @example
 * ```ts
 * const { session } = inject(CobrowseKey)!;
 * session.getSnapshot().status; // 'idle'
 * ```
 */
export interface CobrowseContext {
  session: CustomerSession;
  options: CustomerSessionOptions;
}

/**
 * The injection key of the plugin's {@link CobrowseContext}, for `inject()` or for
 * `provide()` in tests and component libraries that bring their own store.
 *
 * @example
 * ```ts
 * const { session } = inject(CobrowseKey)!;
 * ```
 */
export const CobrowseKey: InjectionKey<CobrowseContext> = Symbol('cobrowse-kit');

/**
 * The plugin {@link createCobrowse} returns: install it with `app.use()`; `session` is the
 * customer store, for code outside components (a router guard, a store).
 *
 * @example
 * ```ts
 * const cobrowse = createCobrowse({ sdkKey: 'KEY', version: '2.5.x' });
 * app.use(cobrowse);
 * router.beforeEach(() => void cobrowse.session.preload());
 * ```
 */
export interface CobrowsePlugin extends CobrowseContext {
  install(app: App): void;
}

/**
 * Creates the plugin that owns the customer session store. `app.use()` provides it to every
 * component; `app.unmount()` disposes it. Create one per app (and per request when rendering on
 * the server), like a Pinia store.
 *
 * @param options - Where the SDK comes from — the CDN loader (`sdkKey`, `version`, optional
 *   `baseUrl`, `nonce`, `timeoutMs`) or an SDK object / factory (`sdk`) — and its `settings`.
 * @example
 * ```ts
 * app.use(
 *   createCobrowse({
 *     sdkKey: 'KEY',
 *     version: '2.5.x',
 *     settings: { piiMask: { maskType: 'custom_input', maskCssSelectors: '.cobrowse-mask' } },
 *   }),
 * );
 * ```
 */
export function createCobrowse(options: CustomerSessionOptions): CobrowsePlugin {
  const session = createCustomerSession(options);
  return {
    session,
    options,
    install(app) {
      app.provide(CobrowseKey, { session, options });
      app.onUnmount(() => session.dispose());
    },
  };
}

/**
 * Each snapshot field as a readonly (computed) ref, so destructuring keeps reactivity.
 *
 * @example
 * ```ts
 * const refs: ReadonlyRefs<{ status: string }> = useCobrowseSession();
 * refs.status.value; // 'idle'
 * ```
 */
export type ReadonlyRefs<S> = { readonly [K in keyof S]: ComputedRef<S[K]> };

/**
 * What {@link useCobrowseSession} returns: readonly refs of the snapshot, and the methods.
 *
 * @example
 * ```ts
 * const { status, pin, agents, error, start, end }: CobrowseSessionRefs = useCobrowseSession();
 * ```
 */
export type CobrowseSessionRefs = ReadonlyRefs<CustomerSnapshot> &
  Pick<CustomerSession, 'start' | 'end' | 'resume' | 'preload'>;

/**
 * What {@link useAgentSession} returns: readonly refs of the snapshot, and the methods.
 *
 * @example
 * ```ts
 * const { status, viewerUrl, createViewerUrl }: AgentSessionRefs = useAgentSession();
 * ```
 */
export type AgentSessionRefs = ReadonlyRefs<AgentSnapshot> &
  Pick<AgentSession, 'join' | 'createViewerUrl' | 'leave' | 'preload'>;

/**
 * Binds a store to the current effect scope: a `shallowRef` holding the frozen snapshot, one
 * `computed` per field (so `const { status } = ...` stays reactive and a component reading only
 * `pin` is not re-rendered by a status change), and the store's methods.
 * On the server nothing subscribes — a request's scope is never disposed — and the refs show
 * `getServerSnapshot()` (idle).
 */
function bind<S extends object, K extends string>(
  store: Store<S> & Record<K, unknown>,
  methods: readonly K[],
  name: string,
  dispose?: () => void,
) {
  const server = typeof window === 'undefined';
  const snapshot = shallowRef(server ? store.getServerSnapshot() : store.getSnapshot());
  if (!server) {
    const unsubscribe = store.subscribe(() => {
      snapshot.value = store.getSnapshot();
    });
    const release = () => {
      unsubscribe();
      dispose?.();
    };
    if (getCurrentScope()) onScopeDispose(release);
    else if (process.env.NODE_ENV !== 'production') {
      console.warn(
        `[cobrowse-kit] ${name} was called outside an effect scope, so it will never unsubscribe${dispose ? ' or dispose its session' : ''}. Call it in setup() or inside effectScope().run().`,
      );
    }
  }
  const result: Record<string, unknown> = {};
  for (const key in snapshot.value) result[key] = computed(() => snapshot.value[key]);
  // Core's methods are bound: they can be handed out as they are.
  for (const m of methods) result[m] = store[m];
  return result;
}

/**
 * The customer session as readonly refs — `status`, `pin` (to read out), `agents`, `error` — and
 * `start`, `end`, `resume`, `preload`. Safe to destructure. Unsubscribes when the calling
 * component (or effect scope) is disposed. Needs the {@link createCobrowse} plugin.
 *
 * @example
 * ```ts
 * const { status, pin, start, end } = useCobrowseSession();
 * const getHelp = () => start({ token: () => fetch('/api/token', { method: 'POST' }).then((r) => r.json()).then((j) => j.token) });
 * ```
 */
export function useCobrowseSession(): CobrowseSessionRefs {
  const context = inject(CobrowseKey, null);
  if (!context) {
    throw new Error(
      '[cobrowse-kit] useCobrowseSession() found no session. Install the plugin: app.use(createCobrowse({ sdkKey, version })).',
    );
  }
  return bind(
    context.session,
    ['start', 'end', 'resume', 'preload'],
    'useCobrowseSession()',
  ) as CobrowseSessionRefs;
}

/**
 * An agent session owned by the calling component (or effect scope), as readonly refs —
 * `status`, `pin`, `viewerUrl`, `error` — and `join`, `createViewerUrl`, `leave`, `preload`. The
 * store is disposed with the scope.
 *
 * Without `options` it uses the plugin's CDN settings (`sdkKey`, `version`, `baseUrl`, ...), so the
 * agent bundle loads from the same place; pass `options` without the plugin, or to use an agent
 * SDK object (`{ sdk: ZoomCobrowseAgentSDK }`).
 *
 * @param options - Where the agent SDK comes from, and its settings.
 * @example
 * ```ts
 * const root = useTemplateRef<HTMLElement>('root');
 * const { status, join } = useAgentSession({ sdkKey: 'KEY', version: '2.5.x' });
 * const watchCustomer = (pin: string) => join({ pin, token: agentToken, mount: root.value! });
 * ```
 */
export function useAgentSession(options?: AgentSessionOptions): AgentSessionRefs {
  let source = options;
  if (!source) {
    const context = inject(CobrowseKey, null);
    if (!context) {
      throw new Error(
        '[cobrowse-kit] useAgentSession() needs options: pass { sdkKey, version } or { sdk: ZoomCobrowseAgentSDK }, or install createCobrowse({ sdkKey, version }) to reuse its CDN settings.',
      );
    }
    source = agentOptionsFrom(context.options);
  }
  const session = createAgentSession(source);
  return bind(session, ['join', 'createViewerUrl', 'leave', 'preload'], 'useAgentSession()', () =>
    session.dispose(),
  ) as AgentSessionRefs;
}

const ignore = () => {};

/**
 * Joins the customer's session by PIN and renders the live view into its own `div`; leaves when
 * the PIN changes or the component unmounts. The `div` carries `data-status` (the agent status),
 * for styling and tests; failures show there (`error`) rather than being thrown.
 *
 * @example
 * ```ts
 * h(CobrowseAgentViewer, { pin: 'AB12', token: fetchAgentToken, style: 'height: 600px' });
 * // or in a template: <CobrowseAgentViewer :pin="pin" :token="fetchAgentToken" />
 * ```
 */
export const CobrowseAgentViewer = /* @__PURE__ */ defineComponent({
  name: 'CobrowseAgentViewer',
  props: {
    /** The PIN the customer reads out; joins when set, re-joins when it changes. */
    pin: { type: String, required: true },
    /** An agent token, or a function that fetches one (read when joining). */
    token: { type: [String, Function] as PropType<TokenSource>, required: true },
    /** Where the agent SDK comes from; default: the plugin's CDN settings. Read once. */
    options: Object as PropType<AgentSessionOptions>,
  },
  setup(props) {
    const root = shallowRef<HTMLElement>();
    const { status, join, leave } = useAgentSession(props.options);
    // The mount point exists only after mounting; the watcher created here belongs to the
    // component, so its cleanup (leave) also runs on unmount, before the store is disposed.
    onMounted(() =>
      watch(
        () => props.pin,
        (pin, _old, onCleanup) => {
          if (!pin) return;
          // The failure is in the snapshot (status 'error'); the rejection is not news.
          join({ pin, token: props.token, mount: root.value! }).catch(ignore);
          onCleanup(() => leave().catch(ignore));
        },
        { immediate: true },
      ),
    );
    return () => h('div', { ref: root, 'data-status': status.value });
  },
});
