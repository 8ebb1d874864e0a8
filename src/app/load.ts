// What a transaction loads before it decides: the directory, calendar and system state (from a cache
// while the system stream's head is unchanged, R1, R30, R67), and the modifications a command touches
// with those linked to them, row-locked (FOR UPDATE, in number order). The delivery claim (R36) and
// the identity lookup (R1) ride on the statement that reads the system head.
import type { Modification } from '../domain/modification.ts';
import type { PersonId } from '../domain/types.ts';
import { createCalendar } from '../domain/working-days.ts';
import { GENESIS } from './hash.ts';
import { identityString } from './identity.ts';
import type { IdentityKey, LockedModification, SharedVersion, Store, StoreTx, StreamHead } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';
import type { SharedCache, TxState } from './unit-of-work.ts';

/** Modifications linked to this one, whose state a decision may read (shared WG, batch, merge, split). */
function linksOf(m: Modification): number[] {
  const l = m.links;
  return [
    ...(m.workingGroup?.shared ?? []),
    ...l.batchedWith,
    ...l.absorbed,
    ...l.splitInto,
    ...(l.mergedInto ? [l.mergedInto] : []),
    ...(l.splitFrom ? [l.splitFrom] : []),
  ];
}

/**
 * The command's modifications and those linked to them, as loaded: all a decision may read. A
 * scheduler batch holds many more; copying those into every event's world made the sweep slower.
 */
export function closureOf(st: TxState, refs: readonly number[]): Record<number, Modification> {
  const out: Record<number, Modification> = {};
  const todo = [...refs];
  for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
    const m = st.mods.get(n);
    if (!m || out[n]) continue;
    out[n] = m;
    todo.push(...linksOf(m));
  }
  return out;
}

export const linksOfLoaded = (st: TxState, n: number): number[] => {
  const m = st.mods.get(n);
  return m ? linksOf(m) : [];
};

/** Locks the command's modifications and, transitively, those linked to them. */
export async function loadModifications(tx: StoreTx, st: TxState, refs: readonly number[]): Promise<void> {
  let want = [...new Set(refs)];
  for (;;) {
    want = want.filter((n) => !st.mods.has(n) && !st.missing.has(n)).sort((a, b) => a - b);
    if (want.length === 0) return;
    // The head comes with the locked row: no other writer can move it until this transaction ends.
    const got = await tx.lockModifications(want);
    for (const { state, head } of got) {
      st.mods.set(state.number, state);
      st.heads.set(state.number, head);
    }
    for (const n of want) if (!st.mods.has(n)) st.missing.add(n);
    want = [...new Set(got.flatMap((x) => linksOf(x.state)))];
  }
}

/** One directory cache per store (per database), shared by its commands and scheduler batches. */
const caches = new WeakMap<Store, SharedCache>();
export function sharedCacheOf(store: Store): SharedCache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = {}));
  return c;
}

/** How many modifications' states a process keeps (SharedCache.states): far more than are voted on at once. */
export const HELD_STATES = 1_000;

/** The cached states of `want` (those still at the head they were cached at come back without a state). */
function heldOf(st: TxState, want: readonly number[]): ReadonlyMap<number, LockedModification> | undefined {
  const states = st.cache?.states;
  if (!states?.size) return undefined;
  const held = new Map<number, LockedModification>();
  for (const n of want) {
    const x = states.get(n);
    if (x) held.set(n, x);
  }
  return held;
}

/** Freezes a state and everything in it: a cached state is shared, so nothing may change it in place. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * After a commit: the states this transaction locked, as it left them, become the cached ones (P1).
 * Only after the commit: a state that rolled back was never at its head in the database.
 */
export function rememberStates(st: TxState): void {
  const cache = st.cache;
  if (!cache) return;
  const states = (cache.states ??= new Map());
  for (const [n, state] of st.mods) {
    const head = st.heads.get(n);
    if (!head) continue;
    // Deleted first, so that the map's order is the order of last use and the oldest go first.
    states.delete(n);
    states.set(n, { state: deepFreeze(state), head });
  }
  for (const n of states.keys()) {
    if (states.size <= HELD_STATES) break;
    states.delete(n);
  }
}

const sameHead = (a: StreamHead | null, b: StreamHead | null): boolean =>
  a === b || (a !== null && b !== null && a.seq === b.seq && a.hash === b.hash);

/**
 * The directory, calendar and system state, with the system stream's head read alongside: a system
 * event decided on this picture is appended after that head, so a concurrent directory change
 * makes it collide and retry instead of deciding on a stale directory. One statement reads the head
 * and the last number; the directory is read again only when the head moved since it was cached.
 */
export const sharedLoaded = (st: TxState): boolean =>
  !!(st.people && st.calendar && st.system && st.lastNumber !== undefined);

/** What loadShared learnt on the way: whether the delivery was new, and who an identity is. */
export interface SharedLoad {
  /** False only when `delivery` was given and is not new (R36): nothing was locked or loaded. */
  fresh: boolean;
  /** The person the identity asked about is linked to (R1); undefined when it was not asked. */
  person?: PersonId | null;
}

/**
 * Loads the directory, calendar and system state (from the cache when the system head is unchanged)
 * and locks `refs`. With a delivery, claims it first (R36); with an identity, looks it up (R1): all in
 * the one statement that reads the system head.
 */
export async function loadShared(
  tx: StoreTx,
  st: TxState,
  refs: readonly number[],
  delivery?: { id: string; at: Date },
  identity?: IdentityKey,
): Promise<SharedLoad> {
  if (sharedLoaded(st)) return { fresh: true };
  // The command's modifications are locked by the same statement: one round trip fewer.
  const want = [...new Set(refs)].filter((n) => !st.mods.has(n) && !st.missing.has(n)).sort((a, b) => a - b);
  const version = await tx.sharedVersion(want, delivery, identity, heldOf(st, want));
  const { fresh, person } = version;
  const got: SharedLoad = { fresh: fresh !== false, ...(identity ? { person: person ?? null } : {}) };
  if (fresh === false) return got;
  await useShared(tx, st, want, version);
  return got;
}

/**
 * Group commit (P1, P2): loadShared for several commands at once. Their deliveries are claimed, their
 * modifications locked and their identities looked up by one statement; each command then finds its
 * claim and its person in `st` (claimed, linkedIds) instead of asking again.
 */
export async function loadBatch(
  tx: StoreTx,
  st: TxState,
  refs: readonly number[],
  deliveries: readonly { id: string; at: Date }[],
  keys: readonly IdentityKey[],
): Promise<void> {
  const want = [...new Set(refs)].sort((a, b) => a - b);
  const version = await tx.batchVersion(want, deliveries, keys, heldOf(st, want));
  st.claimed = new Set(version.claimed);
  st.linkedIds = new Map(version.linked.map((k) => [identityString(k), k.person]));
  // Nothing new: every command is a repeat and reads its first outcome (nothing was locked).
  if (version.claimed.size === 0) return;
  await useShared(tx, st, want, version);
}

/** What the version statement read, into `st`; the directory from the cache when the head is unchanged. */
async function useShared(
  tx: StoreTx,
  st: TxState,
  want: readonly number[],
  { head, lastNumber, locked }: Pick<SharedVersion, 'head' | 'lastNumber' | 'locked'>,
): Promise<void> {
  for (const { state, head: h } of locked) {
    st.mods.set(state.number, state);
    st.heads.set(state.number, h);
  }
  for (const n of want) if (!st.mods.has(n)) st.missing.add(n);
  st.lastNumber = lastNumber;
  const hit = st.cache?.current;
  if (hit && !st.wroteSystem && sameHead(hit.head, head)) {
    st.people = hit.people;
    st.calendar = hit.calendar;
    st.system = hit.system;
    st.heads.set(SYSTEM_STREAM, head ?? { seq: 0, hash: GENESIS });
    return;
  }
  // Read together in one statement: the head they are cached under is the head they were read at.
  const snap = await tx.sharedSnapshot();
  st.people = snap.people;
  st.calendar = createCalendar(snap.changes);
  st.system = snap.system;
  st.heads.set(SYSTEM_STREAM, snap.head ?? { seq: 0, hash: GENESIS });
  // Only committed state is cached: this transaction's own system events may yet roll back.
  if (st.cache && !st.wroteSystem)
    st.cache.current = { head: snap.head, people: snap.people, calendar: st.calendar, system: snap.system };
}
