// The history (R8): appends hash-chained rows, reads stream heads, one stream's history, and the
// whole log in (stream, seq) order for the audit.
import { asc, sql } from 'drizzle-orm';
import type { EventRow, StoreTx, StreamHead, StoredEvent } from '../src/app/store.ts';
import type { HistoryEntry } from '../src/domain/queries.ts';
import type { Q } from './client.ts';
import { rowsOf } from './client.ts';
import { events } from './schema/events.ts';

/** An event row as the JSON record the insert below reads (also db/write-store.ts's batched write). */
export const eventRecord = (r: EventRow) => ({
  stream: r.stream,
  seq: r.seq,
  type: r.type,
  payload: r.payload,
  actor: r.actor,
  platform: r.platform,
  delivery_id: r.deliveryId,
  command_text: r.commandText,
  at: r.at.toISOString(),
  prev_hash: r.prevHash,
  hash: r.hash,
});

/** The insert of events from a JSON array of eventRecord()s, in stream order. */
export const insertEvents = (json: unknown) => sql`
    insert into events (stream, seq, type, payload, actor, platform, delivery_id, command_text, at, prev_hash, hash)
    select stream, seq, type, payload, actor, platform, delivery_id, command_text, at, prev_hash, hash
    from jsonb_to_recordset(${json}::jsonb) as x(stream int, seq int, type text, payload jsonb, actor text,
      platform text, delivery_id text, command_text text, at timestamptz, prev_hash text, hash text)
    order by stream, seq`;

export async function heads(q: Q, streams: readonly number[]): Promise<Map<number, StreamHead>> {
  const out = new Map<number, StreamHead>();
  if (streams.length === 0) return out;
  const list = sql.join(
    streams.map((s) => sql`(${s}::int)`),
    sql`, `,
  );
  const rows = rowsOf<{ stream: number; seq: number; hash: string }>(
    await q.execute(sql`
      select s.stream, e.seq, e.hash
      from (values ${list}) as s(stream)
      cross join lateral (
        select seq, hash from events where events.stream = s.stream order by seq desc limit 1
      ) e`),
  );
  for (const r of rows) out.set(Number(r.stream), { seq: Number(r.seq), hash: r.hash });
  return out;
}

export async function history(q: Q, stream: number): Promise<HistoryEntry[]> {
  const rows = await q
    .select({ type: events.type, at: events.at, actor: events.actor, payload: events.payload })
    .from(events)
    .where(sql`${events.stream} = ${stream}`)
    .orderBy(asc(events.seq));
  // R73: the payload carries the values the history shows in words (src/domain/history.ts).
  return rows.map((r) => ({
    type: r.type,
    at: r.at.toISOString(),
    actor: r.actor,
    payload: r.payload as Record<string, unknown>,
  }));
}

export async function eventsAfter(
  q: Q,
  after: { stream: number; seq: number } | null,
  limit: number,
): Promise<StoredEvent[]> {
  const where = after ? sql`(${events.stream}, ${events.seq}) > (${after.stream}, ${after.seq})` : sql`true`;
  const rows = await q
    .select()
    .from(events)
    .where(where)
    .orderBy(asc(events.stream), asc(events.seq))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    type: r.type as StoredEvent['type'],
    payload: r.payload as Record<string, unknown>,
  }));
}

export const eventTx = (q: Q): Pick<StoreTx, 'heads' | 'history'> => ({
  heads: (streams) => heads(q, streams),
  history: (stream) => history(q, stream),
});
