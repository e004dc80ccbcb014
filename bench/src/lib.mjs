// Shared helpers for the benchmarks: statistics, the environment block, result files.
// Method (docs: /work/shared/design/benchmarks.md): subject and baseline in the same run,
// interleaved, median + p95 + ratio, never a timed assertion.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(benchDir, '..');
export const resultsDir = join(repoRoot, 'bench-results');

/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty list. */
export function percentile(xs, p) {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round2 = (x) => Math.round(x * 100) / 100;

/** { n, p50, p95, p99, min, max, mean } rounded to 0.01. */
export function stats(xs) {
  const mean = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  return {
    n: xs.length,
    p50: round2(percentile(xs, 50)),
    p95: round2(percentile(xs, 95)),
    p99: round2(percentile(xs, 99)),
    min: round2(Math.min(...xs)),
    max: round2(Math.max(...xs)),
    mean: round2(mean),
  };
}

function gitSha() {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
    const dirty = execFileSync('git', ['status', '--porcelain'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    return { sha: sha.trim(), dirty: dirty.trim().length > 0 };
  } catch {
    return { sha: 'unknown', dirty: null };
  }
}

/** Version of an installed package, read from its package.json (resolved from bench/). */
export function versionOf(name) {
  try {
    const p = join(benchDir, 'node_modules', name, 'package.json');
    return JSON.parse(readFileSync(p, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** The environment block every result carries. */
export function environment(extra = {}) {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    loadavg: loadavg().map(round2),
    git: gitSha(),
    ...extra,
  };
}

/** Writes bench-results/<name>.json and returns its path. */
export function writeResult(name, result) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A positive integer from an env var, or the default. */
export function envInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/**
 * A minified browser IIFE of `contents` (resolved from bench/src), assigned to `globalName`: how
 * the benchmarks load plain rrweb into a page as their baseline.
 */
export async function browserBundle(contents, globalName) {
  const out = await build({
    stdin: { contents, resolveDir: dirname(fileURLToPath(import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    write: false,
  });
  return out.outputFiles[0].text;
}
