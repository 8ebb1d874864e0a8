// execute(envelope): one command, one transaction (issue 3 §3, principle 10). Load the directory,
// calendar and the modifications the command touches (row-locked), authorise and decide with the
// core, then append hash-chained events and write projections, deadlines, votes, outbox and the
// delivery outcome together. A concurrent writer makes the whole transaction retry.
import type { CommandType } from '../domain/commands.ts';
import { refsOf } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Modification, SystemState, World } from '../domain/modification.ts';
import { evolveAll } from '../domain/evolve.ts';
import type { Settings } from '../domain/settings.ts';
import type { Actor, Context, Person, Refusal } from '../domain/types.ts';
import { isRefusal, refuse } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { createCalendar } from '../domain/working-days.ts';
import { GENESIS } from './hash.ts';
import { notificationsFor } from './notifications.ts';
import type { Envelope, Outcome } from './ports.ts';
import type { Faults, Store, StoreTx, StoredOutcome, StreamHead } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';
import type { EventMeta, SharedCache, TxState } from './unit-of-work.ts';
import { flush, newTxState, stageEvents, stageSideTables, withRetry } from './unit-of-work.ts';

export interface Decided {
  outcome: Outcome;
  events: DomainEvent[];
}

const ALLOCATES: ReadonlySet<CommandType> = new Set(['raise', 'split', 'panel-raise-fasttrack']);

export const NOT_REGISTERED = 'You are not registered; ask an admin.';

export const outcomeOf = (r: Refusal): Outcome => ({
  ok: false,
  code: r.code,
  reply: r.message,
  duplicate: false,
  notifications: [],
});

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
function closureOf(st: TxState, refs: readonly number[]): Record<number, Modification> {
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

const linksOfLoaded = (st: TxState, n: number): number[] => {
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

const sameHead = (a: StreamHead | null, b: StreamHead | null): boolean =>
  a === b || (a !== null && b !== null && a.seq === b.seq && a.hash === b.hash);

/**
 * The directory, calendar and system state, with the system stream's head read alongside: a system
 * event decided on this picture is appended after that head, so a concurrent directory change
 * makes it collide and retry instead of deciding on a stale directory. One statement reads the head
 * and the last number; the directory is read again only when the head moved since it was cached.
 */
const sharedLoaded = (st: TxState): boolean =>
  !!(st.people && st.calendar && st.system && st.lastNumber !== undefined);

/**
 * Returns false only when `delivery` was given and is not new (R36): then nothing was locked or
 * loaded, and the caller answers with the first outcome.
 */
async function loadShared(
  tx: StoreTx,
  st: TxState,
  refs: readonly number[],
  delivery?: { id: string; at: Date },
): Promise<boolean> {
  if (sharedLoaded(st)) return true;
  // The command's modifications are locked by the same statement: one round trip fewer.
  const want = [...new Set(refs)].filter((n) => !st.mods.has(n) && !st.missing.has(n)).sort((a, b) => a - b);
  const { head, lastNumber, locked, fresh } = await tx.sharedVersion(want, delivery);
  if (fresh === false) return false;
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
    return true;
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
  return true;
}

function actorFor(env: Envelope, people: readonly Person[]): Actor | undefined {
  if (env.actor === 'system') {
    const c = env.command;
    return c.type === 'deadline-fire' ? { kind: 'system', deadlineId: c.deadlineId } : { kind: 'system' };
  }
  const id = env.actor.trim().toLowerCase();
  const person = people.find((p) => p.id === id);
  return person ? { kind: 'person', person } : undefined;
}

/**
 * Decides one command inside `tx` and stages its writes in `st` (flush writes them). A repeated
 * delivery id returns the first outcome and stages nothing (R36).
 */
export async function decideIn(
  tx: StoreTx,
  st: TxState,
  env: Envelope,
  now: Date,
  settings: Settings,
  faults?: Faults,
): Promise<Decided> {
  const refs = refsOf(env.command);
  // PostgreSQL text and jsonb cannot hold NUL: refuse it rather than fail the transaction.
  const nul = JSON.stringify(env.command).includes('\\u0000') || !!env.text?.includes('\u0000');
  if (env.deliveryId !== undefined) {
    // The delivery claim (R36) rides on the version statement when nothing must come between them
    // (the numbering lock must precede the version read); a repeat reads its first outcome after.
    const early = !nul && !ALLOCATES.has(env.command.type) && !sharedLoaded(st);
    const fresh = early ? await loadShared(tx, st, refs, { id: env.deliveryId, at: now }) : false;
    const seen = fresh ? 'new' : await tx.claimDelivery(env.deliveryId, now);
    if (seen !== 'new') return { outcome: { ...seen, duplicate: true, notifications: [] }, events: [] };
  }
  const refused = (r: Refusal): Decided => {
    const outcome = outcomeOf(r);
    if (env.deliveryId !== undefined)
      st.staged.deliveries.push({ deliveryId: env.deliveryId, outcome: stored(outcome) });
    return { outcome, events: [] };
  };
  if (nul) return refused(refuse('bad_input', 'The command contains a NUL character.'));
  // Commands that allocate numbers (R4) queue for them instead of colliding and retrying.
  if (ALLOCATES.has(env.command.type)) await tx.lockNumbering();
  await loadShared(tx, st, refs);
  const people = st.people as Person[];
  const actor = actorFor(env, people);
  if (!actor) return refused(refuse('not_registered', NOT_REGISTERED));
  // Those linked to the command's modifications (locked above, or earlier in this transaction).
  await loadModifications(tx, st, [...refs, ...refs.flatMap((n) => linksOfLoaded(st, n))]);
  const world: World = {
    modifications: closureOf(st, refs),
    lastNumber: st.lastNumber ?? 0,
    system: st.system as SystemState,
  };
  const ctx: Context = { now, actor, calendar: st.calendar as Calendar, settings, people };
  const r = core(() => decide(world, env.command, ctx));
  if (isRefusal(r)) return refused(r);

  const rows = stageEvents(st, metaOf(env, actor), r.events, now);
  const after = core(() => evolveAll(world, r.events, now.toISOString()));
  for (const e of r.events) {
    if (e.n === undefined) continue;
    const m = after.modifications[e.n];
    if (m) st.mods.set(e.n, m);
    st.missing.delete(e.n);
  }
  st.system = after.system;
  st.lastNumber = after.lastNumber;
  stageSideTables(st, r.events, now);
  const first = rows[0];
  const keyBase = first ? `${first.stream}:${first.seq}` : `${now.getTime()}`;
  const notifications = core(() =>
    notificationsFor({ events: r.events, before: world, after, ctx, keyBase }),
  );
  for (const note of notifications) st.staged.outbox.push({ note, at: now });
  const outcome: Outcome = { ok: true, code: null, reply: r.reply, duplicate: false, notifications };
  if (env.deliveryId !== undefined)
    st.staged.deliveries.push({ deliveryId: env.deliveryId, outcome: stored(outcome) });
  // Directory and calendar changes must be visible to the next command in this transaction.
  if (st.staged.system.length) {
    await flush(tx, st, faults);
    st.wroteSystem = true;
    st.people = undefined;
    st.calendar = undefined;
  }
  return { outcome, events: r.events };
}

/** The core threw (a bug, not a database fault): the scheduler parks such a deadline instead of looping. */
export class CoreError extends Error {
  constructor(cause: unknown) {
    super(`the process core failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'CoreError';
  }
}

function core<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new CoreError(e);
  }
}

const stored = (o: Outcome): StoredOutcome => ({ ok: o.ok, code: o.code, reply: o.reply });

const metaOf = (env: Envelope, actor: Actor): EventMeta => ({
  actor: actor.kind === 'person' ? actor.person.id : 'system',
  platform: env.platform,
  deliveryId: env.deliveryId ?? null,
  commandText: env.text ?? null,
});

/** One command in one transaction (issue 3 §3). */
export async function execute(store: Store, env: Envelope, now: Date, settings: Settings): Promise<Outcome> {
  return withRetry(store, async (tx) => {
    const st = newTxState(sharedCacheOf(store));
    const { outcome } = await decideIn(tx, st, env, now, settings, store.faults);
    await flush(tx, st, store.faults);
    return outcome;
  });
}
