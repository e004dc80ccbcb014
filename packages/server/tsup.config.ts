import { defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';

export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, platform: 'node' }),
  // The bin gets its shebang; no declarations, nobody imports it. `clean: false` so the two
  // builds do not delete each other's output.
  preset({
    entry: { cli: 'src/cli.ts' },
    platform: 'node',
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
