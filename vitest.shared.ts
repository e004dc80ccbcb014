import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Shared vitest settings: resolve workspace packages to their TypeScript sources through the
 * `@cobrowse-kit/source` export condition, so tests never need a prior build.
 */
export const sourceConditions: ViteUserConfig = {
  resolve: { conditions: ['@cobrowse-kit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@cobrowse-kit/source', ...defaultServerConditions] } },
};
