// The current state of each modification: a projection of its events, written in the same
// transaction as them (R8: the events stay the source). `version` and `head` are the stream's last
// seq and hash: a command that locks the row appends after them without another lookup.
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const modifications = pgTable('modifications', {
  number: integer('number').primaryKey(),
  ref: text('ref').notNull(),
  status: text('status').notNull(),
  title: text('title').notNull(),
  proposer: text('proposer').notNull(),
  raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull(),
  head: text('head').notNull(),
  state: jsonb('state').notNull(),
});
