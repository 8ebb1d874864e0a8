// R36: every platform delivery id seen, with the first outcome, so a retry returns it and writes
// nothing. The row is inserted first in the transaction: a concurrent duplicate waits on it.
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const deliveries = pgTable('deliveries', {
  deliveryId: text('delivery_id').primaryKey(),
  outcome: jsonb('outcome'),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
});
