import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type Options, defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

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
      `${file}: ${(code.length / 1000).toFixed(1)} kB min, ${(gz / 1000).toFixed(1)} kB min+gzip`,
    );
  }
}

/**
 * `@rrweb/record` inlines its canvas worker (image-bitmap → data URL) as a ~3 kB source string and
 * wraps it in a Blob when the module loads. The worker only runs with `recordCanvas` +
 * `sampling.canvas`, and the sdk never records canvas (mirror/record.ts), so the CDN bundle gets
 * an empty worker source instead (~0.8 kB gzip). If rrweb changes, this warns and keeps the
 * original; the size gate in `check:package` then reports the growth.
 */
const noCanvasWorker: Plugin = {
  name: 'cobrowse-kit:no-rrweb-canvas-worker',
  setup(build) {
    build.onLoad({ filter: /[\\/]@rrweb[\\/]record[\\/]dist[\\/]record\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const out = code.replace(/^const jsContent = '.*';$/m, "const jsContent = '';");
      if (out === code) {
        console.warn(`${args.path}: rrweb's canvas worker source not found; kept as is`);
      }
      return { contents: out, loader: 'js' };
    });
  },
};

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
    esbuildPlugins: [noCanvasWorker],
    esbuildOptions(options) {
      // Bundle core from its TypeScript sources: no prior core build needed, and tree-shaking sees
      // through to exactly what the sdk uses.
      options.conditions = ['@cobrowse-kit/source', 'browser', 'import', 'default'];
      options.legalComments = 'none';
    },
    onSuccess: async () => checkBundles(),
  },
]);
