// R86: PostgreSQL's connections drop while small writes are queued (the path to the database cut and
// restored five times, 300 ms each, under eight looping transactions; the real server keeps running),
// on the pool db/open.ts builds (poolOptions).
// Found with postgres.js 3.4.9, the driver before: an UNCAUGHT TypeError (`Cannot read properties of
// null (reading 'write')` at connection.js nextWrite) that ended the bot, and reconnected connections
// that never wrote again, so 6 of 8 transactions had not settled 8 s after the database was back.
// postgres 4.1.0 rewrote the connection layer; this test holds it to: a catchable error for each
// transaction in flight, never an uncaught one, and a pool that answers every query afterwards: once
// its reconnection back-off (at most RECONNECT_MAX_S) has run out. Within that window postgres.js 4
// fails fast, rejecting new queries with the refused connection's error instead of queueing them:
// the probes once went out in that window and all 30 were refused (one CI run in two).
import postgres from 'postgres';
import { DEFAULT_QUERY_TIMEOUT_MS, RECONNECT_MAX_S, poolOptions } from '../../db/open.ts';
import { afterAll, expect, it } from 'vitest';
import { startTcpProxy } from '../ops/tcp-proxy.ts';
import { ADMIN_URL } from '../support/databases.ts';

const uncaught: Error[] = [];
const onUncaught = (e: Error) => void uncaught.push(e);
process.on('uncaughtException', onUncaught);
afterAll(() => void process.off('uncaughtException', onUncaught));

it('R86: transactions in flight when the database connection drops fail with a catchable error (never an uncaught exception), and the pool then answers every query', async () => {
  const server = new URL(ADMIN_URL);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL(ADMIN_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  const sql = postgres(url.toString(), poolOptions(DEFAULT_QUERY_TIMEOUT_MS, 10));
  let stop = false;
  const outcomes = { ok: 0, rejected: 0 };
  const workers = Array.from({ length: 8 }, async () => {
    while (!stop) {
      await sql
        .begin(async (tx) => {
          await tx`select 1`;
          await tx`select pg_sleep(0.002)`;
        })
        .then(
          () => outcomes.ok++,
          () => outcomes.rejected++,
        );
      await new Promise((ok) => setTimeout(ok, 2));
    }
  });
  for (let cycle = 0; cycle < 5; cycle++) {
    await new Promise((ok) => setTimeout(ok, 300));
    await proxy.refuse();
    await new Promise((ok) => setTimeout(ok, 300));
    await proxy.forward();
  }
  stop = true;
  let finished = 0;
  for (const w of workers) void w.then(() => finished++);
  await Promise.race([Promise.all(workers), new Promise((ok) => setTimeout(ok, 5000))]);
  // After the database is back and the back-off has run out: do fresh queries all answer?
  await new Promise((ok) => setTimeout(ok, RECONNECT_MAX_S * 1000 + 100));
  const probes = await Promise.all(
    Array.from({ length: 30 }, () =>
      Promise.race([
        sql`select 1`.then(
          () => 'ok',
          () => 'error',
        ),
        new Promise((ok) => setTimeout(() => ok('hung'), 3000)),
      ]),
    ),
  );
  const answered = probes.filter((p) => p === 'ok').length;
  console.log(`transactions settled ${finished}/8; fresh queries answered within 3 s: ${answered}/30`);
  await sql.end({ timeout: 1 });
  await proxy.close();
  expect(outcomes.rejected).toBeGreaterThan(0);
  expect(uncaught.map((e) => e.message)).toEqual([]);
  // And the pool recovers by itself: every transaction settled, every fresh query answered.
  expect(finished).toBe(8);
  expect(answered).toBe(30);
});
