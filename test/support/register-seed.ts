// Fills the register to a size (R85, QUALITY.md P9): copies of the modifications already there, made in
// SQL (thousands of commands through the engine would take minutes). Each copy gets the next number,
// its reference, its title with ` #<number>` appended, its template's deadline rows, and its template's
// events (all of them, or only those the timeline draws). The copies' hash chains are not valid: a world for reading, not for audit.
import { sql } from 'drizzle-orm';
import type { OpenStore } from '../../db/open.ts';
import { TIMELINE_EVENTS } from '../../db/register-store.ts';
import { query } from './databases.ts';

export async function seedCopies(
  store: OpenStore,
  total: number,
  opts: { events?: 'timeline' | 'all' } = {},
): Promise<void> {
  const [r] = await query<{ n: number | string; k: number | string }>(
    store,
    'select max(number) as n, count(*) as k from modifications',
  );
  const last = Number(r?.n ?? 0);
  const templates = Number(r?.k ?? 0);
  if (templates === 0) throw new Error('seedCopies needs modifications to copy');
  if (total <= last) return;
  // Template i (1-based, by number order) for copy n: the ((n - 1) mod k + 1)-th modification.
  const picked = sql`with t as (select row_number() over (order by number) as i, * from modifications where number <= ${last}),
    c as (select n, t.* from generate_series(${last + 1}::int, ${total}::int) n join t on t.i = ((n - 1) % ${templates}) + 1)`;
  await store.db.execute(sql`${picked}
    insert into modifications (number, ref, status, title, proposer, raised_at, version, head, state)
    select n, (case when (state->>'isMP')::boolean then 'MP' else 'DP' end) || lpad(n::text, 3, '0'),
      status, title || ' #' || n, proposer, raised_at, version, head,
      jsonb_set(jsonb_set(state, '{number}', to_jsonb(n)), '{title}', to_jsonb(title || ' #' || n))
    from c`);
  const types =
    opts.events === 'all'
      ? sql`true`
      : sql`e.type in (${sql.join(
          TIMELINE_EVENTS.map((t) => sql`${t}`),
          sql`, `,
        )})`;
  await store.db.execute(sql`${picked}
    insert into events (stream, seq, type, payload, actor, platform, delivery_id, command_text, at, prev_hash, hash)
    select c.n, e.seq, e.type, e.payload, e.actor, e.platform, null, e.command_text, e.at, e.prev_hash, e.hash
    from c join events e on e.stream = c.number and ${types}`);
  await store.db.execute(sql`${picked}
    insert into deadlines (id, stream, what, due, status, calendar_version, reminder, subject, fired_at, last_error)
    select d.id || '.' || c.n, c.n, d.what, d.due, d.status, d.calendar_version, d.reminder, d.subject, d.fired_at, d.last_error
    from c join deadlines d on d.stream = c.number`);
}
