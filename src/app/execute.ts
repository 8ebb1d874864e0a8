// execute(envelope): one command, one transaction. Load the directory,
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
import type { Actor, Context, Person, PersonId, Refusal } from '../domain/types.ts';
import { isRefusal, refuse } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { createCalendar } from '../domain/working-days.ts';
import { GENESIS } from './hash.ts';
import type { Identified, KnownUser } from './identity.ts';
import { identifyIn, identityKey, isPlatformUser, linkedLine, withEmail } from './identity.ts';
import { notificationsFor } from './notify/notifications.ts';
import type { Envelope, Outcome } from './ports.ts';
import type { Faults, IdentityKey, Store, StoreTx, StoredOutcome, StreamHead } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';
import type { EventMeta, SharedCache, TxState } from './unit-of-work.ts';
import { flush, newTxState, stageEvents, stageSideTables, withRetry } from './unit-of-work.ts';

export interface Decided {
  outcome: Outcome;
  events: DomainEvent[];
  /** R1: the platform user this command came from, when the transaction found them. */
  identified?: Identified;
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
  const { head, lastNumber, locked, fresh, person } = await tx.sharedVersion(want, delivery, identity);
  const got: SharedLoad = { fresh: fresh !== false, ...(identity ? { person: person ?? null } : {}) };
  if (fresh === false) return got;
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
    return got;
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
  return got;
}

/** An envelope as a transaction decides it: a platform user's e-mail, if any, is already known. */
export type TxEnvelope = Omit<Envelope, 'actor'> & { actor: PersonId | 'system' | KnownUser };

/** Someone on a platform the directory does not know (R1): the transaction writes nothing and rolls back. */
export class Unidentified extends Error {
  constructor() {
    super(NOT_REGISTERED);
    this.name = 'Unidentified';
  }
}

/** The actor; for a platform user, the person found in this transaction (a link by e-mail staged). */
async function actorFor(
  tx: StoreTx,
  st: TxState,
  env: TxEnvelope,
  now: Date,
  linked: PersonId | null | undefined,
): Promise<{ actor?: Actor; identified?: Identified }> {
  const who = env.actor;
  if (who === 'system') {
    const c = env.command;
    return {
      actor: c.type === 'deadline-fire' ? { kind: 'system', deadlineId: c.deadlineId } : { kind: 'system' },
    };
  }
  if (typeof who === 'string') {
    const id = who.trim().toLowerCase();
    const person = (st.people ?? []).find((p) => p.id === id);
    return person ? { actor: { kind: 'person', person } } : {};
  }
  const identified = await identifyIn(tx, st, who, now, linked);
  // Nobody: nothing is written, not even the delivery (it was not theirs to claim).
  if (!identified) throw new Unidentified();
  return { actor: { kind: 'person', person: identified.person }, identified };
}

/**
 * Decides one command inside `tx` and stages its writes in `st` (flush writes them). A repeated
 * delivery id returns the first outcome and stages nothing (R36).
 */
export async function decideIn(
  tx: StoreTx,
  st: TxState,
  env: TxEnvelope,
  now: Date,
  settings: Settings,
  faults?: Faults,
): Promise<Decided> {
  const refs = refsOf(env.command);
  // PostgreSQL text and jsonb cannot hold NUL: refuse it rather than fail the transaction.
  const nul = JSON.stringify(env.command).includes('\\u0000') || !!env.text?.includes('\u0000');
  // R1: a platform user's identity is looked up by the statement that reads the system head.
  const key = typeof env.actor === 'object' ? identityKey(env.actor) : undefined;
  let linked: PersonId | null | undefined;
  if (env.deliveryId !== undefined) {
    // The delivery claim (R36) rides on the version statement when nothing must come between them
    // (the numbering lock must precede the version read); a repeat reads its first outcome after.
    const early = !nul && !ALLOCATES.has(env.command.type) && !sharedLoaded(st);
    const got = early ? await loadShared(tx, st, refs, { id: env.deliveryId, at: now }, key) : undefined;
    linked = got?.person;
    const seen = got?.fresh ? 'new' : await tx.claimDelivery(env.deliveryId, now);
    if (seen !== 'new') return { outcome: { ...seen, duplicate: true, notifications: [] }, events: [] };
  }
  // Commands that allocate numbers (R4) queue for them instead of colliding and retrying.
  if (ALLOCATES.has(env.command.type) && !nul) await tx.lockNumbering();
  const got = await loadShared(tx, st, refs, undefined, linked === undefined ? key : undefined);
  if (linked === undefined) linked = got.person;
  const { actor, identified } = await actorFor(tx, st, env, now, linked);
  const refused = (r: Refusal): Decided => {
    const outcome = outcomeOf(r);
    if (env.deliveryId !== undefined)
      st.staged.deliveries.push({ deliveryId: env.deliveryId, outcome: stored(outcome) });
    return { outcome, events: [], ...(identified ? { identified } : {}) };
  };
  if (nul) return refused(refuse('bad_input', 'The command contains a NUL character.'));
  if (!actor) return refused(refuse('not_registered', NOT_REGISTERED));
  const people = st.people as Person[];
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
  return { outcome, events: r.events, ...(identified ? { identified } : {}) };
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

/**
 * One command in one transaction. A platform user is found inside it (R1); one the directory does
 * not know is refused with nothing written, after a second try with the e-mail when asking for it
 * costs a platform call. `log` hears of a link made by e-mail, once it is committed.
 */
export async function execute(
  store: Store,
  env: Envelope,
  now: Date,
  settings: Settings,
  log?: (msg: string, data?: object) => void,
): Promise<Outcome> {
  const run = (actor: TxEnvelope['actor']) =>
    withRetry(store, async (tx) => {
      const st = newTxState(sharedCacheOf(store));
      const d = await decideIn(tx, st, { ...env, actor }, now, settings, store.faults);
      await flush(tx, st, store.faults);
      return d;
    });
  const who = env.actor;
  if (!isPlatformUser(who)) return (await run(who)).outcome;
  const d = await withEmail(who, async (user) => {
    try {
      return await run(user);
    } catch (e) {
      if (e instanceof Unidentified) return undefined;
      throw e;
    }
  });
  if (!d) return outcomeOf(refuse('not_registered', NOT_REGISTERED));
  const link = d.identified?.linked;
  if (link && log) log(...linkedLine(link, d.identified?.person.id ?? ''));
  return d.outcome;
}
