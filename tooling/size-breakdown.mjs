#!/usr/bin/env node
// Where the bytes of a source entry go: the whole entry min+gzip (same settings as size.mjs), and
// for each area (a group of re-exports) its marginal gzip cost — the entry's size minus the size
// of the entry without that area — plus the cost of the message text.
// Usage (from packages/core): node ../../tooling/size-breakdown.mjs
// It reads src/index.ts's `export … from './x'` lines as the areas.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const entry = readFileSync('src/index.ts', 'utf8');
const areas = [...entry.matchAll(/^export (?:\*|\{[^}]*\}) from '(\.\/[\w/-]+)';$/gms)].map((m) => [
  m[1],
  m[0],
]);

const emptyMessages = {
  name: 'empty-messages',
  setup(b) {
    b.onLoad({ filter: /messages\.ts$/ }, (a) => {
      const names = [...readFileSync(a.path, 'utf8').matchAll(/export const (\w+)/g)];
      return { contents: names.map((m) => `export const ${m[1]} = '';`).join('\n'), loader: 'ts' };
    });
  },
};

async function size(contents, plugins = []) {
  const out = await build({
    stdin: { contents, resolveDir: 'src', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    external: ['jose'],
    plugins,
  });
  const code = out.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const whole = await size(entry);
console.log(`entry          min ${whole.min}  gzip ${whole.gzip}`);
const noText = await size(entry, [emptyMessages]);
console.log(`message text   gzip ${whole.gzip - noText.gzip}`);
for (const [name, line] of areas) {
  const rest = areas.filter(([n]) => n !== name).map(([, l]) => l);
  const without = await size(rest.join('\n'));
  const alone = await size(line);
  console.log(
    `${name.padEnd(14)} marginal gzip ${String(whole.gzip - without.gzip).padStart(5)}  alone ${alone.gzip}`,
  );
}
