import { defineConfig } from 'tsup';
import { preset } from '../../tooling/tsup.preset';

export default defineConfig(
  preset({
    entry: { index: 'src/index.ts' },
    // tsup's extra rollup tree-shaking pass drops module-level directives ("use client" was
    // ignored); esbuild alone keeps the entry's `'use client'` at the top of dist/index.js, which
    // RSC frameworks need to treat the package as client code. check:package verifies it.
    treeshake: false,
  }),
);
