// `npm run test:load`: duplicate storms, two replicas, kill -9, platform faults and a
// database outage, each asserting exact counts, on the PostgreSQL at 127.0.0.1:5432. One file at a
// time: they spawn processes and measure rates, and must not compete with each other for two cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
