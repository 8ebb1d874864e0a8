// What an operator watches (/metrics): how many messages wait in the outbox and since when,
// and how many deadlines are past due but not fired. One statement, answered from the partial
// indexes on pending rows (outbox_pending_due, deadlines_pending_due), so a scrape stays cheap
// however many sent messages and fired deadlines the tables keep.
import { sql } from 'drizzle-orm';
import type { OpsSnapshot } from '../src/app/ops-port.ts';
import type { Q } from './client.ts';
import { dateOf, rowsOf } from './client.ts';

export async function opsSnapshot(db: Q, now: Date): Promise<OpsSnapshot> {
  const [row] = rowsOf<{ pending: number | string; oldest: unknown; overdue: number | string }>(
    await db.execute(sql`
      select
        (select count(*) from outbox where status = 'pending') as pending,
        (select min(created_at) from outbox where status = 'pending') as oldest,
        (select count(*) from deadlines where status = 'pending' and due < ${now.toISOString()}::timestamptz)
          as overdue`),
  );
  return {
    outboxPending: Number(row?.pending ?? 0),
    oldestPendingAt: row?.oldest === null || row?.oldest === undefined ? null : dateOf(row.oldest),
    deadlinesOverdue: Number(row?.overdue ?? 0),
  };
}
