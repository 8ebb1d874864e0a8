// The unit of work of one transaction: what it has loaded (directory, calendar, locked
// modifications and their stream heads) and what it has staged (events with their place in the hash
// chain, projections, deadline and vote rows, outbox, delivery outcomes). flush writes it all in an
// order that lets a fault injected between writes prove the transaction is atomic.
import type { DomainEvent, SystemEvent } from '../domain/events.ts';
import type { Modification, SystemState } from '../domain/modification.ts';
import type { Person } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { GENESIS, eventHash } from './hash.ts';
import type { Notification } from './notification.ts';
import type {
  DeadlineChange,
  DeadlineRow,
  EventRow,
  Faults,
  Store,
  StoreTx,
  StoredOutcome,
  StreamHead,
  VoteRow,
} from './store.ts';
import { SYSTEM_STREAM, StoreConflict } from './store.ts';

/** What one transaction has loaded and staged; reused when a transaction runs several commands. */
export interface TxState {
  people?: Person[];
  calendar?: Calendar;
  system?: SystemState;
  lastNumber?: number;
  /** Row-locked in this transaction, with the staged events folded in. */
  mods: Map<number, Modification>;
  missing: Set<number>;
  heads: Map<number, StreamHead>;
  staged: Staged;
}

interface Staged {
  events: EventRow[];
  /** Modifications whose projection this transaction changed. */
  dirty: Set<number>;
  system: SystemEvent[];
  newDeadlines: DeadlineRow[];
  deadlineChanges: DeadlineChange[];
  votes: VoteRow[];
  outbox: { note: Notification; at: Date }[];
  deliveries: { deliveryId: string; outcome: StoredOutcome }[];
}

const emptyStaged = (): Staged => ({
  events: [],
  dirty: new Set(),
  system: [],
  newDeadlines: [],
  deadlineChanges: [],
  votes: [],
  outbox: [],
  deliveries: [],
});

export const newTxState = (): TxState => ({
  mods: new Map(),
  missing: new Set(),
  heads: new Map(),
  staged: emptyStaged(),
});

/** Who, from where and with which words (R8): recorded on every event of a command. */
export type EventMeta = Pick<EventRow, 'actor' | 'platform' | 'deliveryId' | 'commandText'>;

/** Gives each event its stream, seq and place in the hash chain (R8). */
export function stageEvents(
  st: TxState,
  meta: EventMeta,
  events: readonly DomainEvent[],
  at: Date,
): EventRow[] {
  // Streams not loaded were new when decided on (a raise or a split allocates their numbers): they
  // start at seq 1, and a writer that raced for the same number collides on (stream, seq) and retries.
  for (const e of events) {
    const s = e.n ?? SYSTEM_STREAM;
    if (!st.heads.has(s)) st.heads.set(s, { seq: 0, hash: GENESIS });
  }
  const rows: EventRow[] = [];
  for (const e of events) {
    const { type, n, ...payload } = e;
    const stream = n ?? SYSTEM_STREAM;
    const head = st.heads.get(stream) as StreamHead;
    const content = {
      stream,
      seq: head.seq + 1,
      type,
      payload: payload as Record<string, unknown>,
      ...meta,
      at,
      prevHash: head.hash,
    };
    const row: EventRow = { ...content, hash: eventHash(content) };
    rows.push(row);
    st.heads.set(stream, { seq: row.seq, hash: row.hash });
    if (stream !== SYSTEM_STREAM) st.staged.dirty.add(stream);
    else st.staged.system.push(e as SystemEvent);
  }
  st.staged.events.push(...rows);
  return rows;
}

/** Deadline rows (principle 3) and vote rows (R36) follow from the events. */
export function stageSideTables(st: TxState, events: readonly DomainEvent[], at: Date): void {
  const s = st.staged;
  for (const e of events) {
    if (e.type === 'DeadlineSet') {
      const d = e.deadline;
      s.newDeadlines.push({
        id: d.id,
        stream: e.n,
        what: d.what,
        due: new Date(d.due),
        status: d.status,
        calendarVersion: d.calendarVersion,
        reminder: d.reminder,
        subject: d.subject ?? null,
      });
    } else if (e.type === 'DeadlineCancelled') s.deadlineChanges.push({ id: e.id, status: 'cancelled', at });
    else if (e.type === 'DeadlineFired') s.deadlineChanges.push({ id: e.id, status: 'fired', at });
    else if (e.type === 'VoteCast') {
      s.votes.push({
        stream: e.n,
        ballotId: e.ballotId,
        voter: e.voter,
        seat: e.seat,
        solution: e.solution,
        option: e.option,
        at: new Date(e.at),
      });
    }
  }
}

/** Writes everything staged, in an order that lets a fault between writes prove atomicity. */
export async function flush(tx: StoreTx, st: TxState, faults?: Faults): Promise<void> {
  const s = st.staged;
  st.staged = emptyStaged();
  const nothing = !s.events.length && !s.deliveries.length && !s.deadlineChanges.length;
  if (nothing) return;
  if (s.events.length) await tx.appendEvents(s.events);
  faults?.afterEvents?.();
  if (s.system.length) await tx.applySystemEvents(s.system);
  if (s.dirty.size) {
    await tx.saveModifications(
      [...s.dirty.keys()].map((n) => ({
        state: st.mods.get(n) as Modification,
        head: st.heads.get(n) as StreamHead,
      })),
    );
  }
  faults?.afterProjections?.();
  if (s.newDeadlines.length) await tx.insertDeadlines(s.newDeadlines);
  if (s.deadlineChanges.length) await tx.setDeadlineStatus(s.deadlineChanges);
  if (s.votes.length) await tx.upsertVotes(s.votes);
  if (s.outbox.length) await tx.enqueue(s.outbox);
  if (s.deliveries.length) await tx.saveDeliveries(s.deliveries);
  faults?.beforeCommit?.();
}

/** Runs `fn` in a transaction, retrying it whole when a concurrent writer got there first. */
export async function withRetry<T>(store: Store, fn: (tx: StoreTx) => Promise<T>, attempts = 12): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await store.transaction(fn);
    } catch (e) {
      if (!(e instanceof StoreConflict) || i >= attempts) throw e;
      // Jittered back-off so that writers that collided do not collide again in step.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** i, 100)));
    }
  }
}
