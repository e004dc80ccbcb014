// ng-packagr copies the source manifest into dist/. `publishConfig` only tells pnpm to publish
// (and link workspace consumers to) dist/ itself; inside dist/ it would point at dist/dist.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../dist/package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(file, 'utf8'));
delete pkg.publishConfig;
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
