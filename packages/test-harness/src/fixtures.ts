import {
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  test as base,
  expect as baseExpect,
} from '@playwright/test';
import { type CobrowseAgent, createAgent } from './agent';
import { type CobrowseCustomer, type PageObjectOptions, createCustomer } from './customer';
import { debug } from './debug';
import { type CobrowseEngine, type StartEngineOptions, resolveEngine } from './engine';
import { readHook } from './poll';
import {
  type RouteTarget,
  type RouteTokenEndpointOptions,
  routeTokenEndpoint,
  routeZoomCdn,
} from './routing';
import { type MintTokenOptions, mintToken } from './tokens';
import { type WireRecording, expectNotOnWire, recordWire } from './wire';

/**
 * The test-scoped `cobrowse` fixture.
 *
 * @example
 * ```ts
 * test('agent joins', async ({ page, cobrowse }) => {
 *   const customer = await cobrowse.customer(page);
 *   await page.goto('/');
 *   await customer.start({ pin: 'ab12' });
 *   const agent = await cobrowse.agent();
 *   await agent.join(await customer.waitForPin());
 * });
 * ```
 */
export interface CobrowseHarness {
  /** The worker's engine (local, shared from `globalSetup`, or hosted). */
  readonly engine: CobrowseEngine;
  /** Tokens for the engine's SDK key. */
  readonly tokens: {
    /** A customer token; `byop` defaults to `true`. */
    customer(options?: Omit<MintTokenOptions, 'role'>): Promise<string>;
    agent(options?: Omit<MintTokenOptions, 'role' | 'byop'>): Promise<string>;
  };
  /** Routes Zoom's CDN host to the engine for a page or context (the test's `context` already is). */
  routeZoomCdn(target: RouteTarget): Promise<void>;
  /** Answers the page's own token endpoint with harness-minted tokens. */
  routeTokenEndpoint(target: RouteTarget, options: RouteTokenEndpointOptions): Promise<void>;
  /** Wraps a customer page; call before `page.goto()`. */
  customer(page: Page, options?: PageObjectOptions): Promise<CobrowseCustomer>;
  /**
   * Wraps an agent page; without `page`, opens the built-in agent console in a new browser
   * context (a second "person"), closed after the test.
   */
  agent(page?: Page, options?: PageObjectOptions): Promise<CobrowseAgent>;
  /**
   * A page in a new browser context (another "person": own cookies and storage), routed, with
   * the test's `baseURL` and `viewport`; closed after the test.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Records a page's (or context's) WebSocket frames; idempotent. */
  wire(target: Page | BrowserContext): WireRecording;
  /** Throws unless `text` never crossed a WebSocket frame of `target`. */
  expectNotOnWire(target: Page | BrowserContext, text: string): void;
}

/**
 * Worker-scoped fixtures: one engine per worker, configured by `cobrowseEngineOptions`.
 *
 * @example
 * ```ts
 * test.use({ cobrowseEngineOptions: { agentWaitMs: 10_000 } });
 * ```
 */
export interface CobrowseWorkerFixtures {
  /** Options for the worker's engine; set with `test.use({ cobrowseEngineOptions: … })` in a file or project. */
  cobrowseEngineOptions: StartEngineOptions;
  cobrowseEngine: CobrowseEngine;
}

/**
 * Test-scoped fixtures.
 *
 * @example
 * ```ts
 * import { mergeTests } from '@playwright/test';
 * import { test as cobrowseTest } from '@cobrowse-kit/test-harness';
 * export const test = mergeTests(myAppTest, cobrowseTest);
 * ```
 */
export interface CobrowseTestFixtures {
  cobrowse: CobrowseHarness;
}

/**
 * Playwright's `test`, extended with a worker-scoped `cobrowseEngine` (a local engine on a random
 * port with its own keys; or the shared / hosted one the environment names) and a test-scoped
 * `cobrowse` fixture. Combine with your own fixtures through `mergeTests`. The test's `context`
 * is routed so Zoom's CDN URLs reach the engine.
 *
 * @example
 * ```ts
 * import { test, expect } from '@cobrowse-kit/test-harness';
 *
 * test('agent sees the checkout', async ({ page, cobrowse }) => {
 *   const customer = await cobrowse.customer(page);
 *   await page.goto('/checkout');
 *   await page.getByLabel('PIN').fill('ab12');
 *   await page.getByRole('button', { name: 'Get help' }).click();
 *   expect(await customer.waitForPin()).toBe('AB12');
 *   const agent = await cobrowse.agent();
 *   await agent.join('AB12');
 *   await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
 * });
 * ```
 */
export const test = base.extend<CobrowseTestFixtures, CobrowseWorkerFixtures>({
  cobrowseEngineOptions: [{}, { scope: 'worker', option: true }],
  cobrowseEngine: [
    async ({ cobrowseEngineOptions }, use) => {
      const engine = await resolveEngine(cobrowseEngineOptions);
      await use(engine);
      await engine.close();
    },
    { scope: 'worker' },
  ],
  cobrowse: async (
    { cobrowseEngine: engine, browser, context, baseURL, viewport },
    use,
    testInfo,
  ) => {
    await routeZoomCdn(context, engine);
    const contexts: BrowserContext[] = [];
    const pageObjects: Array<{ role: 'customer' | 'agent'; page: Page }> = [];
    const newPage = async (options?: BrowserContextOptions) => {
      // The second "person" gets the project's baseURL and viewport like the first one did.
      const ctx = await browser.newContext({
        ...(baseURL === undefined ? {} : { baseURL }),
        ...(viewport === undefined ? {} : { viewport }),
        ...options,
      });
      contexts.push(ctx);
      await routeZoomCdn(ctx, engine);
      return ctx.newPage();
    };
    const harness: CobrowseHarness = {
      engine,
      tokens: {
        customer: (o = {}) => mintToken(engine, { ...o, role: 'customer' }),
        agent: (o = {}) => mintToken(engine, { ...o, role: 'agent' }),
      },
      routeZoomCdn: (target) => routeZoomCdn(target, engine),
      routeTokenEndpoint: (target, options) => routeTokenEndpoint(target, engine, options),
      async customer(page, options) {
        pageObjects.push({ role: 'customer', page });
        return createCustomer(page, engine, options);
      },
      async agent(page, options) {
        const p = page ?? (await newPage());
        pageObjects.push({ role: 'agent', page: p });
        const agent = await createAgent(p, engine, options);
        if (!page) await agent.openConsole();
        return agent;
      },
      newPage,
      wire: (target) => recordWire(target),
      expectNotOnWire: (target, text) => expectNotOnWire(target, text),
    };
    await use(harness);

    if (testInfo.status !== testInfo.expectedStatus) {
      // What each SDK told its page is the first thing to look at when a co-browsing test fails.
      const report = [];
      for (const { role, page } of pageObjects) {
        const state = page.isClosed() ? null : await readHook(page, role).catch(() => null);
        report.push({ role, url: page.isClosed() ? '(closed)' : page.url(), state });
      }
      await testInfo.attach('cobrowse-harness.json', {
        body: JSON.stringify(
          { engine: { mode: engine.mode, url: engine.url }, pages: report },
          null,
          2,
        ),
        contentType: 'application/json',
      });
    }
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    debug('fixture', `closed ${contexts.length} extra context(s)`);
  },
});

/**
 * Playwright's `expect`, re-exported so a spec needs one import. Web-first assertions work on
 * {@link CobrowseAgent.view} like on any frame.
 *
 * @example
 * ```ts
 * import { test, expect } from '@cobrowse-kit/test-harness';
 * await expect(agent.view.getByText('Order summary')).toBeVisible();
 * ```
 */
export const expect: typeof baseExpect = baseExpect;
