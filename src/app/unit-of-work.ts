// The unit of work of one transaction: what it has loaded (directory, calendar, locked
// modifications and their stream heads) and what it has staged (events with their place in the hash
// chain, projections, deadline and vote rows, outbox, delivery outcomes). flush writes it all in an
// order that lets a fault injected between writes prove the transaction is atomic.
import type { DomainEvent, SystemEvent } from '../domain/events.ts';
import type { Modification, SystemState } from '../domain/modification.ts';
import type { Person, PersonId } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { GENESIS, eventHash } from './hash.ts';
import type { Notification } from './notification.ts';
import type {
  DeadlineChange,
  DeadlineRow,
  EventRow,
  Faults,
  LockedModification,
  NewDeadlineRow,
  Store,
  StoreTx,
  StoredOutcome,
  StreamHead,
  VoteRow,
} from './store.ts';
import { SYSTEM_STREAM, StoreConflict } from './store.ts';

/**
 * The directory, calendar and system state of one store, under the system head they were read at.
 * Every change to them is a system event, so an unchanged head (seq and hash, which chains the whole
 * system stream) means they are unchanged, whichever process wrote last (R1, R30, R67).
 */
export interface SharedCache {
  current?: { head: StreamHead | null; people: Person[]; calendar: Calendar; system: SystemState };
  /**
   * R81: who has opened the Slack Home tab, read at most every HOME_USERS_MS (wall clock) so a command
   * costs no extra statement; an opening in this process clears it (another replica learns within that).
   */
  homes?: { readAt: number; people: readonly PersonId[] };
  /**
   * P1: the modifications' states as this process last committed or read them, at their heads (frozen:
   * shared by the transactions that read them). A transaction that locks one still at that head is
   * not sent its state again (StoreTx.sharedVersion's `held`); the most recently used are kept.
   */
  states?: Map<number, LockedModification>;
}

/** What one transaction has loaded and staged; reused when a transaction runs several commands. */
export interface TxState {
  /** The store's directory cache, when the caller has one. */
  cache?: SharedCache;
  /** This transaction has written system events: its reads are not committed state, never cache them. */
  wroteSystem?: boolean;
  people?: Person[];
  calendar?: Calendar;
  system?: SystemState;
  lastNumber?: number;
  /** Row-locked in this transaction, with the staged events folded in. */
  mods: Map<number, Modification>;
  missing: Set<number>;
  heads: Map<number, StreamHead>;
  /** Group commit (P1, P2): delivery ids this transaction claimed up front, each used once (R36). */
  claimed?: Set<string>;
  /** Group commit: the person each platform identity is linked to, read up front (identityString). */
  linkedIds?: Map<string, PersonId | null>;
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

export const newTxState = (cache?: SharedCache): TxState => ({
  ...(cache ? { cache } : {}),
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

/** Deadline rows (deadlines are rows, not timers) and vote rows (R36) follow from the events. */
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

/**
 * Deadline settlements split in two: those of rows staged in this batch are applied to the rows
 * before they are inserted (one statement cannot update a row it inserts), the rest go to the
 * update. Either way the first change to a pending row wins: the one place that rule is kept.
 */
function settleDeadlines(s: Staged): { rows: NewDeadlineRow[]; changes: DeadlineChange[] } {
  const rows: NewDeadlineRow[] = s.newDeadlines.map((r) => ({ ...r }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const first = new Map<string, DeadlineChange>();
  for (const c of s.deadlineChanges) if (!first.has(c.id)) first.set(c.id, c);
  const changes: DeadlineChange[] = [];
  for (const c of first.values()) {
    const row = byId.get(c.id);
    if (!row) changes.push(c);
    else if (row.status === 'pending') {
      row.status = c.status;
      if (c.status !== 'cancelled') row.firedAt = c.at;
      if (c.error !== undefined) row.lastError = c.error;
    }
  }
  return { rows, changes };
}

/**
 * Writes everything staged: the rows in one statement (a failure leaves none of them), then the
 * system events' projections. `last`: nothing follows in this transaction but its commit. The fault hooks throw after those writes, to prove that a failed
 * transaction leaves nothing behind.
 */
export async function flush(
  tx: StoreTx,
  st: TxState,
  faults?: Faults,
  opts: { last?: boolean } = {},
): Promise<void> {
  const s = st.staged;
  st.staged = emptyStaged();
  const nothing = !s.events.length && !s.deliveries.length && !s.deadlineChanges.length;
  if (nothing) return;
  const { rows, changes } = settleDeadlines(s);
  // P1: the transaction's last statement goes out with its COMMIT (StoreTx.writeLast).
  const write = opts.last && !s.system.length ? tx.writeLast : tx.write;
  await write({
    events: s.events,
    modifications: [...s.dirty.keys()].map((n) => ({
      state: st.mods.get(n) as Modification,
      head: st.heads.get(n) as StreamHead,
    })),
    newDeadlines: rows,
    deadlineChanges: changes,
    votes: [
      ...new Map(s.votes.map((r) => [`${r.stream}|${r.ballotId}|${r.voter}|${r.solution}`, r])).values(),
    ],
    outbox: s.outbox,
    // Repeated ids: the last outcome wins, as row-by-row updates would leave it.
    deliveries: [...new Map(s.deliveries.map((d) => [d.deliveryId, d])).values()],
  });
  faults?.afterEvents?.();
  if (s.system.length) await tx.applySystemEvents(s.system);
  faults?.afterProjections?.();
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
