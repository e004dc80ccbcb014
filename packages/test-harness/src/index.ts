/**
 * `@cobrowse-kit/test-harness` — Playwright fixtures and plain functions that drive real customer
 * and agent pages through a Bring-Your-Own-PIN co-browsing session: a local engine per worker,
 * Zoom's CDN routed to it, tokens, page objects, and assertions on the mirrored DOM and on what
 * crossed the wire.
 *
 * @example
 * ```ts
 * import { test, expect } from '@cobrowse-kit/test-harness';
 * test('masked card never leaves the page', async ({ page, cobrowse }) => {
 *   const customer = await cobrowse.customer(page);
 *   await page.goto('/checkout');
 *   await page.getByLabel('Card number').fill('4242 4242 4242 4242');
 *   await customer.start({ pin: 'ab12' });
 *   const agent = await cobrowse.agent();
 *   await agent.join(await customer.waitForPin());
 *   await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
 *   cobrowse.expectNotOnWire(page, '4242 4242 4242 4242');
 * });
 * ```
 * @module
 */
export { test, expect } from './fixtures';
export type { CobrowseHarness, CobrowseTestFixtures, CobrowseWorkerFixtures } from './fixtures';
export { createGlobalSetup } from './global-setup';
export {
  startEngine,
  engineFromEnv,
  resolveEngine,
  ENGINE_ENV,
  HOSTED_ENV,
} from './engine';
export type { CobrowseEngine, StartEngineOptions } from './engine';
export { mintToken, randomKeys } from './tokens';
export type { MintTokenOptions, TokenKeys } from './tokens';
export { routeZoomCdn, routeTokenEndpoint, ZOOM_SDK_ROUTE } from './routing';
export type { RouteTarget, RouteTokenEndpointOptions } from './routing';
export { createCustomer, DEFAULT_TIMEOUT } from './customer';
export type {
  CobrowseCustomer,
  PageObjectOptions,
  SessionEvent,
  SessionErrorPayload,
  WaitForEventOptions,
} from './customer';
export { createAgent, mirrorFrame, MIRROR_IFRAME_SELECTOR } from './agent';
export type { CobrowseAgent } from './agent';
export { consoleUrl, CONSOLE_PATH } from './console';
export { recordWire, expectNotOnWire, getWireRecording } from './wire';
export type { WireFrame, WireRecording } from './wire';
export {
  findChromium,
  chromiumLaunchOptions,
  DEBIAN_CHROMIUM_PATH,
  CHROMIUM_ARGS,
} from './chromium';
export type {
  ChromiumLaunchOptions,
  ChromiumLocation,
  ChromiumSource,
  FindChromiumOptions,
} from './chromium';
export { HarnessError, HarnessErrorCodes, isHarnessError } from './errors';
export type { HarnessErrorCode } from './errors';
export { DEBUG_ENV, isDebugEnabled, debug } from './debug';
export { HOOK_SCRIPT } from './hook';
