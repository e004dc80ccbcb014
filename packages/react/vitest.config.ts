import { defineConfig, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

const include = ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'];

/**
 * Two projects over the same tests, so the peer range `^18 || ^19` is exactly what runs:
 * React 19 (the devDependency) and React 18 (the `react-18` / `react-dom-18` aliases).
 */
export default mergeConfig(
  sourceConditions,
  defineConfig({
    test: {
      // Component tests run in happy-dom; the SSR test opts into `node` with a file comment.
      environment: 'happy-dom',
      projects: [
        { extends: true, test: { name: 'react19', include, env: { REACT_MAJOR: '19' } } },
        {
          extends: true,
          test: {
            name: 'react18',
            include,
            env: { REACT_MAJOR: '18' },
            setupFiles: ['test/react18.setup.ts'],
          },
          resolve: {
            alias: [{ find: /^react(-dom)?(\/.*)?$/, replacement: 'react$1-18$2' }],
          },
        },
      ],
    },
  }),
);
