// System-wide state outside any modification (R67): the Terms of Reference (one row, id 1) and the
// admin's changes to the holiday calendar (R30: the latest change per date counts).
import { integer, pgTable, text } from 'drizzle-orm/pg-core';

export const systemState = pgTable('system_state', {
  id: integer('id').primaryKey(),
  torVersion: integer('tor_version'),
  torLink: text('tor_link'),
});

export const holidays = pgTable('holidays', {
  /** A London date, YYYY-MM-DD. */
  date: text('date').primaryKey(),
  op: text('op', { enum: ['add', 'remove'] }).notNull(),
  name: text('name'),
});
