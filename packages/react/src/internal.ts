'use client';
import type { CustomerSession, CustomerSessionOptions, Store } from '@cobrowse-kit/core';
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';

/** What {@link CobrowseProvider} shares: the customer store and the config it was created from. */
export interface CobrowseContextValue {
  session: CustomerSession;
  options: CustomerSessionOptions;
}

export const CobrowseContext = /* @__PURE__ */ createContext<CobrowseContextValue | null>(null);

/** The surrounding provider's value; throws a fix-it error when `required` and there is none. */
export function useCobrowseContext(required: string | false): CobrowseContextValue | null {
  const value = useContext(CobrowseContext);
  if (!value && required) {
    throw new Error(
      `[cobrowse-kit] ${required} must be used inside <CobrowseProvider>: wrap your app in it.`,
    );
  }
  return value;
}

/**
 * Creates a store once per mounted component and disposes it when the component really unmounts.
 *
 * StrictMode (and Fast Refresh) run effects as mount → cleanup → mount on the same state. Disposal
 * is therefore scheduled one task later and cancelled by the next mount, so the store — and any
 * session it started — survives the simulated unmount; a real unmount has no next mount. Creation
 * must be side-effect free (core's stores are: loading waits for `start`/`join`/`preload`), because
 * StrictMode also calls the initializer twice and drops one result.
 */
export function useOwnedStore<T extends { dispose(): void }>(create: () => T): T {
  const [store] = useState(create);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    return () => {
      timer.current = setTimeout(() => store.dispose());
    };
  }, [store]);
  return store;
}

/**
 * Reads `selector({ ...snapshot, ...actions })` from a store with `useSyncExternalStore`.
 *
 * The value is cached per snapshot (core keeps the same frozen snapshot until something changes),
 * so `getSnapshot` returns a stable reference and React does not loop; a new selection equal to the
 * previous one by `isEqual` keeps the previous reference, so unrelated changes do not re-render.
 */
export function useStoreState<S extends object, St extends Store<S>, K extends keyof St, T>(
  store: St,
  methods: readonly K[],
  selector: ((state: S & Pick<St, K>) => T) | undefined,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  // Picked once per component so the state's methods keep their identity across renders (core's
  // methods are bound, so they can be handed out as they are).
  const [actions] = useState(() => {
    const picked = {} as Pick<St, K>;
    for (const m of methods) picked[m] = store[m];
    return picked;
  });
  // Keyed by selector too: an inline selector that changed since the last render must run again.
  const cache = useRef<[S, typeof selector, T] | undefined>(undefined);
  const read = (snapshot: S): T => {
    const last = cache.current;
    if (last && last[0] === snapshot && last[1] === selector) return last[2];
    const state = { ...snapshot, ...actions };
    const next = selector ? selector(state) : (state as T);
    const value = last && isEqual(last[2], next) ? last[2] : next;
    cache.current = [snapshot, selector, value];
    return value;
  };
  return useSyncExternalStore(
    store.subscribe as Store<S>['subscribe'],
    () => read(store.getSnapshot() as S),
    () => read(store.getServerSnapshot() as S),
  );
}
