// Deadlines are rows, not timers: written and settled by the one write statement (write-store.ts),
// and claimed here by the scheduler with FOR UPDATE SKIP LOCKED so replicas never fire one twice (R48).
import { and, asc, eq, lte } from 'drizzle-orm';
import type { DeadlineRow, StoreTx } from '../src/app/store.ts';
import type { Q } from './client.ts';
import { deadlines } from './schema/deadlines.ts';
import { modifications } from './schema/modifications.ts';

const columns = {
  id: deadlines.id,
  stream: deadlines.stream,
  what: deadlines.what,
  due: deadlines.due,
  status: deadlines.status,
  calendarVersion: deadlines.calendarVersion,
  reminder: deadlines.reminder,
  subject: deadlines.subject,
};

/**
 * Claims due deadlines and their modifications' rows together, skipping any that another replica
 * holds: a second scheduler moves on to other modifications instead of queueing behind the first.
 * The modification is locked before its deadline (the OF list's order), as commands lock them. In the
 * other order, a claim that found a modification held by the other replica had already locked that
 * modification's remaining deadline rows, and kept them locked until its transaction ended. The other
 * replica, claiming again in that moment, skipped them and found nothing: both stopped with due
 * deadlines unfired until the next tick (seen under load: 50 of 10,000 left pending, one batch).
 */
export async function claimDue(q: Q, now: Date, limit: number): Promise<DeadlineRow[]> {
  return q
    .select(columns)
    .from(deadlines)
    .innerJoin(modifications, eq(modifications.number, deadlines.stream))
    .where(and(eq(deadlines.status, 'pending'), lte(deadlines.due, now)))
    .orderBy(asc(deadlines.due), asc(deadlines.created))
    .limit(limit)
    .for('update', { of: [modifications, deadlines], skipLocked: true });
}

export const deadlineTx = (q: Q): Pick<StoreTx, 'claimDueDeadlines'> => ({
  claimDueDeadlines: (now, limit) => claimDue(q, now, limit),
});
