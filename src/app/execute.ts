// execute(envelope): one command, one transaction (issue 3 §3, principle 10). Load the directory,
// calendar and the modifications the command touches (row-locked), authorise and decide with the
// core, then append hash-chained events and write projections, deadlines, votes, outbox and the
// delivery outcome together. A concurrent writer makes the whole transaction retry.
import type { CommandType } from '../domain/commands.ts';
import { refsOf } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Modification, SystemState, World } from '../domain/modification.ts';
import { evolveAll } from '../domain/modification.ts';
import type { Settings } from '../domain/settings.ts';
import type { Actor, Context, Person, Refusal } from '../domain/types.ts';
import { isRefusal, refuse } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { createCalendar } from '../domain/working-days.ts';
import { GENESIS } from './hash.ts';
import { notificationsFor } from './notifications.ts';
import type { Envelope, Outcome } from './ports.ts';
import type { Faults, Store, StoreTx, StoredOutcome } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';
import type { EventMeta, TxState } from './unit-of-work.ts';
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

/**
 * The directory, calendar and system state, with the system stream's head read alongside: a system
 * event decided on this picture is appended after that head, so a concurrent directory change
 * makes it collide and retry instead of deciding on a stale directory.
 */
async function loadShared(tx: StoreTx, st: TxState): Promise<void> {
  if (st.people && st.calendar && st.system && st.lastNumber !== undefined) return;
  const [people, changes, system, last, heads] = await Promise.all([
    tx.people(),
    tx.calendarChanges(),
    tx.systemState(),
    tx.lastNumber(),
    tx.heads([SYSTEM_STREAM]),
  ]);
  st.people = people;
  st.calendar = createCalendar(changes);
  st.system = system;
  st.lastNumber = last;
  st.heads.set(SYSTEM_STREAM, heads.get(SYSTEM_STREAM) ?? { seq: 0, hash: GENESIS });
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
  if (env.deliveryId !== undefined) {
    const seen = await tx.claimDelivery(env.deliveryId, now);
    if (seen !== 'new') return { outcome: { ...seen, duplicate: true, notifications: [] }, events: [] };
  }
  const refused = (r: Refusal): Decided => {
    const outcome = outcomeOf(r);
    if (env.deliveryId !== undefined)
      st.staged.deliveries.push({ deliveryId: env.deliveryId, outcome: stored(outcome) });
    return { outcome, events: [] };
  };
  // PostgreSQL text and jsonb cannot hold NUL: refuse it rather than fail the transaction.
  if (JSON.stringify(env.command).includes('\\u0000') || env.text?.includes('\u0000')) {
    return refused(refuse('bad_input', 'The command contains a NUL character.'));
  }
  // Commands that allocate numbers (R4) queue for them instead of colliding and retrying.
  if (ALLOCATES.has(env.command.type)) await tx.lockNumbering();
  await loadShared(tx, st);
  const people = st.people as Person[];
  const actor = actorFor(env, people);
  if (!actor) return refused(refuse('not_registered', NOT_REGISTERED));
  await loadModifications(tx, st, refsOf(env.command));
  const world: World = {
    modifications: Object.fromEntries(st.mods),
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
    const st = newTxState();
    const { outcome } = await decideIn(tx, st, env, now, settings, store.faults);
    await flush(tx, st, store.faults);
    return outcome;
  });
}
