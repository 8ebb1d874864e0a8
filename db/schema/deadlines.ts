// Deadlines are rows, not timers: projected from DeadlineSet / Cancelled / Fired, and
// claimed by runDue with FOR UPDATE SKIP LOCKED in order of due time, then creation.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const deadlines = pgTable(
  'deadlines',
  {
    id: text('id').primaryKey(),
    stream: integer('stream').notNull(),
    what: text('what').notNull(),
    due: timestamp('due', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: ['pending', 'fired', 'cancelled', 'failed'] }).notNull(),
    calendarVersion: text('calendar_version').notNull(),
    reminder: boolean('reminder').notNull(),
    subject: text('subject'),
    /** Creation order, the tie-break after the due time (R69). */
    created: bigserial('created', { mode: 'number' }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
  },
  (t) => [
    index('deadlines_pending_due')
      .on(t.due, t.created)
      .where(sql`status = 'pending'`),
  ],
);
