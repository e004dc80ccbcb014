import { Injectable, Injector, type Signal, assertInInjectionContext, inject } from '@angular/core';
import {
  type AgentPresence,
  type CobrowseError,
  type CustomerSnapshot,
  type CustomerStatus,
  type TokenSource,
  createCustomerSession,
} from '@cobrowse-kit/core';
import { bindStore, field } from './bind';
import { customerOptions, injectConfig } from './config';

/** The customer session as signals and methods; what `injectCobrowseSession()` returns. */
export interface CobrowseSessionSignals {
  /** The whole core snapshot (same object until something changes). */
  readonly snapshot: Signal<CustomerSnapshot>;
  /** `idle → loading → ready → starting → waiting → in_session → ended`, or `error` / `recoverable`. */
  readonly status: Signal<CustomerStatus>;
  /** The PIN to read out to the agent, once the service confirmed it. */
  readonly pin: Signal<string | null>;
  /** Agents currently in the session. */
  readonly agents: Signal<readonly AgentPresence[]>;
  /** The last failure; its `message` says how to fix it. */
  readonly error: Signal<CobrowseError | null>;
  /** Starts a session with the customer's PIN (or a generated one when omitted). */
  readonly start: (options: { pin?: string; token: TokenSource }) => Promise<void>;
  /** Ends the session for everyone. */
  readonly end: () => Promise<void>;
  /** Resumes a `recoverable` session after a reload. */
  readonly resume: () => Promise<void>;
  /** Loads the SDK early, e.g. when the pointer enters "Get help". */
  readonly preload: () => Promise<void>;
}

/**
 * The application's customer co-browsing session, as signals. Provided by `provideCobrowse()`;
 * one session per environment injector, disposed with it (disposing does not end the session, so
 * it survives a reload; call `end()` for that). Methods are bound, so they can be destructured or
 * passed as callbacks.
 *
 * @example
 * ```ts
 * @Component({
 *   template: `<button (click)="cobrowse.start({ token: getToken })">Get help</button>
 *     @if (cobrowse.pin(); as pin) { <strong>{{ pin }}</strong> }`,
 * })
 * export class HelpButton {
 *   readonly cobrowse = inject(CobrowseService);
 * }
 * ```
 */
@Injectable({ providedIn: 'root' })
export class CobrowseService implements CobrowseSessionSignals {
  // Providing in root too turns a forgotten provideCobrowse() into a readable error, not NullInjectorError.
  readonly #session = createCustomerSession(customerOptions(injectConfig()));
  readonly snapshot = bindStore(this.#session);
  readonly status = field(this.snapshot, 'status');
  readonly pin = field(this.snapshot, 'pin');
  readonly agents = field(this.snapshot, 'agents');
  readonly error = field(this.snapshot, 'error');
  // Core's methods are already bound closures: hand them out as they are.
  readonly start = this.#session.start;
  readonly end = this.#session.end;
  readonly resume = this.#session.resume;
  readonly preload = this.#session.preload;
}

/** Options for the `inject*Session()` functions. */
export interface InjectSessionOptions {
  /** Injector to use outside an injection context (e.g. in `ngOnInit` or a callback). */
  injector?: Injector;
}

/**
 * The customer session's signals and methods, from the nearest `provideCobrowse()`.
 * Call it in an injection context (a field initializer or constructor), or pass `injector`.
 *
 * @param options - `injector` to use outside an injection context.
 * @example
 * ```ts
 * export class Help {
 *   readonly session = injectCobrowseSession();
 *   getHelp(pin: string) {
 *     return this.session.start({ pin, token: () => fetchToken() });
 *   }
 * }
 * ```
 */
export function injectCobrowseSession(options?: InjectSessionOptions): CobrowseSessionSignals {
  !options?.injector && assertInInjectionContext(injectCobrowseSession);
  return (options?.injector ?? inject(Injector)).get(CobrowseService);
}
