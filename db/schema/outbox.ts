// The outbox (R46): neutral notifications written in the same transaction as their events and
// delivered later. `key` makes a message unique however often the command is retried; `sending`
// marks a claim in flight, `unknown` a send whose result was never recorded (not blindly repeated).
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull().unique(),
    audience: text('audience').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'unknown'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    platformRef: text('platform_ref'),
  },
  (t) => [
    index('outbox_pending_due')
      .on(t.nextAttemptAt, t.id)
      .where(sql`status = 'pending'`),
    // The claim looks up the other open versions of a card to the same audience (claimOutbox).
    index('outbox_open_by_audience')
      .on(t.audience)
      .where(sql`status in ('pending', 'sending')`),
  ],
);
