#!/usr/bin/env node
// Reports min+gzip size of built entries, in bytes and decimal kB (1 kB = 1000 B, the unit of
// benchmarks.md). Dependencies are bundled in (the user ships them);
// peers, other @cobrowse-kit packages and node: builtins stay external (counted where they live).
// Usage (from a package folder): node ../../tooling/size.mjs dist/index.js [--max BYTES]
import { readFileSync } from 'node:fs';
import { measure } from './measure.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const peers = Object.keys(pkg.peerDependencies ?? {});

const args = process.argv.slice(2);
const maxIdx = args.indexOf('--max');
const max = maxIdx >= 0 ? Number(args[maxIdx + 1]) : undefined;
const files = args.filter((_, i) => maxIdx < 0 || (i !== maxIdx && i !== maxIdx + 1));
let failed = false;
for (const file of files) {
  const { minBytes, gzipBytes: gz } = await measure({ entry: file, cwd: process.cwd(), peers });
  const line = { file, minBytes, gzipBytes: gz, gzipKB: +(gz / 1000).toFixed(2) };
  console.log(JSON.stringify(line));
  if (max !== undefined && gz > max) {
    console.error(`size: ${file} is ${gz} B gzip, over the ${max} B budget`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
