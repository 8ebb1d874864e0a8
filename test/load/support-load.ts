// Shared by the load tests: the file's throwaway PostgreSQL database, the real
// deliverers built as src/main.ts builds them (fanOut over the Slack and Teams deliverers), an outbox
// drain that runs deliverDue loops until nothing is pending, and the per-second rate counting the
// platform limits are checked with. The load tests run on PostgreSQL only: they fail loudly without it.
import { sql } from 'drizzle-orm';
import { Pacer } from '../../adapters/pacer.ts';
import type { PacerOptions } from '../../adapters/pacer.ts';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { teamsDeliverer } from '../../adapters/teams/notifier.ts';
import { rowsOf } from '../../db/client.ts';
import type { OpenStore } from '../../db/open.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import type { DeliverOptions, DeliverReport } from '../../src/app/delivery.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { POSTGRES, databasesForThisFile, pgUnreachable } from '../support/databases.ts';

/** The file's PostgreSQL store (created and dropped with the file). Call at top level. */
export function loadDatabase(): { store(): Promise<OpenStore> } {
  databasesForThisFile();
  if (pgUnreachable) throw new Error(`npm run test:load needs PostgreSQL: ${pgUnreachable}`);
  return POSTGRES;
}

export const SLACK_TOKEN = 'xoxb-test-token';

export interface DelivererSetup {
  /** The fake Slack Web API (or a proxy in front of it); omitted: no Slack. */
  slackApiUrl?: string;
  /** The Bot Connector used for conversations without a stored reference; omitted: no Teams. */
  teamsServiceUrl?: string;
  slackPacer?: PacerOptions;
  teamsPacer?: PacerOptions;
  slackTimeoutMs?: number;
  teamsTimeoutMs?: number;
  /** Slack: wait before looking again for a post whose outcome is unknown. */
  settleMs?: number;
  /** Teams: base of the jittered back-off. */
  teamsBackoffMs?: number;
  log?: (msg: string, data?: object) => void;
}

/** One Deliverer as src/main.ts builds it: fanOut over the connected platforms' deliverers. */
export function platformDeliverer(store: OpenStore, s: DelivererSetup): Deliverer {
  const port = platformStore(store.db);
  const log = s.log ?? (() => {});
  const platforms = [];
  if (s.slackApiUrl) {
    const client = deliveryClient(SLACK_TOKEN, {
      apiUrl: s.slackApiUrl,
      ...(s.slackTimeoutMs ? { timeoutMs: s.slackTimeoutMs } : {}),
      log,
    });
    platforms.push(
      slackDeliverer({
        client,
        port,
        log,
        pacer: new Pacer(s.slackPacer),
        ...(s.settleMs !== undefined ? { settleMs: s.settleMs } : {}),
      }),
    );
  }
  if (s.teamsServiceUrl) {
    platforms.push(
      teamsDeliverer({
        port,
        conversations: teamsStore(store.db),
        serviceUrl: s.teamsServiceUrl,
        log,
        pacer: new Pacer({ intervalMs: 150, ...s.teamsPacer }),
        ...(s.teamsTimeoutMs ? { timeoutMs: s.teamsTimeoutMs } : {}),
        ...(s.teamsBackoffMs !== undefined ? { backoffMs: s.teamsBackoffMs } : {}),
      }),
    );
  }
  return fanOut(platforms, port, { log });
}

export async function outboxStatuses(store: OpenStore): Promise<Record<string, number>> {
  const rows = rowsOf<{ status: string; n: number }>(
    await store.db.execute(sql`select status, count(*)::int as n from outbox group by status`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface DrainOptions extends DeliverOptions {
  /** Concurrent deliverDue loops (src/main.ts runs 8 with limit 5). */
  workers?: number;
  /** The business clock deliverDue is given (default: the wall clock). */
  clock?: () => Date;
  /** Give up (and let the test fail on what is left) after this long. */
  deadlineMs?: number;
}

/**
 * deliverDue loops until no row is pending or sending (or the deadline passes). Returns the summed
 * reports and how long it took.
 */
export async function drainOutbox(
  store: OpenStore,
  deliverer: Deliverer,
  opts: DrainOptions = {},
): Promise<DeliverReport & { ms: number; rounds: number }> {
  const { workers = 1, clock = () => new Date(), deadlineMs = 120_000, ...deliver } = opts;
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0, unknown: 0, ms: 0, rounds: 0 };
  const start = Date.now();
  let errors = 0;
  const worker = async () => {
    while (Date.now() - start < deadlineMs) {
      let r: DeliverReport;
      try {
        r = await deliverDue(store, [deliverer], clock(), { limit: 5, ...deliver });
      } catch (e) {
        if (++errors > 20) throw e;
        await new Promise((ok) => setTimeout(ok, 100));
        continue;
      }
      total.rounds++;
      for (const k of ['claimed', 'sent', 'retried', 'failed', 'unknown'] as const) total[k] += r[k];
      if (r.claimed === 0) {
        const s = await outboxStatuses(store);
        if (!s.pending && !s.sending) return;
        await new Promise((ok) => setTimeout(ok, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  total.ms = Date.now() - start;
  return total;
}

/** The most of `times` (ms) that fall within any window shorter than 1,000 ms. */
export function maxPerSecond(times: readonly number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while ((t[j] ?? 0) - (t[i] ?? 0) >= 1000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Groups values by a key. */
export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k) ?? [];
    list.push(it);
    out.set(k, list);
  }
  return out;
}
