// The modification projection (R8: updated in the same transaction as the events) and the vote
// business keys (R36). Rows are locked FOR UPDATE in number order, so two commands on one
// modification run one after the other and writers that touch several never deadlock by ordering.
import { asc, inArray, sql } from 'drizzle-orm';
import type { LockedModification, StoreTx } from '../src/app/store.ts';
import type { Modification } from '../src/domain/modification.ts';
import { refOf } from '../src/domain/modification.ts';
import type { Q } from './client.ts';
import { modifications } from './schema/modifications.ts';
import { votes } from './schema/votes.ts';

export async function lastNumber(q: Q): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`coalesce(max(${modifications.number}), 0)` })
    .from(modifications);
  return Number(row?.n ?? 0);
}

/** Transaction-scoped, so it is released at commit whatever connection the pool hands out next. */
export const NUMBERING_LOCK = 0x534543424e4f;

export async function lockModifications(q: Q, numbers: readonly number[]): Promise<LockedModification[]> {
  if (numbers.length === 0) return [];
  const rows = await q
    .select({ state: modifications.state, seq: modifications.version, hash: modifications.head })
    .from(modifications)
    .where(inArray(modifications.number, [...numbers]))
    .orderBy(asc(modifications.number))
    .for('update');
  return rows.map((r) => ({ state: r.state as Modification, head: { seq: r.seq, hash: r.hash } }));
}

export async function allModifications(q: Q): Promise<Modification[]> {
  const rows = await q
    .select({ state: modifications.state })
    .from(modifications)
    .orderBy(asc(modifications.number));
  return rows.map((r) => r.state as Modification);
}

export async function saveModifications(q: Q, rows: readonly LockedModification[]): Promise<void> {
  if (rows.length === 0) return;
  await q
    .insert(modifications)
    .values(
      rows.map(({ state: m, head }) => ({
        number: m.number,
        ref: refOf(m),
        status: m.status,
        title: m.title,
        proposer: m.proposer,
        raisedAt: new Date(m.raisedAt),
        version: head.seq,
        head: head.hash,
        state: m,
      })),
    )
    .onConflictDoUpdate({
      target: modifications.number,
      set: {
        ref: sql`excluded.ref`,
        status: sql`excluded.status`,
        title: sql`excluded.title`,
        proposer: sql`excluded.proposer`,
        version: sql`excluded.version`,
        head: sql`excluded.head`,
        state: sql`excluded.state`,
      },
    });
}

export async function streamVersions(q: Q): Promise<Map<number, number>> {
  const rows = await q.select({ n: modifications.number, v: modifications.version }).from(modifications);
  return new Map(rows.map((r) => [r.n, r.v]));
}

export const modificationTx = (
  q: Q,
): Pick<
  StoreTx,
  | 'lastNumber'
  | 'lockNumbering'
  | 'lockModifications'
  | 'allModifications'
  | 'saveModifications'
  | 'upsertVotes'
> => ({
  lastNumber: () => lastNumber(q),
  lockNumbering: async () => {
    await q.execute(sql`select pg_advisory_xact_lock(${NUMBERING_LOCK})`);
  },
  lockModifications: (ns) => lockModifications(q, ns),
  allModifications: () => allModifications(q),
  saveModifications: (rows) => saveModifications(q, rows),
  upsertVotes: async (rows) => {
    if (rows.length === 0) return;
    // One row per key within the statement (ON CONFLICT cannot touch a row twice): the latest wins.
    const latest = new Map(rows.map((r) => [`${r.stream}|${r.ballotId}|${r.voter}|${r.solution}`, r]));
    await q
      .insert(votes)
      .values([...latest.values()])
      .onConflictDoUpdate({
        target: [votes.stream, votes.ballotId, votes.voter, votes.solution],
        set: { option: sql`excluded.option`, seat: sql`excluded.seat`, at: sql`excluded.at` },
      });
  },
});
