// What each platform was sent for each outbox message (R46): one outbox row is delivered
// once to every connected platform, so a retry skips the platforms already done; and a card posted
// before (same card key, same audience) is updated in place at its recorded channel and ts.
import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const platformMessages = pgTable(
  'platform_messages',
  {
    outboxKey: text('outbox_key').notNull(),
    platform: text('platform').notNull(),
    /** The platform's conversation: a Slack channel or DM id. */
    channel: text('channel').notNull(),
    /** The platform's message id (Slack `ts`), what an update in place needs. */
    ts: text('ts').notNull(),
    cardKey: text('card_key'),
    /** `channel:change-board` or `person:<id>` (audienceLabel). */
    audience: text('audience').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'platform_messages_pk', columns: [t.outboxKey, t.platform] }),
    index('platform_messages_card').on(t.platform, t.cardKey, t.audience, t.sentAt),
  ],
);
