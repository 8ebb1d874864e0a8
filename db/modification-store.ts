// The modification projection (R8: written with the events by write-store.ts) as read and locked:
// rows are locked FOR UPDATE in number order, so two commands on one modification run one after the
// other and writers that touch several never deadlock by ordering.
import { asc, inArray, sql } from 'drizzle-orm';
import type { LockedModification, StoreTx } from '../src/app/store.ts';
import type { Modification } from '../src/domain/modification.ts';
import type { Q } from './client.ts';
import { modifications } from './schema/modifications.ts';

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

export async function streamVersions(q: Q): Promise<Map<number, number>> {
  const rows = await q.select({ n: modifications.number, v: modifications.version }).from(modifications);
  return new Map(rows.map((r) => [r.n, r.v]));
}

export const modificationTx = (
  q: Q,
): Pick<StoreTx, 'lastNumber' | 'lockNumbering' | 'lockModifications' | 'allModifications'> => ({
  lastNumber: () => lastNumber(q),
  lockNumbering: async () => {
    await q.execute(sql`select pg_advisory_xact_lock(${NUMBERING_LOCK})`);
  },
  lockModifications: (ns) => lockModifications(q, ns),
  allModifications: () => allModifications(q),
});
