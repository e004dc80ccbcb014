/**
 * React 18 project setup. pnpm links react-dom-18's peer `react` to the workspace's React 19 (the
 * alias names differ), so CommonJS `require('react')` inside react-dom-18 and Testing Library would
 * load React 19. Redirect those requires to the aliased React 18 packages; Vite's `resolve.alias`
 * covers the ESM imports of our own sources and tests.
 */
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const target: Record<string, string> = { react: 'react-18', 'react-dom': 'react-dom-18' };
const M = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
};
const original = M._resolveFilename;
M._resolveFilename = function (request, ...rest) {
  const m = /^(react|react-dom)(\/.*)?$/.exec(request);
  if (m) return require.resolve(`${target[m[1]!]}${m[2] ?? ''}`);
  return original.call(this, request, ...rest);
};
