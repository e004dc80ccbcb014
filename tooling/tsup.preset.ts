import type { Options } from 'tsup';

/**
 * The one tsup preset every published package builds with: ESM only, declarations, sourcemaps,
 * dependencies external. Kept small so moving to tsdown later is a one-file change.
 */
export function preset(options: Options): Options {
  return {
    format: ['esm'],
    target: 'es2022',
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: true,
    outDir: 'dist',
    ...options,
  };
}
