// R81: a person's notification preferences and what the bot knows of their surfaces. Not process state
// (no event, no history): `notify digest off|on` switches the personal Monday digest, and the first time
// a person opens the bot's Slack Home tab is kept, so the Home tab is refreshed only for those who use it.
import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const personPrefs = pgTable('person_prefs', {
  personId: text('person_id').primaryKey(),
  /** The personal Monday digest (default on). */
  digest: boolean('digest').notNull().default(true),
  /** When the person first opened the Slack Home tab; null: never, so it is never published. */
  slackHomeAt: timestamp('slack_home_at', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
