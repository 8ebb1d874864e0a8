// The outbox (R46) and the processed deliveries (R36). Outbox rows are written with the events
// that caused them; the delivery loop claims due rows in one short statement (SKIP LOCKED) and
// settles them after the platform answered, so no transaction stays open during a send.
import { eq, sql } from 'drizzle-orm';
import type { Notification } from '../src/app/notification.ts';
import type { OutboxMessage } from '../src/app/ports.ts';
import type { OutboxOutcome, StoreTx, StoredOutcome } from '../src/app/store.ts';
import type { Q } from './client.ts';
import { dateOf, rowsOf } from './client.ts';
import { deliveries } from './schema/deliveries.ts';
import { outbox } from './schema/outbox.ts';

interface RawOutbox {
  id: number | string;
  key: string;
  payload: Omit<Notification, 'key'>;
  attempts: number;
  created_at: unknown;
  next_attempt_at: unknown;
}

/** How long a claimed row may stay `sending` before another worker takes it up (crash recovery). */
export const SENDING_LEASE_S = 300;

/** last_error of a card version settled unsent because a newer version of the card was claimed. */
export const SUPERSEDED = 'superseded: a newer version of this card was sent instead';

/** The advisory lock that makes claims take turns (across processes: several replicas, R48). */
export const CLAIM_LOCK = 7_240_046;

/**
 * Claims up to `limit` due rows. Call it in a transaction: it takes CLAIM_LOCK first, so each claim
 * sees the rows the previous one marked `sending`. A card (R46: one message, updated in place) has
 * one version in flight at a time per audience, and only its newest version is claimed: a version
 * waits while another version of the same card to the same audience is being sent (so two workers, or
 * two replicas, can never both find "not posted yet" and post it twice) or while a newer one is still
 * pending (so every intermediate tally is not replayed at 1/s). When the newest is claimed, its older
 * pending versions are settled without a call (`sent`, last_error SUPERSEDED).
 */
export async function claimOutbox(q: Q, now: Date, limit: number): Promise<OutboxMessage[]> {
  // Raw SQL gets no column mapping: pass the instant as text (postgres.js would not serialise a Date).
  const iso = now.toISOString();
  const lease = sql.raw(String(SENDING_LEASE_S));
  await q.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
  const rows = rowsOf<RawOutbox>(
    await q.execute(sql`
      update outbox set status = 'sending', attempts = attempts + 1, claimed_at = clock_timestamp()
      where id in (
        select c.id from outbox c
        where ((c.status = 'pending' and c.next_attempt_at <= ${iso}::timestamptz)
            -- R46: a row claimed by a process that died mid-send is taken up again after the lease;
            -- the platform deliverers check whether it arrived before posting it again. The lease runs
            -- on the database's clock, not the business clock passed in (tests move that one fast).
            or (c.status = 'sending' and c.claimed_at <= clock_timestamp() - interval '${lease} seconds'))
          -- Checked before the limit, so versions waiting behind another never fill the batch. Another
          -- version being sent blocks (as does one left "sending" by a dead process, lower id first: it is
          -- reconciled before anything newer is posted); a pending version waits for a newer pending one.
          and (c.payload->'card' is null or not exists (
            select 1 from outbox s
            where s.audience = c.audience and s.status in ('pending', 'sending') and s.id <> c.id
              and s.payload->'card'->>'key' = c.payload->'card'->>'key'
              and ((s.status = 'sending'
                    and (s.claimed_at > clock_timestamp() - interval '${lease} seconds' or s.id < c.id))
                or (c.status = 'pending' and s.status = 'pending' and s.id > c.id))))
        order by c.next_attempt_at, c.id
        limit ${limit}
        for update skip locked
      )
      returning id, key, payload, attempts, created_at, next_attempt_at`),
  );
  // The older pending versions of a card just claimed will never be shown: settle them now, so they
  // neither wait for a turn of their own nor replay a stale tally.
  const cards = rows
    .filter((r) => (r.payload as { card?: unknown }).card !== undefined)
    .map((r) => Number(r.id));
  if (cards.length) {
    await q.execute(sql`
      update outbox o set status = 'sent', sent_at = clock_timestamp(), last_error = ${SUPERSEDED}
      from outbox n
      where n.id in (${sql.join(
        cards.map((id) => sql`${id}`),
        sql`, `,
      )})
        and o.status = 'pending' and o.audience = n.audience and o.id < n.id
        and o.payload->'card'->>'key' = n.payload->'card'->>'key'`);
  }
  return rows
    .map((r) => ({ r, next: dateOf(r.next_attempt_at).getTime() }))
    .sort((a, b) => a.next - b.next || Number(a.r.id) - Number(b.r.id))
    .map(({ r }) => ({
      ...r.payload,
      key: r.key,
      id: Number(r.id),
      attempts: Number(r.attempts),
      createdAt: dateOf(r.created_at),
    }));
}

export async function settleOutbox(q: Q, results: readonly OutboxOutcome[]): Promise<void> {
  for (const r of results) {
    const set =
      r.status === 'sent'
        ? { status: 'sent' as const, sentAt: r.at, platformRef: r.platformRef ?? null, lastError: null }
        : r.status === 'pending'
          ? { status: 'pending' as const, nextAttemptAt: r.next, lastError: r.error }
          : { status: r.status, lastError: r.error };
    await q.update(outbox).set(set).where(eq(outbox.id, r.id));
  }
}

export const deliveryTx = (q: Q): Pick<StoreTx, 'claimDelivery'> => ({
  claimDelivery: async (deliveryId, at) => {
    // A concurrent transaction with the same id blocks here until it ends, then we see its outcome.
    const fresh = await q
      .insert(deliveries)
      .values({ deliveryId, outcome: null, at })
      .onConflictDoNothing({ target: deliveries.deliveryId })
      .returning({ id: deliveries.deliveryId });
    if (fresh.length) return 'new';
    const [row] = await q
      .select({ outcome: deliveries.outcome })
      .from(deliveries)
      .where(eq(deliveries.deliveryId, deliveryId));
    return (row?.outcome as StoredOutcome | null) ?? { ok: false, code: null, reply: '' };
  },
});
