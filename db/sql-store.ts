// The Store port (src/app/store.ts) over drizzle, identical on PGlite and PostgreSQL. Each
// transaction gets a StoreTx made of the per-aggregate stores; a concurrent-writer error is
// turned into StoreConflict so execute can retry the whole transaction.
import type { Faults, OutboxOutcome, Store, StoreTx } from '../src/app/store.ts';
import { ConnectionLost, NO_WRITES, StoreConflict } from '../src/app/store.ts';
import type { Db, Q } from './client.ts';
import { isConnectionLost, isRace, pgErrorOf } from './client.ts';
import { batchTx } from './batch-store.ts';
import { deadlineTx } from './deadline-store.ts';
import { directoryTx, personByIdentity } from './directory-store.ts';
import { eventTx, eventsAfter } from './event-store.ts';
import { modificationTx, streamVersions } from './modification-store.ts';
import { claimOutbox, deliveryTx, settleOutbox } from './outbox-store.ts';
import { prefsTx } from './prefs-store.ts';
import { writeBatch } from './write-store.ts';

/**
 * `inFlight`, on PostgreSQL only: StoreTx.writeLast leaves its statement in flight, handed to it, so
 * that COMMIT follows it in the same round trip (db/client.ts). PGlite runs one statement at a time
 * in this process and would answer a COMMIT after a failed statement with a silent ROLLBACK: there
 * the last write is awaited like any other.
 */
export const storeTx = (q: Q, inFlight?: (write: Promise<void>) => void): StoreTx => ({
  ...deliveryTx(q),
  ...directoryTx(q),
  ...batchTx(q),
  ...modificationTx(q),
  ...eventTx(q),
  ...deadlineTx(q),
  ...prefsTx(q),
  write: (batch) => writeBatch(q, batch),
  writeLast: async (batch) => {
    if (!inFlight) return writeBatch(q, batch);
    const write = writeBatch(q, batch);
    // Observed here so that it is never unhandled; SqlStore.transaction reports its error.
    write.catch(() => {});
    inFlight(write);
  },
  // Outbox rows on their own (the digest, a failure report) go through the same statement.
  enqueue: (outbox) => writeBatch(q, { ...NO_WRITES, outbox }),
});

/** R86: a read that lost its connection is simply read again, once, on a fresh one (it wrote nothing). */
async function readAgain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!isConnectionLost(e)) throw e;
    // A reset rarely comes alone: let the pool notice its other connections dropping before it picks one.
    await new Promise((r) => setTimeout(r, 20));
    return read();
  }
}

export class SqlStore implements Store {
  faults?: Faults;
  /** The drizzle database, for tests and tools that need raw SQL. */
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  constructor(db: Db, kind: 'pglite' | 'postgres') {
    this.db = db;
    this.kind = kind;
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    let last: Promise<void> | undefined;
    const inFlight = this.kind === 'postgres' ? (w: Promise<void>) => (last = w) : undefined;
    try {
      return await this.db.transaction((tx) => fn(storeTx(tx, inFlight)));
    } catch (caught) {
      // The write left in flight failed, so COMMIT was answered with ROLLBACK: its error is the one
      // that says what happened (a concurrent writer, a lost connection).
      const e = last
        ? await last.then(
            () => caught,
            (w: unknown) => w,
          )
        : caught;
      if (isRace(e)) throw new StoreConflict(`concurrent write: ${pgErrorOf(e).message}`, { cause: e });
      if (isConnectionLost(e))
        throw new ConnectionLost(`connection lost: ${pgErrorOf(e).message}`, { cause: e });
      throw e;
    }
  }

  eventsAfter(after: { stream: number; seq: number } | null, limit: number) {
    return readAgain(() => eventsAfter(this.db, after, limit));
  }
  streamVersions() {
    return readAgain(() => streamVersions(this.db));
  }
  personByIdentity(platform: string, platformId: string) {
    return readAgain(() => personByIdentity(this.db, platform, platformId));
  }
  claimOutbox(now: Date, limit: number) {
    return this.db.transaction((tx) => claimOutbox(tx, now, limit));
  }
  async settleOutbox(results: readonly OutboxOutcome[]) {
    await this.db.transaction((tx) => settleOutbox(tx, results));
  }
}
