/**
 * A tiny typed event emitter for the Zoom-style `on` / `off` surface. A throwing handler must not
 * break the SDK's own state machine, so its error is rethrown asynchronously (it still shows in
 * the console and in error trackers).
 *
 * @example
 * ```ts
 * const e = createEmitter<{ ping: { at: number } }>();
 * e.on('ping', ({ at }) => console.log(at));
 * e.emit('ping', { at: 1 });
 * ```
 */
export interface Emitter<M> {
  on<K extends keyof M & string>(event: K, handler: (payload: M[K]) => void): void;
  off<K extends keyof M & string>(event: K, handler: (payload: M[K]) => void): void;
  emit<K extends keyof M & string>(event: K, payload: M[K]): void;
  clear(): void;
}

/**
 * Creates an {@link Emitter}.
 *
 * @example
 * ```ts
 * const e = createEmitter<{ ended: { reason: string } }>();
 * ```
 */
export function createEmitter<M>(): Emitter<M> {
  const handlers = new Map<string, Set<(payload: never) => void>>();
  return {
    on(event, handler) {
      if (typeof handler !== 'function') return;
      let set = handlers.get(event);
      if (!set) {
        set = new Set();
        handlers.set(event, set);
      }
      set.add(handler as (payload: never) => void);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler as (payload: never) => void);
    },
    emit(event, payload) {
      const set = handlers.get(event);
      if (!set) return;
      // Copy: a handler may call off() (or on()) while we iterate.
      for (const h of [...set]) {
        try {
          (h as (p: typeof payload) => void)(payload);
        } catch (e) {
          setTimeout(() => {
            throw e;
          });
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}
