// The one size measurement of the repository (size.mjs's gates and bench/src/bundle.mjs): an
// entry bundled and minified with esbuild, then gzip -9. Dependencies are bundled in (the user
// ships them); peers, other @cobrowse-kit packages and node: builtins stay external (counted
// where they live), and on platform 'node' bare builtins too.
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const builtins = new Set(builtinModules);

/**
 * Min and min+gzip bytes of `entry` (a file) or `stdin` (source resolved from `cwd`).
 *
 * @example
 * ```js
 * await measure({ entry: 'dist/index.js', cwd: process.cwd(), peers: ['react'] });
 * // { minBytes: 1802, gzipBytes: 899 }
 * ```
 */
export async function measure({ entry, stdin, cwd, peers = [], platform = 'browser' }) {
  const isExternal = (id) =>
    id.startsWith('node:') ||
    (platform === 'node' && builtins.has(id.split('/')[0])) ||
    id.startsWith('@cobrowse-kit/') ||
    peers.some((p) => id === p || id.startsWith(`${p}/`));
  const out = await build({
    ...(stdin ? { stdin: { contents: stdin, resolveDir: cwd } } : { entryPoints: [entry] }),
    absWorkingDir: cwd,
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform,
    logLevel: 'silent',
    plugins: [
      {
        name: 'externalize-peers',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            a.kind !== 'entry-point' && isExternal(a.path)
              ? { path: a.path, external: true }
              : null,
          );
        },
      },
    ],
  });
  const code = out.outputFiles[0].contents;
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
