import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The load and fault tests run on their own: `npm run test:load` (vitest.load.config.ts).
    exclude: ['test/load/**', '**/node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time, whatever the core count. Vitest's default is one fewer than the cores,
    // which on a 2-core machine runs the files one by one: 732 s for the suite, measured, where its files
    // mostly wait on PostgreSQL, spawned processes and local HTTP servers. Two at a time took 354 s on
    // the same machine and three 359 s (contention), so two it is.
    maxWorkers: 2,
  },
});
