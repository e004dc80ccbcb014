import type { ZoomSessionInfo, ZoomSessionStatus } from '@cobrowse-kit/core';
import { type Emitter, createEmitter } from './emitter';
import { type RecoveryStore, createRecoveryStore, defaultStorage } from './recovery';

/** Statuses during which new settings must not disturb the live session. */
export const ACTIVE: readonly ZoomSessionStatus[] = ['session_connecting', 'session_started'];

/**
 * What the customer and agent sessions share: the Zoom-style status, PIN and session id, the
 * tab-scoped recovery record, and the `on` / `off` / `getSessionInfo` surface. Each role adds its
 * own connection logic on top.
 *
 * @example
 * ```ts
 * class AgentSession extends BaseSession<AgentEvents, ZoomAgentSettings> {
 *   constructor(deps: AgentDeps) { super(deps, RECOVERY_KEYS.agent); }
 * }
 * ```
 */
export abstract class BaseSession<E, S extends object> {
  protected readonly events: Emitter<E> = createEmitter<E>();
  protected readonly store: RecoveryStore;
  protected settings = {} as S;
  protected status: ZoomSessionStatus = 'session_not_started';
  protected pin: string | undefined;
  protected sessionId: string | undefined;
  protected graceMs = 0;

  /** `deps.storage` (even `undefined`, meaning "no storage") wins over the default. */
  constructor(deps: { storage?: Storage | undefined }, recoveryKey: string) {
    this.store = createRecoveryStore(
      'storage' in deps ? deps.storage : defaultStorage(),
      recoveryKey,
    );
  }

  /** Applies settings and checks for a recoverable session (called by `init`). */
  configure(settings: S): void {
    if (ACTIVE.includes(this.status)) return;
    this.settings = settings;
    const rec = this.store.load();
    if (rec) {
      this.status = 'session_recoverable';
      this.pin = rec.pin;
      this.sessionId = rec.sessionId;
    } else if (this.status === 'session_recoverable') {
      this.status = 'session_not_started';
    }
  }

  on<K extends keyof E & string>(event: K, handler: (p: E[K]) => void): void {
    this.events.on(event, handler);
  }

  off<K extends keyof E & string>(event: K, handler: (p: E[K]) => void): void {
    this.events.off(event, handler);
  }

  getSessionInfo(): ZoomSessionInfo {
    return { sessionStatus: this.status, pinCode: this.pin, sessionId: this.sessionId };
  }
}
