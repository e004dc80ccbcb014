#!/usr/bin/env node
// Runs examples/integrator-ci the way an outsider would: build the published packages, pack them
// (pnpm pack turns workspace:* into versions), install the tarballs with npm into the example
// (not a workspace member, no links), type-check it, then `npx playwright test` there.
//
//   node scripts/integrator-ci.mjs        (or: pnpm test:integrator)
//
// Exits non-zero when any step fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'integrator-ci');
const packs = join(example, '.packs');
// Every @cobrowse-kit package the example installs: the harness and what it depends on.
const PACKAGES = ['core', 'sdk', 'server', 'test-harness'];

// Run under `pnpm test:integrator`, the environment carries pnpm's own settings as lowercase
// npm_config_* variables, which npm would read as its own (and warn about). The example is an
// npm project: give npm a clean environment (uppercase NPM_CONFIG_* set on purpose are kept).
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      !/^(npm_config_|pnpm_config_|npm_package_|npm_lifecycle_)/.test(k) && k !== 'npm_command',
  ),
);

const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(title, command, args, { cwd = root, env = process.env, capture = false } = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}\n  $ ${[command, ...args].join(' ')}  (in ${cwd})`);
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    // npm/npx/pnpm are .cmd shims on Windows.
    shell: process.platform === 'win32',
  });
  if (result.error) fail(`${title}: could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    if (capture && result.stdout) process.stdout.write(result.stdout);
    fail(`${title} failed (exit ${result.status ?? result.signal})`);
  }
  console.log(`  ✓ ${title} (${secs(Date.now() - t0)})`);
  return result.stdout;
}

function fail(message) {
  console.error(`\n✗ integrator-ci: ${message} after ${secs(Date.now() - started)}`);
  process.exit(1);
}

run('Build the packages', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'build',
  '--filter=@cobrowse-kit/test-harness...',
]);

rmSync(packs, { recursive: true, force: true });
mkdirSync(packs, { recursive: true });
for (const name of PACKAGES) {
  const out = run(
    `Pack @cobrowse-kit/${name}`,
    'pnpm',
    ['pack', '--pack-destination', packs, '--json'],
    { cwd: join(root, 'packages', name), capture: true },
  );
  let filename;
  try {
    filename = JSON.parse(out).filename;
  } catch {
    fail(`could not read pnpm pack's output for @cobrowse-kit/${name}: ${out}`);
  }
  // A stable name, so the example's package.json can point at it whatever the version.
  renameSync(resolve(packs, filename), join(packs, `cobrowse-kit-${name}.tgz`));
}

// No lockfile (it would pin the previous tarballs' integrity) and no previously extracted
// @cobrowse-kit packages, so npm installs these tarballs; third-party packages stay cached.
rmSync(join(example, 'package-lock.json'), { force: true });
rmSync(join(example, 'node_modules', '@cobrowse-kit'), { recursive: true, force: true });
run('Install the example with npm', 'npm', ['install', '--no-audit', '--no-fund'], {
  cwd: example,
  env: npmEnv,
});
run('Type-check the example', 'npx', ['tsc', '-p', 'tsconfig.json'], { cwd: example, env: npmEnv });
run('Run the example’s Playwright spec', 'npx', ['playwright', 'test'], {
  cwd: example,
  env: npmEnv,
});

console.log(`\n✓ integrator-ci passed in ${secs(Date.now() - started)}`);
