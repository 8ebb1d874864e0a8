// P8: a command's cost must not grow with what the database has accumulated. The write statement's
// update of the delivery outcome joined a record set PostgreSQL estimates at 100 rows, and so scanned
// every delivery ever recorded (one per click) on every vote. Here, with 20,000 recorded deliveries,
// the plan of a vote-sized write batch must reach each table it updates through an index.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { openStore, type OpenStore } from '../../db/open.ts';
import { batchStatement } from '../../db/write-store.ts';
import type { WriteBatch } from '../../src/app/store.ts';
import { NO_WRITES } from '../../src/app/store.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';

if (pgUnreachable) throw new Error(`query plans are PostgreSQL's, which is needed here: ${pgUnreachable}`);

describe('P8: the write statement on a database with a long past (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let store: OpenStore;

  beforeAll(async () => {
    database = await createPgDatabase();
    store = await openStore({ databaseUrl: database.url });
    await store.db.execute(sql`
      insert into deliveries (delivery_id, outcome, at)
      select 'slack:U' || i || ':1.0', '{"ok": true, "code": null, "reply": "done"}'::jsonb, now()
      from generate_series(1, 20000) i`);
    await store.db.execute(sql`analyze deliveries`);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('a delivery outcome is written through the primary key, not a scan of every delivery', async () => {
    const batch: WriteBatch = {
      ...NO_WRITES,
      deliveries: [
        { deliveryId: 'slack:U77:1.0', outcome: { ok: true, code: null, reply: 'Your vote: Approve' } },
      ],
    };
    const statement = batchStatement(batch);
    if (!statement) throw new Error('no statement for a delivery outcome');
    const plan = rowsOf<{ 'QUERY PLAN': string }>(
      await store.db.execute(sql`explain (costs off) ${statement}`),
    ).map((r) => r['QUERY PLAN']);
    expect(plan.join('\n')).toMatch(/Update on deliveries/);
    expect(plan.filter((l) => /Seq Scan on deliveries/.test(l))).toEqual([]);
    expect(plan.join('\n')).toMatch(/Index.* on deliveries_pkey|deliveries_pkey/);
  });
});
