import { defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';

export default defineConfig(
  preset({
    entry: { index: 'src/index.ts', 'global-setup': 'src/global-setup.ts' },
    // Playwright must be the integrator's own copy: two copies of @playwright/test in one run
    // make Playwright refuse to start.
    external: ['@playwright/test', '@cobrowse-kit/server'],
  }),
);
