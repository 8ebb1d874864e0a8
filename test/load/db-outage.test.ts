// The database stops mid-run and starts again (QUALITY.md reliability goal 5; R8, R36, R46): the
// scenario of support-outage.ts on the store db/open.ts builds, with postgres.js given a bounded
// reconnect back-off (at most ~1 s between attempts, jittered).
//
// Why: with postgres.js's default back-off (`(0.5 + random/2) * min(3^retries / 100, 20)` seconds,
// `retries` shared by the whole pool and grown by every failed connection attempt) a 3 s outage,
// with a few commands a second arriving, sends the pool's reconnects 10-20 s into the future. During
// the outage a command then waits for a connection instead of failing, so Slack's 3 s pass with no
// reply (Bolt answers 404 and the person sees Slack's own timeout); after the database is back,
// commands still hang for up to ~20 s. test/load/pending-db-outage.test.ts.txt runs this scenario on
// openStore() as shipped and fails for that reason; it becomes db-outage.test.ts once db/open.ts
// passes the same `backoff` (db/ is being reworked by another change at the time of writing).
//
// Known to fail about 1 run in 20 with an unhandled "TypeError: Cannot read properties of null (reading
// 'write')" from postgres.js: a real driver bug that would crash the bot or leave pooled connections
// hung, reproduced deterministically in pending-postgres-nextwrite.test.ts.txt (fix outside tests).
import { boundedBackoff, describeOutage, openWithPoolOptions } from './support-outage.ts';

describeOutage(
  'PostgreSQL goes away mid-run and comes back (pool with a bounded reconnect back-off), PostgreSQL',
  openWithPoolOptions({ backoff: boundedBackoff }),
);
