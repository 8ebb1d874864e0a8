// Deadline rows (principle 3): inserted from DeadlineSet, settled from DeadlineCancelled / Fired,
// and claimed by the scheduler with FOR UPDATE SKIP LOCKED so replicas never fire one twice.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { DeadlineChange, DeadlineRow, StoreTx } from '../src/app/store.ts';
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
 */
export async function claimDue(q: Q, now: Date, limit: number): Promise<DeadlineRow[]> {
  return q
    .select(columns)
    .from(deadlines)
    .innerJoin(modifications, eq(modifications.number, deadlines.stream))
    .where(and(eq(deadlines.status, 'pending'), lte(deadlines.due, now)))
    .orderBy(asc(deadlines.due), asc(deadlines.created))
    .limit(limit)
    .for('update', { of: [deadlines, modifications], skipLocked: true });
}

/** Settles rows still pending, all in one statement (a scheduler batch settles many). */
export async function setStatus(q: Q, changes: readonly DeadlineChange[]): Promise<void> {
  if (changes.length === 0) return;
  // Row by row, the first change to a pending row wins; one statement must see one change per row.
  const first = new Map<string, DeadlineChange>();
  for (const c of changes) if (!first.has(c.id)) first.set(c.id, c);
  const json = JSON.stringify(
    [...first.values()].map((c) => ({
      id: c.id,
      status: c.status,
      at: c.status === 'cancelled' ? null : c.at.toISOString(),
      error: c.error ?? null,
    })),
  );
  // `id = any(array(...))` keeps the primary-key index: a plain join on the record set seq-scans.
  await q.execute(sql`
    with v as (select * from jsonb_to_recordset(${json}::jsonb) as v(id text, status text, at timestamptz, error text))
    update deadlines d
    set status = v.status, fired_at = coalesce(v.at, d.fired_at), last_error = coalesce(v.error, d.last_error)
    from v
    where d.id = any(array(select id from v)) and d.id = v.id and d.status = 'pending'`);
}

export const deadlineTx = (
  q: Q,
): Pick<StoreTx, 'insertDeadlines' | 'setDeadlineStatus' | 'claimDueDeadlines'> => ({
  insertDeadlines: async (rows) => {
    if (rows.length) await q.insert(deadlines).values(rows.map((r) => ({ ...r })));
  },
  setDeadlineStatus: (changes) => setStatus(q, changes),
  claimDueDeadlines: (now, limit) => claimDue(q, now, limit),
});
