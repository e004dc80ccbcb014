import { type CobrowseWorkerFixtures, chromiumLaunchOptions } from '@cobrowse-kit/test-harness';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.PORT ?? 4317);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig<object, CobrowseWorkerFixtures>({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL,
    // Debian's /usr/bin/chromium (or $COBROWSE_CHROMIUM_PATH, or Playwright's own browser).
    launchOptions: chromiumLaunchOptions(),
    // Our pages carry our (public) SDK key; the harness's local engine accepts it. Tokens are
    // still signed with the engine's own random secret, like our backend signs them with ours.
    cobrowseEngineOptions: { sdkKey: 'acme-bikes-demo-key' },
    trace: 'retain-on-failure',
  },
  // Our site, served the way we serve it anywhere: a plain static server.
  webServer: {
    command: 'node server.mjs',
    url: baseURL,
    env: { PORT: String(port) },
    reuseExistingServer: !process.env.CI,
  },
});
