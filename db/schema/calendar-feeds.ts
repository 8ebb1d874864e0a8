// R84: one calendar feed per person. The address is derived from SEC_WEB_SECRET, the person and the
// generation (src/app/web-links.ts); only its SHA-256 is kept, so a copy of this table opens no feed.
// `calendar reset` clears the hash (the old address answers 404); the next `calendar` moves to the
// next generation, a new address.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const calendarFeeds = pgTable('calendar_feeds', {
  personId: text('person_id').primaryKey(),
  generation: integer('generation').notNull(),
  /** Hex SHA-256 of the live token; null once reset. */
  tokenHash: text('token_hash').unique('calendar_feeds_token_hash'),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});
