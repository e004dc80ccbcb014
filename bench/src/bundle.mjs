#!/usr/bin/env node
// bundle: min + gzip bytes of every package entry, with tooling/size.mjs's rules (dependencies
// bundled in, peers + other @cobrowse-kit packages + node builtins external), and the baseline
// rebuilt in the same run with the same esbuild: `@rrweb/record` (and `@rrweb/replay`, for the
// agent side). Sizes are deterministic, so one pass is the measurement. Reads built dist/ files:
// run `pnpm build` first (turbo's `bench` task does). Output: bench-results/bundle.json.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import { measure as measureEntry } from '../../tooling/measure.mjs';
import { benchDir, environment, repoRoot, round2, versionOf, writeResult } from './lib.mjs';

const NODE_PACKAGES = new Set(['@cobrowse-kit/server', '@cobrowse-kit/test-harness']);

/** tooling/measure.mjs's measurement (the size gates'), in decimal kB too. */
async function measure(options) {
  const m = await measureEntry(options);
  return { ...m, gzipKB: round2(m.gzipBytes / 1000) };
}

/** Every JS entry of a package's exports map: [subpath, file relative to base]. */
function entries(exportsMap) {
  const out = [];
  for (const [sub, target] of Object.entries(exportsMap ?? {})) {
    if (sub === './package.json') continue;
    const file =
      typeof target === 'string' ? target : (target.default ?? target.import ?? target.browser);
    if (typeof file === 'string' && /\.(m?js)$/.test(file)) out.push([sub, file]);
  }
  return out;
}

const packages = [];
const packagesDir = join(repoRoot, 'packages');
for (const dir of readdirSync(packagesDir).sort()) {
  const pkgDir = join(packagesDir, dir);
  const pkgFile = join(pkgDir, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  if (pkg.private) continue;
  // ng-packagr puts the exports map in dist/package.json.
  let base = pkgDir;
  let exportsMap = pkg.exports;
  if (!exportsMap && existsSync(join(pkgDir, 'dist', 'package.json'))) {
    base = join(pkgDir, 'dist');
    exportsMap = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8')).exports;
  }
  const peers = Object.keys(pkg.peerDependencies ?? {});
  for (const [sub, file] of entries(exportsMap)) {
    const abs = join(base, file);
    const name = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
    const platform =
      NODE_PACKAGES.has(pkg.name) || /server/.test(sub) || file.includes('/src/')
        ? 'node'
        : 'browser';
    if (!existsSync(abs)) {
      packages.push({ entry: name, file, error: 'not built: run pnpm build first' });
      continue;
    }
    try {
      packages.push({
        entry: name,
        file,
        platform,
        ...(await measure({ entry: abs, cwd: pkgDir, peers, platform })),
      });
    } catch (e) {
      packages.push({ entry: name, file, platform, error: String(e.message ?? e).split('\n')[0] });
    }
  }
}

const baselines = {
  '@rrweb/record': await measure({
    stdin: "export { record } from '@rrweb/record';",
    cwd: benchDir,
    peers: [],
    platform: 'browser',
  }),
  '@rrweb/replay': await measure({
    stdin: "export { Replayer } from '@rrweb/replay';",
    cwd: benchDir,
    peers: [],
    platform: 'browser',
  }),
};

const find = (entry) => packages.find((p) => p.entry === entry);
const check = (entry, limitBytes) => {
  const p = find(entry);
  return p?.gzipBytes === undefined
    ? { entry, limitBytes, met: null }
    : { entry, limitBytes, gzipBytes: p.gzipBytes, met: p.gzipBytes <= limitBytes };
};
const customer = find('@cobrowse-kit/sdk/iife/customer.js');
const targets = [
  check('@cobrowse-kit/sdk/iife/customer.js', 30_000),
  check('@cobrowse-kit/core', 5_000),
  check('@cobrowse-kit/react', 1_000),
  check('@cobrowse-kit/vue', 1_000),
  check('@cobrowse-kit/angular', 1_000),
];
const result = {
  name: 'bundle',
  unit: 'bytes (min + gzip -9, esbuild esm; peers, @cobrowse-kit/*, node builtins external)',
  packages,
  baselines,
  ratio: {
    customerIifeOverRrwebRecord: customer?.gzipBytes
      ? round2(customer.gzipBytes / baselines['@rrweb/record'].gzipBytes)
      : null,
    agentIifeOverRrwebReplay: find('@cobrowse-kit/sdk/iife/agent.js')?.gzipBytes
      ? round2(
          find('@cobrowse-kit/sdk/iife/agent.js').gzipBytes / baselines['@rrweb/replay'].gzipBytes,
        )
      : null,
  },
  targets,
  env: environment({
    versions: {
      esbuild: esbuildVersion,
      '@rrweb/record': versionOf('@rrweb/record'),
      '@rrweb/replay': versionOf('@rrweb/replay'),
    },
  }),
};
const file = writeResult('bundle', result);
console.log('bundle (min + gzip)');
for (const p of packages) {
  console.log(
    `  ${p.entry.padEnd(42)} ${p.error ? p.error : `${String(p.gzipBytes).padStart(7)} B  (${p.gzipKB} kB${p.platform === 'node' ? ', node' : ''})`}`,
  );
}
for (const [name, b] of Object.entries(baselines)) {
  console.log(
    `  baseline ${name.padEnd(33)} ${String(b.gzipBytes).padStart(7)} B  (${b.gzipKB} kB)`,
  );
}
console.log(
  `  ratio customer IIFE / @rrweb/record: ${result.ratio.customerIifeOverRrwebRecord}×; agent IIFE / @rrweb/replay: ${result.ratio.agentIifeOverRrwebReplay}×`,
);
for (const t of targets) {
  console.log(
    `  target ${t.entry} ≤ ${t.limitBytes} B: ${t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met'}`,
  );
}
console.log(`  → ${file}`);
