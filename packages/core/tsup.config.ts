import { defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';
import pkg from './package.json' with { type: 'json' };

export default defineConfig(
  preset({
    entry: { index: 'src/index.ts', server: 'src/server/index.ts' },
    // src/session/dupes.ts reports this copy's version when two copies share a page ('dev' from
    // sources, e.g. in vitest, where it is not defined).
    define: { __COBROWSE_KIT_VERSION__: JSON.stringify(pkg.version) },
  }),
);
