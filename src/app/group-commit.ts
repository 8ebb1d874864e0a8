// Group commit (QUALITY.md P1, P2): button votes that arrive while earlier ones are being written
// wait for the next transaction and share it, as PostgreSQL shares one WAL flush between commits. A
// busy minute's votes then cost one claim statement, one write and one durable COMMIT per group
// rather than per vote. Each vote is still decided alone, in arrival order, by the same decideIn as
// any command, and is answered only once its group has committed: every acknowledged vote is
// durable (R36). A vote that arrives when nothing is waiting runs at once, alone, as before.
import { refsOf } from '../domain/commands.ts';
import type { Settings } from '../domain/settings.ts';
import type { Decided } from './execute.ts';
import { CoreError, RETRY_LOST_WITHIN_MS, Unidentified, decideIn, execute } from './execute.ts';
import { identityKey, isPlatformUser, knownOf, linkedLine } from './identity.ts';
import { loadBatch, rememberStates, sharedCacheOf } from './load.ts';
import type { Envelope, Outcome, PlatformUser } from './ports.ts';
import type { IdentityKey, Store } from './store.ts';
import { ConnectionLost } from './store.ts';
import { flush, newTxState, withRetry } from './unit-of-work.ts';

/**
 * When the transactions of votes in flight have all been running this long (the database silent, a
 * row lock held), waiting votes stop waiting for them and run alone, as before group commit: each is
 * then answered by its own transaction's timeout within Slack's 3 s (R87), not after theirs. A group
 * commits in a few milliseconds, so under load this does not happen.
 */
export const STALLED_MS = 100;

export interface GroupCommitOptions {
  /** Transactions of votes in flight at once; more votes wait and go together in the next. */
  slots?: number;
  /** Votes in one transaction at most (its locks are held until it commits). */
  most?: number;
  log?: (msg: string, data?: object) => void;
}

type Vote = Envelope & { actor: PlatformUser; deliveryId: string };

interface Waiting {
  env: Vote;
  now: Date;
  resolve: (o: Outcome) => void;
  reject: (e: unknown) => void;
}

/** Votes from a platform, with the platform's delivery id: what a group commit may take (R36). */
const groupable = (env: Envelope): env is Vote =>
  env.command.type === 'vote' && env.deliveryId !== undefined && isPlatformUser(env.actor);

/** execute, with votes that arrive while `slots` transactions of votes are in flight grouped. */
export function groupCommit(
  store: Store,
  settings: () => Settings,
  opts: GroupCommitOptions = {},
): (env: Envelope, now: Date) => Promise<Outcome> {
  const slots = Math.max(1, opts.slots ?? 2);
  const most = Math.max(1, opts.most ?? 50);
  const log = opts.log;
  const queue: Waiting[] = [];
  /** When each transaction of votes in flight started (performance.now()). */
  const running = new Set<{ at: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const alone = (env: Envelope, now: Date) => execute(store, env, now, settings(), log);
  const runAlone = (w: Waiting): Promise<void> => alone(w.env, w.now).then(w.resolve, w.reject);

  function pump(): void {
    while (running.size < slots && queue.length) {
      const group = queue.splice(0, most);
      const slot = { at: performance.now() };
      running.add(slot);
      void run(group).finally(() => {
        running.delete(slot);
        pump();
      });
    }
    watch();
  }

  /** Since when no transaction of votes has finished: the youngest in flight started then. */
  const stalledSince = () => Math.max(...[...running].map((r) => r.at));

  /** Waiting votes run alone once every transaction in flight has run STALLED_MS. */
  function watch(): void {
    if (timer || !queue.length || running.size < slots) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        if (running.size >= slots && performance.now() - stalledSince() >= STALLED_MS)
          for (const w of queue.splice(0)) void runAlone(w);
        watch();
      },
      Math.max(0, stalledSince() + STALLED_MS - performance.now()),
    );
  }

  async function run(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [w] = group as [Waiting];
      return runAlone(w);
    }
    const started = performance.now();
    let decided: Decided[];
    try {
      decided = await together(group);
    } catch (e) {
      // Nothing was committed, or (a lost connection) perhaps everything: each vote runs again on its
      // own, where a committed one finds its delivery's outcome (R36, R86). A voter the directory
      // does not know yet (asked for by e-mail) and a core failure are the one vote's, not the group's.
      const lost = e instanceof ConnectionLost && performance.now() - started < RETRY_LOST_WITHIN_MS;
      if (!(lost || e instanceof Unidentified || e instanceof CoreError)) {
        for (const w of group) w.reject(e);
        return;
      }
      if (lost) await new Promise((r) => setTimeout(r, 20));
      await Promise.all(
        group.map((w) =>
          alone(w.env, w.now).then(
            (o) => w.resolve(lost && o.duplicate ? { ...o, duplicate: false } : o),
            w.reject,
          ),
        ),
      );
      return;
    }
    group.forEach((w, i) => {
      const d = decided[i] as Decided;
      const link = d.identified?.linked;
      if (link && log) log(...linkedLine(link, d.identified?.person.id ?? ''));
      w.resolve(d.outcome);
    });
  }

  /** One transaction: every claim, lock and identity read at once, then each vote decided in turn. */
  async function together(group: readonly Waiting[]): Promise<Decided[]> {
    const keys = group.flatMap((w) => identityKey(w.env.actor) ?? []) as IdentityKey[];
    let st = newTxState(sharedCacheOf(store));
    const decided = await withRetry(store, async (tx) => {
      st = newTxState(sharedCacheOf(store));
      await loadBatch(
        tx,
        st,
        group.flatMap((w) => refsOf(w.env.command)),
        group.map((w) => ({ id: w.env.deliveryId, at: w.now })),
        keys,
      );
      // R36: a delivery repeated within the group (a platform's retry) is decided once; its repeats
      // are answered with that outcome, as a repeat after the commit would be.
      const first = new Map<string, Decided>();
      const out: Decided[] = [];
      for (const w of group) {
        const seen = first.get(w.env.deliveryId);
        const d =
          seen !== undefined
            ? { outcome: { ...seen.outcome, duplicate: true, notifications: [] }, events: [] }
            : await decideIn(
                tx,
                st,
                { ...w.env, actor: knownOf(w.env.actor) },
                w.now,
                settings(),
                store.faults,
              );
        first.set(w.env.deliveryId, seen ?? d);
        out.push(d);
      }
      await flush(tx, st, store.faults, { last: true });
      return out;
    });
    // The attempt that committed: its states are the database's now.
    rememberStates(st);
    return decided;
  }

  return (env, now) => {
    if (!groupable(env)) return alone(env, now);
    return new Promise<Outcome>((resolve, reject) => {
      queue.push({ env, now, resolve, reject });
      pump();
    });
  };
}
