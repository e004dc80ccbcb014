import { isPlatformServer } from '@angular/common';
import { DestroyRef, PLATFORM_ID, type Signal, computed, inject, signal } from '@angular/core';
import type { Store } from '@cobrowse-kit/core';

/**
 * @internal Mirrors a core store into a signal until the current injection context is destroyed,
 * then runs `release` and disposes the store. Must run in an injection context.
 */
export function bindStore<S>(
  store: Store<S> & { dispose(): void },
  release?: () => void,
): Signal<S> {
  // On the server nothing subscribes: the first subscriber may load the SDK, which needs `window`.
  const server = isPlatformServer(inject(PLATFORM_ID));
  const snapshot = signal(server ? store.getServerSnapshot() : store.getSnapshot());
  const sync = () => snapshot.set(store.getSnapshot());
  const unsubscribe = server ? undefined : store.subscribe(sync);
  // Re-sync: subscribing may already have moved the store (the first subscriber may start loading).
  if (!server) sync();
  inject(DestroyRef).onDestroy(() => {
    unsubscribe?.();
    // Before dispose(): core refuses every call on a disposed store.
    release?.();
    store.dispose();
  });
  return snapshot.asReadonly();
}

/** @internal One field of a snapshot signal, as its own signal (changes only when that field does). */
export const field = <S, K extends keyof S>(snapshot: Signal<S>, key: K): Signal<S[K]> =>
  computed(() => snapshot()[key]);
