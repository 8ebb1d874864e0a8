import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The load and fault tests run on their own: `npm run test:load` (vitest.load.config.ts).
    exclude: ['test/load/**', '**/node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
