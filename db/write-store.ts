// A unit of work's writes in one statement: events, projections, deadline rows and their
// settlements, votes, outbox and delivery outcomes as data-modifying CTEs, each fed one JSON
// parameter. A vote used to cost five round trips here, a scheduler batch six; each round trip is a
// socket write and a parse on both sides. The parts share one snapshot and cannot see each other's
// rows, so they touch different tables, except the deadlines, whose new rows are settled before
// insertion (writeBatch) so that the update only ever meets older rows.
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { audienceLabel } from '../src/app/notification.ts';
import type { WriteBatch } from '../src/app/store.ts';
import { refOf } from '../src/domain/modification.ts';
import type { Q } from './client.ts';
import { eventRecord, insertEvents } from './event-store.ts';

const param = (rows: readonly unknown[]): string => JSON.stringify(rows);

function parts(b: WriteBatch): SQL[] {
  const out: SQL[] = [];
  if (b.events.length) {
    out.push(sql`ev as (${insertEvents(param(b.events.map(eventRecord)))})`);
  }
  if (b.modifications.length) {
    const json = param(
      b.modifications.map(({ state: m, head }) => ({
        number: m.number,
        ref: refOf(m),
        status: m.status,
        title: m.title,
        proposer: m.proposer,
        raised_at: m.raisedAt,
        version: head.seq,
        head: head.hash,
        state: m,
      })),
    );
    out.push(sql`mo as (
      insert into modifications (number, ref, status, title, proposer, raised_at, version, head, state)
      select number, ref, status, title, proposer, raised_at, version, head, state
      from jsonb_to_recordset(${json}::jsonb) as x(number int, ref text, status text, title text, proposer text,
        raised_at timestamptz, version int, head text, state jsonb)
      order by number
      on conflict (number) do update set ref = excluded.ref, status = excluded.status, title = excluded.title,
        proposer = excluded.proposer, version = excluded.version, head = excluded.head, state = excluded.state)`);
  }
  if (b.newDeadlines.length) {
    const json = param(
      b.newDeadlines.map((r) => ({
        id: r.id,
        stream: r.stream,
        what: r.what,
        due: r.due.toISOString(),
        status: r.status,
        calendar_version: r.calendarVersion,
        reminder: r.reminder,
        subject: r.subject,
        fired_at: r.firedAt?.toISOString() ?? null,
        last_error: r.lastError ?? null,
      })),
    );
    // With ordinality: `created` (the tie-break after the due time, R69) follows the staging order.
    out.push(sql`dn as (
      insert into deadlines (id, stream, what, due, status, calendar_version, reminder, subject, fired_at, last_error)
      select v->>'id', (v->>'stream')::int, v->>'what', (v->>'due')::timestamptz, v->>'status',
        v->>'calendar_version', (v->>'reminder')::boolean, v->>'subject', (v->>'fired_at')::timestamptz, v->>'last_error'
      from jsonb_array_elements(${json}::jsonb) with ordinality as e(v, ord)
      order by ord)`);
  }
  if (b.deadlineChanges.length) {
    const json = param(
      b.deadlineChanges.map((c) => ({
        id: c.id,
        status: c.status,
        at: c.status === 'cancelled' ? null : c.at.toISOString(),
        error: c.error ?? null,
      })),
    );
    // `id = any(array(...))` keeps the primary-key index: a plain join on the record set seq-scans.
    out.push(sql`dv as (select * from jsonb_to_recordset(${json}::jsonb) as v(id text, status text, at timestamptz, error text)),
    ds as (
      update deadlines d
      set status = dv.status, fired_at = coalesce(dv.at, d.fired_at), last_error = coalesce(dv.error, d.last_error)
      from dv
      where d.id = any(array(select id from dv)) and d.id = dv.id and d.status = 'pending')`);
  }
  if (b.votes.length) {
    const json = param(
      b.votes.map((v) => ({
        stream: v.stream,
        ballot_id: v.ballotId,
        voter: v.voter,
        seat: v.seat,
        solution: v.solution,
        option: v.option,
        at: v.at.toISOString(),
      })),
    );
    out.push(sql`vo as (
      insert into votes (stream, ballot_id, voter, seat, solution, option, at)
      select stream, ballot_id, voter, seat, solution, option, at
      from jsonb_to_recordset(${json}::jsonb) as x(stream int, ballot_id text, voter text, seat text, solution text,
        option text, at timestamptz)
      on conflict (stream, ballot_id, voter, solution)
      do update set option = excluded.option, seat = excluded.seat, at = excluded.at)`);
  }
  if (b.outbox.length) {
    const json = param(
      b.outbox.map(({ note: n, at }) => ({
        key: n.key,
        audience: audienceLabel(n.to),
        payload: {
          to: n.to,
          text: n.text,
          ...(n.card ? { card: n.card } : {}),
          ...(n.file ? { file: n.file } : {}),
          ...(n.home ? { home: true } : {}),
        },
        at: at.toISOString(),
      })),
    );
    out.push(sql`ob as (
      insert into outbox (key, audience, payload, status, attempts, next_attempt_at, created_at)
      select key, audience, payload, 'pending', 0, at, at
      from jsonb_to_recordset(${json}::jsonb) as x(key text, audience text, payload jsonb, at timestamptz)
      on conflict (key) do nothing)`);
  }
  if (b.deliveries.length) {
    const json = param(b.deliveries.map((d) => ({ delivery_id: d.deliveryId, outcome: d.outcome })));
    // As for the deadlines: `any(array(...))` keeps the primary-key index. A plain join on the record
    // set (estimated at 100 rows) hash-joined a sequential scan of every delivery ever recorded: one
    // vote's cost grew with every click before it (P8).
    out.push(sql`dd as (select * from jsonb_to_recordset(${json}::jsonb) as x(delivery_id text, outcome jsonb)),
    dl as (
      update deliveries d set outcome = dd.outcome
      from dd
      where d.delivery_id = any(array(select delivery_id from dd)) and d.delivery_id = dd.delivery_id)`);
  }
  return out;
}

/** The one statement that writes `batch`; undefined when there is nothing to write. */
export function batchStatement(batch: WriteBatch): SQL | undefined {
  const ctes = parts(batch);
  return ctes.length === 0 ? undefined : sql`with ${sql.join(ctes, sql`, `)} select 1`;
}

/** Everything in one statement; nothing to write, no statement. */
export async function writeBatch(q: Q, batch: WriteBatch): Promise<void> {
  const statement = batchStatement(batch);
  if (statement) await q.execute(statement);
}
