// runDue(now): deadlines are rows, not timers. Due rows are claimed with FOR UPDATE
// SKIP LOCKED, by due time then creation, and each is turned back into the command
// `deadline-fire` (actor system) through the same decide-and-write path as execute, in the same
// transaction as the claim, so that with several processes on one PostgreSQL each fires once.
import type { Settings } from '../domain/settings.ts';
import type { Decided, TxEnvelope } from './execute.ts';
import { CoreError, decideIn } from './execute.ts';
import { loadModifications, sharedCacheOf } from './load.ts';
import type { TxState } from './unit-of-work.ts';
import { flush, newTxState, withRetry } from './unit-of-work.ts';
import type { Outcome } from './ports.ts';
import type { DeadlineRow, Store, StoreTx } from './store.ts';

/** A fired deadline's outcome, with the deadline it came from. */
export interface FiredOutcome extends Outcome {
  deadline: { id: string; ref: number; what: string; due: Date };
  /** The instant it fired: its due time, or when it was set if it was overdue then. */
  at: Date;
}

export interface RunDueOptions {
  /** Stop after this many deadlines (default: until none is due). */
  limit?: number;
  /** Deadlines claimed per transaction (default 50). */
  batch?: number;
  log?: (msg: string, data?: object) => void;
  /**
   * The deadlines fire now, in real time (the running bot's tick), not in a replay of time (scripted
   * mode): a reminder that would come after what it reminds of (the bot was down) is not sent.
   */
  realTime?: boolean;
}

/**
 * Fires every deadline due at or before `now`, in order, each exactly once; loops until none is due
 * (a fired deadline may set another that is already due). Each fires at its own due instant, so the
 * history and the deadlines it sets read as if the bot had been on time (R69); one set already
 * overdue fires at the instant it was set, so the history never runs backwards.
 */
export async function runDue(
  store: Store,
  now: Date,
  settings: Settings,
  opts: RunDueOptions = {},
): Promise<FiredOutcome[]> {
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const wanted = Math.max(1, opts.batch ?? 50);
  let batch = wanted;
  const out: FiredOutcome[] = [];
  const clock = { floor: 0 };
  while (out.length < limit) {
    const size = Math.min(batch, limit - out.length);
    let fired: FiredOutcome[] | null;
    try {
      fired = await withRetry(store, (tx) =>
        fireBatch(tx, store, now, settings, size, clock, opts.realTime === true),
      );
    } catch (e) {
      // A deadline the core cannot process must not block every later one: isolate it, then park
      // it. A database fault is not the deadline's: it propagates and the next tick tries again.
      if (!(e instanceof CoreError)) throw e;
      if (batch > 1) {
        batch = 1;
        continue;
      }
      const parked = await park(store, now, e);
      opts.log?.('deadline failed', { deadline: parked, error: e.message });
      if (!parked) throw e;
      batch = wanted;
      continue;
    }
    if (fired === null) break;
    out.push(...fired);
  }
  return out;
}

async function fireBatch(
  tx: StoreTx,
  store: Store,
  now: Date,
  settings: Settings,
  size: number,
  clock: { floor: number },
  realTime: boolean,
): Promise<FiredOutcome[] | null> {
  const due = await tx.claimDueDeadlines(now, size);
  if (due.length === 0) return null;
  const st = newTxState(sharedCacheOf(store));
  // The claim locked these rows already; load them in one statement rather than one per deadline.
  await loadModifications(
    tx,
    st,
    due.map((d) => d.stream),
  );
  const settled = new Set<string>();
  const fired: FiredOutcome[] = [];
  let floor = clock.floor;
  for (const d of due) {
    // An earlier deadline in this batch may have cancelled this one (e.g. a close cancels its reminder).
    if (settled.has(d.id)) continue;
    const at = new Date(Math.max(d.due.getTime(), floor));
    floor = at.getTime();
    const r = await fireOne(tx, st, d, at, settings, store, realTime ? now : undefined);
    for (const e of r.events)
      if (e.type === 'DeadlineCancelled' || e.type === 'DeadlineFired') settled.add(e.id);
    fired.push({ ...r.outcome, deadline: { id: d.id, ref: d.stream, what: d.what, due: d.due }, at });
    // A deadline set now and already due must fire before the rest of this batch: claim again.
    const setDue = r.events.some((e) => e.type === 'DeadlineSet' && new Date(e.deadline.due) <= now);
    if (setDue) break;
  }
  await flush(tx, st, store.faults);
  clock.floor = floor;
  return fired;
}

async function fireOne(
  tx: StoreTx,
  st: TxState,
  d: DeadlineRow,
  at: Date,
  settings: Settings,
  store: Store,
  firedAt: Date | undefined,
): Promise<Decided> {
  const env: TxEnvelope = {
    command: { type: 'deadline-fire', ref: d.stream, deadlineId: d.id },
    actor: 'system',
    platform: 'system',
    text: `deadline ${d.what} ${d.id}`,
    ...(firedAt && firedAt > at ? { firedAt } : {}),
  };
  const r = await decideIn(tx, st, env, at, settings, store.faults);
  // Refused (already done, not found…): mark it anyway so it never loops.
  if (!r.outcome.ok) {
    st.staged.deadlineChanges.push({ id: d.id, status: 'fired', at, error: r.outcome.code ?? '' });
  }
  return r;
}

/** Marks the first due deadline failed, in its own transaction; returns its id. */
async function park(store: Store, now: Date, error: unknown): Promise<string | undefined> {
  return withRetry(store, async (tx) => {
    const [d] = await tx.claimDueDeadlines(now, 1);
    if (!d) return undefined;
    const st = newTxState();
    st.staged.deadlineChanges.push({ id: d.id, status: 'failed', at: now, error: String(error) });
    await flush(tx, st, store.faults);
    return d.id;
  });
}
