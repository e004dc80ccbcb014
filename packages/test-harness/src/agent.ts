import type { Frame, FrameLocator, Page } from '@playwright/test';
import { consoleUrl } from './console';
import {
  DEFAULT_TIMEOUT,
  type PageObjectOptions,
  type SessionErrorPayload,
  type SessionEvent,
  type WaitForEventOptions,
  findEvent,
  preparePage,
} from './customer';
import { debug } from './debug';
import type { CobrowseEngine } from './engine';
import { HarnessError } from './errors';
import { callSession, pollHook, readHook } from './poll';
import { mintToken } from './tokens';
import type { WireRecording } from './wire';

/**
 * Where the mirrored page lives: the first iframe inside the agent SDK's mount point (which the
 * hook marks with `data-cobrowse-harness-root`), or rrweb's replayer iframe wherever it is — the
 * latter covers the agent viewer page behind `agentViewerUrl`, which the hook may not have seen.
 *
 * @example
 * ```ts
 * page.locator(MIRROR_IFRAME_SELECTOR).first().contentFrame().getByText('Checkout');
 * ```
 */
export const MIRROR_IFRAME_SELECTOR =
  '[data-cobrowse-harness-root] iframe, .replayer-wrapper > iframe';

/**
 * A `FrameLocator` into the mirrored customer page inside `scope`: an agent page, a popup opened
 * from `agentViewerUrl`, or a `FrameLocator` of an iframe that shows `agentViewerUrl`.
 *
 * @example
 * ```ts
 * const popup = await popupPromise;
 * await expect(mirrorFrame(popup).getByRole('heading', { name: 'Checkout' })).toBeVisible();
 * await expect(mirrorFrame(page.frameLocator('#viewer')).getByText('Ada')).toBeVisible();
 * ```
 */
export function mirrorFrame(
  scope: Page | Frame | FrameLocator,
  selector: string = MIRROR_IFRAME_SELECTOR,
): FrameLocator {
  return scope.locator(selector).first().contentFrame();
}

type ViewerResult = { success: boolean; agentViewerUrl?: string; error?: unknown };

/**
 * An agent page under test: the built-in console or the integrator's own agent page.
 *
 * @example
 * ```ts
 * const agent = await cobrowse.agent();
 * await agent.join('AB12');
 * await expect(agent.view.getByLabel('Email')).toHaveValue('ada@example.com');
 * ```
 */
export interface CobrowseAgent {
  readonly page: Page;
  /** Every WebSocket frame of the page since the page object was created. */
  readonly wire: WireRecording;
  /**
   * The mirrored customer page, for assertions:
   * `await expect(agent.view.getByText('Checkout')).toBeVisible()`.
   */
  readonly view: FrameLocator;
  /** Navigates the page to the harness's built-in agent console (Zoom's agent snippet + a mount point). */
  openConsole(): Promise<void>;
  /**
   * `session.join({ pinCode, sdkToken })` with a freshly minted agent token, then waits for
   * `session_joined`. Rejects with `JOIN_FAILED` (details: `{ errorCode, errorMsg }`) on
   * `session_error`. Opens the console first if the page has not loaded anything yet.
   */
  join(
    pin: string,
    options?: { token?: string; userName?: string; timeout?: number },
  ): Promise<void>;
  /** Waits for `session_joined` (for agent pages whose own UI does the join). */
  waitForJoined(options?: WaitForEventOptions): Promise<void>;
  /** Resolves with the payload of the first matching event. */
  waitForEvent(name: string, options?: WaitForEventOptions): Promise<unknown>;
  /** Events so far in the current document. */
  events(): Promise<SessionEvent[]>;
  /** `getSessionInfo().sessionStatus` right now, or `null` before the SDK initialised. */
  status(): Promise<string | null>;
  /** `session.createAgentViewerEndpoint(...)` → `agentViewerUrl`, for an iframe or a popup. */
  viewerUrl(pin: string, options?: { token?: string; timeout?: number }): Promise<string>;
  /** `session.leave()`. */
  leave(): Promise<void>;
  /** PNG of the agent's mount point (the live view as the agent sees it). */
  screenshot(options?: { path?: string }): Promise<Buffer>;
}

/**
 * Wraps an agent page. Call {@link CobrowseAgent.openConsole} for the harness's built-in console,
 * or navigate to your own agent page (any page using `ZoomCobrowseAgentSDK`). Create it before
 * the page navigates: it installs the SDK hook, records WebSockets and routes Zoom's CDN.
 *
 * @example
 * ```ts
 * const agent = await createAgent(await browser.newPage(), engine);
 * await agent.join(pin);
 * await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
 * ```
 */
export async function createAgent(
  page: Page,
  engine: CobrowseEngine,
  options: PageObjectOptions = {},
): Promise<CobrowseAgent> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const wire = await preparePage('agent', page, engine, options);

  const waitForEvent = (name: string, o: WaitForEventOptions = {}) =>
    pollHook(
      page,
      'agent',
      o.timeout ?? timeout,
      (s) => findEvent(s, name, o.after)?.payload,
      (s) =>
        new HarnessError(
          'EVENT_TIMEOUT',
          `Timed out waiting for the agent's "${name}" on ${page.url()}. Events seen: ${s?.events.map((e) => e.name).join(', ') || 'none'}.`,
        ),
    );

  const waitForSession = (t = timeout) =>
    pollHook(
      page,
      'agent',
      t,
      (s) => {
        if (s?.initOk === false) {
          throw new HarnessError(
            'SDK_INIT_FAILED',
            `ZoomCobrowseAgentSDK.init failed: ${JSON.stringify(s.initError)}.`,
          );
        }
        return s?.initialized ? s : undefined;
      },
      () =>
        new HarnessError(
          'SDK_NOT_OBSERVED',
          `No ZoomCobrowseAgentSDK.init() callback was observed on ${page.url()}. Call agent.openConsole() or navigate to your agent page first; run with COBROWSE_HARNESS_DEBUG=1 to see its console.`,
        ),
    );

  const openConsole = async () => {
    const url = await consoleUrl(engine);
    debug('agent', `opening console ${url}`);
    await page.goto(url);
  };

  const agent: CobrowseAgent = {
    page,
    wire,
    view: mirrorFrame(page),
    openConsole,
    async join(pin, o = {}) {
      // The token is minted while the console loads and the SDK initialises.
      const minted =
        o.token === undefined
          ? mintToken(engine, {
              role: 'agent',
              ...(o.userName === undefined ? {} : { userName: o.userName }),
            })
          : Promise.resolve(o.token);
      minted.catch(() => {});
      if (page.url() === 'about:blank') await openConsole();
      const t = o.timeout ?? timeout;
      await waitForSession(t);
      const token = await minted;
      const after = Date.now();
      debug('agent', `session.join(PIN ${pin})`);
      await callSession(page, 'agent', 'join', { pinCode: pin, sdkToken: token });
      await pollHook(
        page,
        'agent',
        t,
        (s) => {
          const err = findEvent(s, 'session_error', after);
          if (err) {
            const p = err.payload as SessionErrorPayload;
            throw new HarnessError(
              'JOIN_FAILED',
              `The agent could not join PIN ${pin}: ${p?.errorCode} ${p?.errorMsg}`,
              {
                details: { ...p },
              },
            );
          }
          return findEvent(s, 'session_joined', after) ? true : undefined;
        },
        (s) =>
          new HarnessError(
            'EVENT_TIMEOUT',
            `The agent neither joined PIN ${pin} nor got an error within ${t} ms. Events seen: ${s?.events.map((e) => e.name).join(', ') || 'none'}.`,
          ),
      );
      debug('agent', `joined ${pin}`);
    },
    async waitForJoined(o) {
      await waitForEvent('session_joined', o);
    },
    waitForEvent,
    async events() {
      return (await readHook(page, 'agent'))?.events ?? [];
    },
    async status() {
      return (await readHook(page, 'agent'))?.status ?? null;
    },
    async viewerUrl(pin, o = {}) {
      await waitForSession(o.timeout ?? timeout);
      const token =
        o.token ?? (await mintToken(engine, { role: 'agent', userName: 'Viewer Agent' }));
      const result = await page.evaluate(
        ({ pinCode, sdkToken, ms }) =>
          new Promise<ViewerResult>((resolve) => {
            const h = (
              window as unknown as {
                __cobrowseHarness: {
                  agent: {
                    session: {
                      createAgentViewerEndpoint(
                        o: { pinCode: string; sdkToken: string },
                        cb: (r: ViewerResult) => void,
                      ): void;
                    };
                  };
                };
              }
            ).__cobrowseHarness;
            const timer = setTimeout(() => resolve({ success: false, error: 'timeout' }), ms);
            h.agent.session.createAgentViewerEndpoint({ pinCode, sdkToken }, (r) => {
              clearTimeout(timer);
              resolve(r);
            });
          }),
        { pinCode: pin, sdkToken: token, ms: o.timeout ?? timeout },
      );
      if (!result.success || !result.agentViewerUrl) {
        throw new HarnessError(
          'JOIN_FAILED',
          `createAgentViewerEndpoint failed for PIN ${pin}: ${JSON.stringify(result.error)}. The PIN must belong to a live session.`,
          { details: { error: result.error } },
        );
      }
      return result.agentViewerUrl;
    },
    async leave() {
      await callSession(page, 'agent', 'leave');
    },
    async screenshot(o = {}) {
      return page
        .locator('[data-cobrowse-harness-root]')
        .first()
        .screenshot(o.path ? { path: o.path } : {});
    },
  };
  return agent;
}
