// The Store port (src/app/store.ts) over drizzle, identical on PGlite and PostgreSQL. Each
// transaction gets a StoreTx made of the per-aggregate stores; a concurrent-writer error is
// turned into StoreConflict so execute can retry the whole transaction.
import type { Faults, OutboxOutcome, Store, StoreTx, WriteBatch } from '../src/app/store.ts';
import { StoreConflict } from '../src/app/store.ts';
import type { Db, Q } from './client.ts';
import { isRace, pgErrorOf } from './client.ts';
import { deadlineTx } from './deadline-store.ts';
import { directoryTx, personByIdentity } from './directory-store.ts';
import { eventTx, eventsAfter } from './event-store.ts';
import { modificationTx, streamVersions } from './modification-store.ts';
import { claimOutbox, deliveryTx, settleOutbox } from './outbox-store.ts';
import { writeBatch } from './write-store.ts';

export const storeTx = (q: Q): StoreTx => ({
  ...deliveryTx(q),
  ...directoryTx(q),
  ...modificationTx(q),
  ...eventTx(q),
  ...deadlineTx(q),
  write: (batch) => writeBatch(q, batch),
  // Outbox rows on their own (the digest, a failure report) go through the same statement.
  enqueue: (outbox) => writeBatch(q, { ...NOTHING, outbox }),
});

const NOTHING: WriteBatch = {
  events: [],
  modifications: [],
  newDeadlines: [],
  deadlineChanges: [],
  votes: [],
  outbox: [],
  deliveries: [],
};

export class SqlStore implements Store {
  faults?: Faults;
  constructor(
    /** The drizzle database, for tests and tools that need raw SQL. */
    readonly db: Db,
    readonly kind: 'pglite' | 'postgres',
  ) {}

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction((tx) => fn(storeTx(tx)));
    } catch (e) {
      if (isRace(e)) throw new StoreConflict(`concurrent write: ${pgErrorOf(e).message}`, { cause: e });
      throw e;
    }
  }

  eventsAfter(after: { stream: number; seq: number } | null, limit: number) {
    return eventsAfter(this.db, after, limit);
  }
  streamVersions() {
    return streamVersions(this.db);
  }
  personByIdentity(platform: string, platformId: string) {
    return personByIdentity(this.db, platform, platformId);
  }
  claimOutbox(now: Date, limit: number) {
    return this.db.transaction((tx) => claimOutbox(tx, now, limit));
  }
  async settleOutbox(results: readonly OutboxOutcome[]) {
    await this.db.transaction((tx) => settleOutbox(tx, results));
  }
}
