import { defineConfig, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

export default mergeConfig(
  sourceConditions,
  defineConfig({
    test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], environment: 'happy-dom' },
  }),
);
