// The business key of a vote (R36): one row per ballot × voter × solution, the latest wins. The
// ballot inside the modification projection keeps every vote; this table makes a repeat harmless
// and gives the register a queryable view.
import { integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

export const votes = pgTable(
  'votes',
  {
    stream: integer('stream').notNull(),
    ballotId: text('ballot_id').notNull(),
    voter: text('voter').notNull(),
    seat: text('seat').notNull(),
    solution: text('solution').notNull(),
    option: text('option').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [unique('votes_ballot_voter').on(t.stream, t.ballotId, t.voter, t.solution)],
);
