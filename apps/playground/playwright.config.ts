import { chromiumLaunchOptions } from '@cobrowse-kit/test-harness';
import { defineConfig } from '@playwright/test';

/**
 * The project's end-to-end suite: real customer and agent pages in Debian's Chromium (or
 * COBROWSE_CHROMIUM_PATH / Playwright's own), two browser contexts per session, written with
 * @cobrowse-kit/test-harness. Each worker runs its own engine and playground server.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  // The machines this runs on have two cores; a third worker only adds contention.
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
