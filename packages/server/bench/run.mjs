// Bundles a benchmark from TypeScript sources (workspace packages through their source
// condition, so no prior build is needed) and runs it.
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const name = process.argv[2] ?? 'relay-latency';
const outDir = fileURLToPath(new URL('../node_modules/.cache/cobrowse-kit-bench', import.meta.url));
await build({
  entry: { [name]: fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) },
  outDir,
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  config: false,
  dts: false,
  silent: true,
  noExternal: [/^@cobrowse-kit\//],
  external: ['ws'],
  esbuildOptions(options) {
    options.conditions = ['@cobrowse-kit/source'];
  },
});
await import(`${outDir}/${name}.js`);
