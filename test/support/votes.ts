// Button votes as an adapter hands them to the engine, and a count of a store's transactions: what
// the group commit tests (src/app/group-commit.ts) send and measure.
import type { OpenStore } from '../../db/open.ts';
import type { Envelope, PlatformUser } from '../../src/app/ports.ts';
import type { StoreTx } from '../../src/app/store.ts';

/** A Slack user linked to the directory as `U<HANDLE>`: asking for the e-mail would be a platform call. */
export const linkedSlack = (handle: string): PlatformUser => ({
  platform: 'slack',
  platformId: `U${handle.toUpperCase()}`,
  email: () => Promise.reject(new Error('a linked user is never asked for an e-mail')),
});

/** A click on a vote button: the voter as the platform names them, with the click's delivery id (R36). */
export const voteClick = (
  actor: PlatformUser,
  ref: number,
  option: string,
  deliveryId: string,
): Envelope => ({
  command: { type: 'vote', ref, option },
  actor,
  platform: 'slack',
  deliveryId,
});

/**
 * Counts `store`'s transactions from now until `stop()` (a group of votes is one, a vote alone is one),
 * then puts its own method back.
 */
export function countTransactions(store: OpenStore): { readonly n: number; stop(): void } {
  const real = store.transaction;
  let n = 0;
  store.transaction = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    n++;
    return real.call(store, fn) as Promise<T>;
  };
  return {
    get n() {
      return n;
    },
    stop: () => {
      store.transaction = real;
    },
  };
}
