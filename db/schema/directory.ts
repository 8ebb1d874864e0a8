// The directory (R1): people with roles, voting groups and alternates; their platform identities;
// the channels per platform. Projected from the system stream's events (R67).
import { sql } from 'drizzle-orm';
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const people = pgTable('people', {
  /** The lower-cased e-mail. */
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  handle: text('handle').unique(),
  roles: text('roles')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  votingGroup: text('voting_group'),
  alternate: text('alternate'),
});

export const identities = pgTable(
  'identities',
  {
    platform: text('platform').notNull(),
    platformId: text('platform_id').notNull(),
    personId: text('person_id').notNull(),
  },
  (t) => [primaryKey({ name: 'identities_pk', columns: [t.platform, t.platformId] })],
);

export const channels = pgTable(
  'channels',
  {
    name: text('name').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
  },
  (t) => [primaryKey({ name: 'channels_pk', columns: [t.name, t.platform] })],
);
