// `npm run test:load` (issue 6 §1): duplicate storms, two replicas, kill -9, platform faults and a
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
    // One known driver bug, and only it, is reported instead of failing the run: postgres.js 3.4.9
    // writes to a socket it has already closed when the database drops mid-write (porsager/postgres
    // #1066, #1154, #1208; fixes unreleased). test/load/db-outage.test.ts cuts the database and meets it
    // about one run in twenty; its own assertions (nothing lost, nothing half-written) still hold.
    // Reproduction: test/load/pending-postgres-nextwrite.test.ts.txt. In the bot it ends the process,
    // and a restart loses nothing (every command is one transaction).
    onUnhandledError(error) {
      const known =
        error.message === "Cannot read properties of null (reading 'write')" &&
        /postgres[/\\]src[/\\]connection\.js/.test(error.stack ?? '');
      if (known) {
        // eslint-disable-next-line no-console -- the run must say what it let through
        console.warn(`known postgres.js bug during a database outage, not failing the run: ${error.message}`);
      }
      return !known;
    },
  },
});
