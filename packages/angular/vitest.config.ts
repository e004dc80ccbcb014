import angular from '@analogjs/vite-plugin-angular';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

// Components are compiled by Angular's own compiler (through Analog's Vite plugin), exactly as in
// an application: signal inputs and the like do not work under plain JIT.
export default mergeConfig(
  sourceConditions,
  defineConfig({
    plugins: [angular({ tsconfig: 'tsconfig.spec.json' })],
    test: {
      environment: 'jsdom',
      include: ['test/**/*.test.ts'],
      setupFiles: ['test/setup.ts'],
    },
  }),
);
