// The history (R8, R67): one append-only row per event, hash-chained per stream. Stream = the
// modification number, 0 for the system stream. UNIQUE(stream, seq) is the optimistic-concurrency
// guard: two writers that read the same head cannot both append.
import { bigserial, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stream: integer('stream').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    actor: text('actor').notNull(),
    platform: text('platform').notNull(),
    deliveryId: text('delivery_id'),
    commandText: text('command_text'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [unique('events_stream_seq').on(t.stream, t.seq)],
);
