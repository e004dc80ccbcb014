import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';

/** The literal the relay replaces with its public URL when serving a bundle (docs/engine.md). */
const PLACEHOLDER = '"__COBROWSE_KIT_PUBLIC_URL__"';
const IIFE = ['customer', 'agent', 'viewer'] as const;

/** Fails the build when a bundle lost the placeholder (the relay could not point it at itself). */
function checkBundles(): void {
  for (const name of IIFE) {
    const file = `dist/iife/${name}.js`;
    const code = readFileSync(file, 'utf8');
    const count = code.split(PLACEHOLDER).length - 1;
    if (count !== 1)
      throw new Error(`${file}: expected ${PLACEHOLDER} exactly once, found ${count}`);
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(
      `${file}: ${(code.length / 1024).toFixed(1)} kB min, ${(gz / 1024).toFixed(1)} kB min+gzip`,
    );
  }
}

export default defineConfig([
  // npm entries: ESM + declarations; dependencies (core, rrweb) stay external.
  preset({
    entry: {
      customer: 'src/customer/index.ts',
      agent: 'src/agent/index.ts',
      protocol: 'src/protocol/index.ts',
    },
    // The IIFE build writes into dist/iife at the same time; leave its files alone.
    clean: ['!iife/**'],
  }),
  // CDN bundles: everything inlined (core from its sources, rrweb), minified, no declarations.
  {
    entry: {
      customer: 'src/iife/customer.ts',
      agent: 'src/iife/agent.ts',
      viewer: 'src/iife/viewer.ts',
    },
    format: ['iife'],
    outDir: 'dist/iife',
    outExtension: () => ({ js: '.js' }),
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    dts: false,
    clean: true,
    splitting: false,
    treeshake: true,
    noExternal: [/.*/],
    esbuildOptions(options) {
      // Bundle core from its TypeScript sources: no prior core build needed, and tree-shaking sees
      // through to exactly what the sdk uses.
      options.conditions = ['@cobrowse-kit/source', 'browser', 'import', 'default'];
      options.legalComments = 'none';
    },
    onSuccess: async () => checkBundles(),
  },
]);
