// React Server Components frameworks treat a package as client code only when its entry starts
// with the 'use client' directive; bundlers drop it easily, so the built file is checked.
import { readFileSync } from 'node:fs';

const file = 'dist/index.js';
if (!/^['"]use client['"]/.test(readFileSync(file, 'utf8'))) {
  console.error(
    `${file} does not start with 'use client'. Check tsup.config.ts (treeshake must stay off).`,
  );
  process.exit(1);
}
console.log(`${file} starts with 'use client'`);
