import type { Page } from '@playwright/test';
import { debug, isDebugEnabled } from './debug';
import type { CobrowseEngine } from './engine';
import { HarnessError } from './errors';
import type { HookSnapshot } from './hook';
import { callSession, installHook, pollHook, readHook } from './poll';
import { routeZoomCdn } from './routing';
import { mintToken } from './tokens';
import { type WireRecording, recordWire } from './wire';

/**
 * Default time the page objects wait for the SDK (ms).
 *
 * @example
 * ```ts
 * await customer.waitForPin({ timeout: DEFAULT_TIMEOUT * 2 });
 * ```
 */
export const DEFAULT_TIMEOUT = 10_000;

/**
 * One event the SDK emitted to the page, as the harness saw it.
 *
 * @example
 * ```ts
 * const names = (await customer.events()).map((e: SessionEvent) => e.name);
 * ```
 */
export interface SessionEvent {
  name: string;
  /** The payload, JSON-cloned. */
  payload: unknown;
  /** Epoch ms in the browser. */
  at: number;
}

/**
 * Zoom's `session_error` payload.
 *
 * @example
 * ```ts
 * const { errorCode }: SessionErrorPayload = await customer.waitForError(); // 1010: PIN in use
 * ```
 */
export interface SessionErrorPayload {
  errorCode: number;
  errorMsg: string;
}

/**
 * Options for waiting on one event.
 *
 * @example
 * ```ts
 * const before = Date.now();
 * await page.reload();
 * await customer.waitForEvent('pincode_updated', { after: before, timeout: 5_000 });
 * ```
 */
export interface WaitForEventOptions {
  /** Default 10 s. */
  timeout?: number;
  /** Only events emitted at or after this epoch-ms time (e.g. `Date.now()` before an action). */
  after?: number;
}

/**
 * Options for {@link createCustomer} and {@link createAgent}.
 *
 * @example
 * ```ts
 * const customer = await cobrowse.customer(page, { timeout: 20_000 });
 * ```
 */
export interface PageObjectOptions {
  /** Route Zoom's CDN host to the engine (default `true`; always off in hosted mode). */
  routeCdn?: boolean;
  /** Default timeout of the `waitFor…` methods (ms). Default 10 s. */
  timeout?: number;
}

/**
 * A customer page under test: what its SDK reported, and a few actions on its session.
 *
 * @example
 * ```ts
 * const customer = await cobrowse.customer(page);
 * await page.goto('/checkout');
 * await customer.start({ pin: 'ab12' });
 * expect(await customer.waitForPin()).toBe('AB12');
 * ```
 */
export interface CobrowseCustomer {
  readonly page: Page;
  /** Every WebSocket frame of the page since the page object was created. */
  readonly wire: WireRecording;
  /**
   * The PIN from `pincode_updated` — the one to show the customer (normalised to uppercase by
   * the service). Fails fast with `SESSION_ERROR` if the session reports an error instead.
   */
  waitForPin(options?: WaitForEventOptions): Promise<string>;
  /** Resolves with the payload of the first matching event. */
  waitForEvent(name: string, options?: WaitForEventOptions): Promise<unknown>;
  /** The first `session_error` payload (`{ errorCode, errorMsg }`); pass `after` for a later one. */
  waitForError(options?: WaitForEventOptions): Promise<SessionErrorPayload>;
  /** Resolves when an agent has joined (`agent_joined`). */
  waitForAgent(options?: WaitForEventOptions): Promise<unknown>;
  /** `getSessionInfo().sessionStatus` right now, or `null` before the SDK initialised. */
  status(): Promise<string | null>;
  /** The status when `init` called back: `'session_recoverable'` after a reload mid-session. */
  initialStatus(): Promise<string | null>;
  /** Events so far in the current document (a reload starts a new list). */
  events(): Promise<SessionEvent[]>;
  /**
   * Starts a session from the test, bypassing the page's UI: `session.start({ customPinCode,
   * sdkToken })` with a freshly minted token (or `token`).
   */
  start(options?: {
    pin?: string;
    byop?: boolean;
    token?: string;
    userName?: string;
  }): Promise<void>;
  /** `session.join()`: resume after a reload, when the status is `session_recoverable`. */
  resume(): Promise<void>;
  /** `session.end()`, then waits for `session_ended`. */
  end(options?: WaitForEventOptions): Promise<void>;
  /** Throws unless `text` never crossed the page's WebSockets. */
  expectNotOnWire(text: string): void;
}

function notObserved(role: 'customer' | 'agent', page: Page, s: HookSnapshot | null): HarnessError {
  const global = role === 'customer' ? 'ZoomCobrowseSDK' : 'ZoomCobrowseAgentSDK';
  return new HarnessError(
    'SDK_NOT_OBSERVED',
    s?.initialized
      ? `The ${role} SDK initialised but the expected event never came (page ${page.url()}). Events seen: ${s.events.map((e) => e.name).join(', ') || 'none'}.`
      : `No ${global}.init() callback was observed on ${page.url()}. Create the page object before page.goto(), and check that the page loads the SDK (CDN snippet or window.${global}); run with COBROWSE_HARNESS_DEBUG=1 to see the page's console.`,
    { details: { events: s?.events.map((e) => e.name) ?? [] } },
  );
}

/** Shared by both page objects: finds an event by name in the hook state.
 * @internal Not part of the public API (not exported from the package entry).
 */
export function findEvent(
  s: HookSnapshot | null,
  name: string,
  after: number | undefined,
): SessionEvent | undefined {
  return s?.events.find((e) => e.name === name && (after === undefined || e.at >= after));
}

/** Sets up what both page objects need before the page navigates.
 * @internal Not part of the public API (not exported from the package entry).
 */
export async function preparePage(
  role: 'customer' | 'agent',
  page: Page,
  engine: CobrowseEngine,
  options: PageObjectOptions,
): Promise<WireRecording> {
  if (page.url() !== 'about:blank') {
    // Not fatal (a test may reload next), but the usual cause of "SDK never observed".
    debug(
      role,
      `page object created after navigation to ${page.url()}: reload or create it before page.goto()`,
    );
  }
  // Always recorded: it costs little and a masking check needs frames from the very start.
  const wire = recordWire(page);
  // Independent round trips to the browser: issued together.
  await Promise.all([
    installHook(page),
    options.routeCdn !== false ? routeZoomCdn(page.context(), engine) : undefined,
  ]);
  if (isDebugEnabled()) {
    page.on('console', (m) => debug(`${role} console`, `${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => debug(`${role} pageerror`, e.message));
  }
  return wire;
}

/**
 * Wraps a customer page — the integrator's own page, loaded with Zoom's snippet, our IIFE or
 * core's loader — so a test can read the PIN, status and events its SDK reports. Create it
 * before `page.goto()`: it installs the SDK hook, records the page's WebSockets and routes
 * Zoom's CDN to `engine`.
 *
 * @example
 * ```ts
 * const customer = await createCustomer(page, engine);
 * await page.goto('/checkout');
 * await page.getByRole('button', { name: 'Get help' }).click();
 * const pin = await customer.waitForPin();
 * ```
 */
export async function createCustomer(
  page: Page,
  engine: CobrowseEngine,
  options: PageObjectOptions = {},
): Promise<CobrowseCustomer> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const wire = await preparePage('customer', page, engine, options);

  const waitForEvent = (name: string, o: WaitForEventOptions = {}) =>
    pollHook(
      page,
      'customer',
      o.timeout ?? timeout,
      (s) => findEvent(s, name, o.after)?.payload,
      (s) => {
        const e = notObserved('customer', page, s);
        return new HarnessError('EVENT_TIMEOUT', `Timed out waiting for "${name}". ${e.message}`, {
          details: e.details,
        });
      },
    );

  const waitForInit = () =>
    pollHook(
      page,
      'customer',
      timeout,
      (s) => (s?.initialized ? s : undefined),
      (s) => notObserved('customer', page, s),
    );

  return {
    page,
    wire,
    async waitForPin(o = {}) {
      const pin = await pollHook(
        page,
        'customer',
        o.timeout ?? timeout,
        (s) => {
          const err = findEvent(s, 'session_error', o.after);
          if (err) {
            const p = err.payload as SessionErrorPayload;
            throw new HarnessError(
              'SESSION_ERROR',
              `The customer session failed instead of getting a PIN: ${p?.errorCode} ${p?.errorMsg}`,
              { details: { ...p } },
            );
          }
          if (s?.initOk === false) {
            throw new HarnessError(
              'SDK_INIT_FAILED',
              `ZoomCobrowseSDK.init failed: ${JSON.stringify(s.initError)}. Check the SDK key in the page's snippet.`,
              { details: { error: s.initError } },
            );
          }
          const ev = findEvent(s, 'pincode_updated', o.after);
          if (!ev) return undefined;
          const p = ev.payload as { pinCode?: string; pincode?: string } | null;
          return p?.pinCode ?? p?.pincode ?? undefined;
        },
        (s) => notObserved('customer', page, s),
      );
      debug('customer', `PIN ${pin}`);
      return pin;
    },
    waitForEvent,
    async waitForError(o) {
      return (await waitForEvent('session_error', o)) as SessionErrorPayload;
    },
    waitForAgent: (o) => waitForEvent('agent_joined', o),
    async status() {
      return (await readHook(page, 'customer'))?.status ?? null;
    },
    async initialStatus() {
      return (await waitForInit()).initialStatus;
    },
    async events() {
      return (await readHook(page, 'customer'))?.events ?? [];
    },
    async start(o = {}) {
      await waitForInit();
      const token =
        o.token ??
        (await mintToken(engine, {
          role: 'customer',
          byop: o.byop ?? o.pin !== undefined,
          ...(o.userName === undefined ? {} : { userName: o.userName }),
        }));
      debug('customer', `session.start(${o.pin === undefined ? 'generated PIN' : `PIN ${o.pin}`})`);
      await callSession(page, 'customer', 'start', {
        sdkToken: token,
        ...(o.pin === undefined ? {} : { customPinCode: o.pin }),
      });
    },
    async resume() {
      await waitForInit();
      debug('customer', 'session.join() (resume)');
      await callSession(page, 'customer', 'join');
    },
    async end(o = {}) {
      const after = Date.now();
      await callSession(page, 'customer', 'end');
      await waitForEvent('session_ended', { after, ...o });
    },
    expectNotOnWire(text) {
      wire.expectNotOnWire(text);
    },
  };
}
