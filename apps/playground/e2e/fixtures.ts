import {
  type CobrowseHarness,
  type CobrowseCustomer,
  test as harness,
} from '@cobrowse-kit/test-harness';
import type { Page } from '@playwright/test';
import { type Playground, startPlayground } from '../lib/playground-server.mjs';

export { expect, mirrorFrame } from '@cobrowse-kit/test-harness';

/**
 * The harness's `test`, plus the playground's own web server per worker, wired to the worker's
 * engine (its URL and keys), and `baseURL` pointing at it.
 */
export const test = harness.extend<object, { playground: Playground }>({
  playground: [
    async ({ cobrowseEngine }, use) => {
      const playground = await startPlayground({
        port: 0,
        host: '127.0.0.1',
        engineUrl: cobrowseEngine.url,
        sdkKey: cobrowseEngine.sdkKey,
        sdkSecret: cobrowseEngine.sdkSecret,
      });
      await use(playground);
      await playground.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ playground }, use) => use(playground.url),
});

/** Opens the plain-HTML customer page with the harness watching it; resolves once it can start. */
export async function openCustomerPage(
  cobrowse: CobrowseHarness,
  page: Page,
): Promise<CobrowseCustomer> {
  const customer = await cobrowse.customer(page);
  await page.goto('/customer.html');
  await test.expect(page.getByRole('button', { name: 'Get help' })).toBeEnabled();
  return customer;
}

/** Clicks "Get help", with a custom PIN when given (typed as is: the service uppercases it). */
export async function requestHelp(page: Page, pin?: string): Promise<void> {
  if (pin !== undefined) await page.getByLabel('Your PIN').fill(pin);
  await page.getByRole('button', { name: 'Get help' }).click();
}

/** A PIN no other test in the run will use: PINs are unique per SDK key and workers share none, but tests in one worker do. */
export function uniquePin(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 8)}`.slice(0, 10);
}
