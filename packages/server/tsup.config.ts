import { defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';

export default defineConfig([
  // Both builds run at once: the library build cleans dist but spares the CLI's output.
  preset({ entry: { index: 'src/index.ts' }, platform: 'node', clean: ['!cli.js', '!cli.js.map'] }),
  // The bin gets its shebang and imports the library build instead of bundling a second copy;
  // no declarations, nobody imports it. `clean: false` so the builds keep each other's output.
  preset({
    entry: { cli: 'src/cli.ts' },
    platform: 'node',
    dts: false,
    clean: false,
    external: ['./index.js'],
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
