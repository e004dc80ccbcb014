import { isPlatformServer } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  PLATFORM_ID,
  type Signal,
  assertInInjectionContext,
  effect,
  inject,
  input,
  runInInjectionContext,
} from '@angular/core';
import {
  type AgentSnapshot,
  type AgentStatus,
  type CobrowseError,
  type TokenSource,
  createAgentSession,
} from '@cobrowse-kit/core';
import { bindStore, field } from './bind';
import type { InjectSessionOptions } from './cobrowse.service';
import { agentOptions, injectConfig } from './config';

const noop = () => {};

/** An agent session as signals and methods; what `injectAgentSession()` returns. */
export interface AgentSessionSignals {
  /** The whole core snapshot (same object until something changes). */
  readonly snapshot: Signal<AgentSnapshot>;
  /** `idle → loading → ready → joining → in_session → left / ended`, or `error`. */
  readonly status: Signal<AgentStatus>;
  /** The PIN of the joined session. */
  readonly pin: Signal<string | null>;
  /** The viewer URL from `createViewerUrl()`. */
  readonly viewerUrl: Signal<string | null>;
  /** The last failure; its `message` says how to fix it. */
  readonly error: Signal<CobrowseError | null>;
  /** Joins by PIN and renders the live view into `mount`. */
  readonly join: (options: {
    pin: string;
    token: TokenSource;
    mount: HTMLElement;
  }) => Promise<void>;
  /** Creates a viewer URL to open in an iframe or popup instead of joining here. */
  readonly createViewerUrl: (options: { pin: string; token: TokenSource }) => Promise<string>;
  /** Leaves the session; the customer's session goes on. */
  readonly leave: () => Promise<void>;
  /** Loads the agent SDK early. */
  readonly preload: () => Promise<void>;
}

/**
 * Creates an agent session tied to the current injection context (usually a component): when that
 * context is destroyed it leaves (the customer's session goes on) and is disposed. One session per
 * mount element: the SDK fixes `zoomAppRoot` at init.
 *
 * @param options - `injector` to use outside an injection context.
 * @example
 * ```ts
 * export class Console {
 *   readonly agent = injectAgentSession();
 *   readonly view = viewChild.required<ElementRef<HTMLElement>>('view');
 *   open(pin: string) {
 *     return this.agent.join({ pin, token: fetchAgentToken, mount: this.view().nativeElement });
 *   }
 * }
 * ```
 */
export function injectAgentSession(options?: InjectSessionOptions): AgentSessionSignals {
  !options?.injector && assertInInjectionContext(injectAgentSession);
  return runInInjectionContext(options?.injector ?? inject(Injector), () => {
    const session = createAgentSession(agentOptions(injectConfig()));
    // Leaving on destroy releases the live view; the customer's session goes on.
    const snapshot = bindStore(session, () => void session.leave().catch(noop));
    return {
      snapshot,
      status: field(snapshot, 'status'),
      pin: field(snapshot, 'pin'),
      viewerUrl: field(snapshot, 'viewerUrl'),
      error: field(snapshot, 'error'),
      // Core's methods are already bound closures: hand them out as they are.
      join: session.join,
      createViewerUrl: session.createViewerUrl,
      leave: session.leave,
      preload: session.preload,
    };
  });
}

/**
 * Joins a customer's session by PIN and renders the live view inside itself; leaves when
 * destroyed, and re-joins when `pin` or `token` change. Size it with CSS (it is a block).
 *
 * @example
 * ```ts
 * @Component({
 *   imports: [CobrowseAgentViewerComponent],
 *   template: `<cobrowse-agent-viewer [pin]="pin" [token]="getAgentToken" style="height: 80vh" />`,
 * })
 * export class Console {
 *   pin = 'AB12';
 *   getAgentToken = () => fetch('/api/token', { method: 'POST' }).then((r) => r.json()).then((b) => b.token);
 * }
 * ```
 */
@Component({
  selector: 'cobrowse-agent-viewer',
  template: '',
  styles: ':host{display:block}',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CobrowseAgentViewerComponent {
  /** The PIN the customer reads out. */
  readonly pin = input.required<string>();
  /** The agent token, or a function that fetches one. */
  readonly token = input.required<TokenSource>();
  readonly #session = injectAgentSession();
  /** The agent session's status, for the parent's template. */
  readonly status = this.#session.status;
  /** The last failure, for the parent's template. */
  readonly error = this.#session.error;

  constructor() {
    const mount: HTMLElement = inject(ElementRef).nativeElement;
    const server = isPlatformServer(inject(PLATFORM_ID));
    effect((onCleanup) => {
      const pin = this.pin();
      const token = this.token();
      if (server) return;
      // Failures are already in `error`; catching only keeps them from being unhandled rejections.
      // leave() takes effect synchronously (it also cancels a pending join), so the next run's
      // join() never overlaps it.
      this.#session.join({ pin, token, mount }).catch(noop);
      onCleanup(() => void this.#session.leave().catch(noop));
    });
  }
}
