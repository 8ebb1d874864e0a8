// execute(envelope): one command, one transaction. Load (load.ts) the directory,
// calendar and the modifications the command touches (row-locked), authorise and decide with the
// core, then append hash-chained events and write projections, deadlines, votes, outbox and the
// delivery outcome together. A concurrent writer makes the whole transaction retry.
import type { CommandType } from '../domain/commands.ts';
import { refsOf } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { SystemState, World } from '../domain/modification.ts';
import { evolveAll } from '../domain/evolve.ts';
import type { Settings } from '../domain/settings.ts';
import type { Actor, Context, Person, PersonId, Refusal } from '../domain/types.ts';
import { isRefusal, refuse } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import type { Identified, KnownUser } from './identity.ts';
import {
  identifyIn,
  identityKey,
  identityString,
  isPlatformUser,
  linkedLine,
  withEmail,
} from './identity.ts';
import {
  closureOf,
  linksOfLoaded,
  loadModifications,
  loadShared,
  rememberStates,
  sharedCacheOf,
  sharedLoaded,
} from './load.ts';
import { changedOwed, homeRefreshes, homeUsersOf } from './mine.ts';
import { notificationsFor } from './notify/notifications.ts';
import type { Envelope, Outcome } from './ports.ts';
import type { Faults, Store, StoreTx, StoredOutcome } from './store.ts';
import { ConnectionLost } from './store.ts';
import type { EventMeta, TxState } from './unit-of-work.ts';
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

/** An envelope as a transaction decides it: a platform user's e-mail, if any, is already known. */
export type TxEnvelope = Omit<Envelope, 'actor'> & {
  actor: PersonId | 'system' | KnownUser;
  /** A deadline fired by the running scheduler: when it really fired (Context.firedAt). */
  firedAt?: Date;
};

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
    const early = !nul && !ALLOCATES.has(env.command.type) && !sharedLoaded(st) && !st.claimed;
    const got = early ? await loadShared(tx, st, refs, { id: env.deliveryId, at: now }, key) : undefined;
    linked = got?.person;
    // A group commit claimed it already (loadBatch): once, so a second use is a repeat.
    const seen =
      got?.fresh || st.claimed?.delete(env.deliveryId) ? 'new' : await tx.claimDelivery(env.deliveryId, now);
    if (seen !== 'new') return { outcome: { ...seen, duplicate: true, notifications: [] }, events: [] };
  }
  // Commands that allocate numbers (R4) queue for them instead of colliding and retrying.
  if (ALLOCATES.has(env.command.type) && !nul) await tx.lockNumbering();
  const got = await loadShared(tx, st, refs, undefined, linked === undefined ? key : undefined);
  if (linked === undefined) linked = got.person;
  // A group commit looked every voter up already (loadBatch). One linked by e-mail earlier in the
  // group is found by the statement above: a link is a system event, flushed at once (below).
  if (linked === undefined && key) linked = st.linkedIds?.get(identityString(key));
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
  // R1: admin link is decided knowing who the id is linked to, so a taken id is a refusal, not a failure.
  const c = env.command;
  const linkedTo =
    c.type === 'admin-link' ? await tx.personByIdentity(c.platform, c.platformId.trim()) : undefined;
  // R42: admin channel is decided knowing the platform's registrations (a few rows, read only for it),
  // so a conversation that already is a channel, or a name moved from another one, is said so.
  const channels = c.type === 'admin-channel' ? await tx.channels(c.platform) : undefined;
  const ctx: Context = {
    now,
    actor,
    calendar: st.calendar as Calendar,
    settings,
    people,
    ...(linkedTo !== undefined ? { linkedTo } : {}),
    ...(channels !== undefined ? { channels } : {}),
    ...(env.firedAt ? { firedAt: env.firedAt } : {}),
  };
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
  // R81: the Slack Home tab of whoever owes something different now is drawn again (through the outbox).
  const command = env.command;
  const fired =
    command.type === 'deadline-fire'
      ? world.modifications[command.ref]?.deadlines.find((d) => d.id === command.deadlineId)
      : undefined;
  const changed = () =>
    core(() =>
      changedOwed(
        world,
        after,
        r.events.flatMap((e) => (e.n === undefined ? [] : [e.n])),
        ctx,
        fired ? new Date(Date.parse(fired.due) - 1) : undefined,
      ),
    );
  const touched = r.events.some((e) => e.n !== undefined);
  const by = actor.kind === 'person' && touched ? actor.person.id : undefined;
  const homes = await homeRefreshes(
    () => homeUsersOf(tx, st.cache),
    changed,
    { before: world, after },
    people,
    keyBase,
    by,
  );
  for (const note of homes) st.staged.outbox.push({ note, at: now });
  // R36: the click's card as this command left it, kept with the outcome for a repeated delivery.
  const card = env.answerCard ? notifications.find((n) => n.card?.key === env.answerCard)?.card : undefined;
  const outcome: Outcome = {
    ok: true,
    code: null,
    reply: r.reply,
    duplicate: false,
    notifications,
    ...(card ? { card } : {}),
  };
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

const stored = (o: Outcome): StoredOutcome => ({
  ok: o.ok,
  code: o.code,
  reply: o.reply,
  ...(o.card ? { card: o.card } : {}),
});

const metaOf = (env: Envelope, actor: Actor): EventMeta => ({
  actor: actor.kind === 'person' ? actor.person.id : 'system',
  platform: env.platform,
  deliveryId: env.deliveryId ?? null,
  commandText: env.text ?? null,
});

/**
 * R86: a lost connection is run again only when the loss came soon enough to leave time to answer
 * within the platform's limit (Slack's 3 s). A reset is noticed at once; a connection closed after a
 * silent database's query timeout is not retried: a second wait would outlast that limit.
 */
export const RETRY_LOST_WITHIN_MS = 500;

/**
 * One command in one transaction. A platform user is found inside it (R1); one the directory does
 * not know is refused with nothing written, after a second try with the e-mail when asking for it
 * costs a platform call. `log` hears of a link made by e-mail, once it is committed. R86: when the
 * transaction lost its connection, a command with a delivery id runs once more on a fresh one before
 * anyone is told: if the first run committed after all, the delivery id finds its outcome, which is
 * then the answer (nobody heard it).
 */
export async function execute(
  store: Store,
  env: Envelope,
  now: Date,
  settings: Settings,
  log?: (msg: string, data?: object) => void,
): Promise<Outcome> {
  const once = async (actor: TxEnvelope['actor']) => {
    let st = newTxState(sharedCacheOf(store));
    const d = await withRetry(store, async (tx) => {
      st = newTxState(sharedCacheOf(store));
      const decided = await decideIn(tx, st, { ...env, actor }, now, settings, store.faults);
      await flush(tx, st, store.faults, { last: true });
      return decided;
    });
    // The attempt that committed: its states are the database's now.
    rememberStates(st);
    return d;
  };
  const run = async (actor: TxEnvelope['actor']) => {
    const started = performance.now();
    try {
      return await once(actor);
    } catch (e) {
      const soon = performance.now() - started < RETRY_LOST_WITHIN_MS;
      if (!(e instanceof ConnectionLost) || env.deliveryId === undefined || !soon) throw e;
    }
    // A reset rarely comes alone: let the pool notice its other connections dropping before it picks one.
    await new Promise((r) => setTimeout(r, 20));
    const again = await once(actor);
    return again.outcome.duplicate ? { ...again, outcome: { ...again.outcome, duplicate: false } } : again;
  };
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
