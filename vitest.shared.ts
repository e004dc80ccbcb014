import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Shared vitest settings: resolve workspace packages to their TypeScript sources through the
 * `@cobrowse-kit/source` export condition, so tests never need a prior build.
 */
export const sourceConditions: ViteUserConfig = {
  // Generous ceilings: CI machines have two cores and run several packages' suites at once; a
  // passing test returns as soon as its condition holds, so these only matter when one hangs.
  test: { testTimeout: 30_000, hookTimeout: 30_000 },
  resolve: { conditions: ['@cobrowse-kit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@cobrowse-kit/source', ...defaultServerConditions] } },
};
