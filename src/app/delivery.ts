// The outbox delivery loop (R46): claims due messages (SKIP LOCKED, so replicas share the work),
// hands each to a Deliverer, and records the result: sent; retried later with back-off (at least
// the platform's Retry-After); or failed after the retry budget, which is reported to the admins.
// No transaction is held while a platform call is in flight: a claim marks rows `sending`, and a
// send that throws is marked `unknown`, to be reconciled rather than blindly repeated.
import type { Notification } from './notification.ts';
import { audienceLabel } from './notification.ts';
import type { Deliverer, DeliveryResult, OutboxMessage } from './ports.ts';
import type { OutboxOutcome, Store } from './store.ts';
import { withRetry } from './unit-of-work.ts';

export interface DeliverOptions {
  /** Messages claimed per round (default 50). */
  limit?: number;
  /** Attempts before a message is given up as failed (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs` (defaults 1 s and 1 h). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (msg: string, data?: object) => void;
}

export interface DeliverReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  unknown: number;
}

export function backoffMs(attempts: number, opts: DeliverOptions = {}): number {
  const base = opts.baseBackoffMs ?? 1000;
  const max = opts.maxBackoffMs ?? 3_600_000;
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** Key prefix of the admins' report of a failed message; such a report never reports itself. */
const FAILURE_KEY = 'outbox-failed:';

/**
 * One round: claims up to `limit` due messages and delivers them through the deliverer (fanOut joins
 * every connected platform into one). With none, nothing is claimed: the outbox keeps the messages.
 */
export async function deliverDue(
  store: Store,
  deliverers: readonly Deliverer[],
  now: Date,
  opts: DeliverOptions = {},
): Promise<DeliverReport> {
  const report: DeliverReport = { claimed: 0, sent: 0, retried: 0, failed: 0, unknown: 0 };
  const d = deliverers[0];
  if (!d) return report;
  const claimed = await store.claimOutbox(now, opts.limit ?? 50);
  report.claimed = claimed.length;
  const maxAttempts = opts.maxAttempts ?? 8;
  const results: OutboxOutcome[] = [];
  const failures: { message: OutboxMessage; error: string }[] = [];
  for (const m of claimed) {
    let r: DeliveryResult | 'threw';
    let thrown = '';
    try {
      r = await d.deliver(m);
    } catch (e) {
      r = 'threw';
      thrown = e instanceof Error ? e.message : String(e);
    }
    if (r === 'threw') {
      results.push({ id: m.id, status: 'unknown', error: thrown });
      report.unknown++;
      failures.push({ message: m, error: `outcome unknown: ${thrown}` });
    } else if (r.status === 'sent') {
      results.push({
        id: m.id,
        status: 'sent',
        at: now,
        ...(r.platformRef ? { platformRef: r.platformRef } : {}),
      });
      report.sent++;
    } else if (r.status === 'retry' && m.attempts < maxAttempts) {
      const wait = Math.max(r.afterMs, backoffMs(m.attempts, opts));
      results.push({ id: m.id, status: 'pending', next: new Date(now.getTime() + wait), error: r.error });
      report.retried++;
    } else {
      const error = r.status === 'retry' ? `gave up after ${m.attempts} attempts: ${r.error}` : r.error;
      results.push({ id: m.id, status: 'failed', error });
      report.failed++;
      failures.push({ message: m, error });
    }
  }
  if (results.length) await store.settleOutbox(results);
  const reports = failures.filter((f) => !f.message.key.startsWith(FAILURE_KEY));
  if (reports.length) await reportToAdmins(store, reports, now);
  if (failures.length)
    opts.log?.('outbox: messages not delivered', { ids: failures.map((f) => f.message.id) });
  return report;
}

/** R46: a message that could not be delivered is reported to the admins, not dropped silently. */
async function reportToAdmins(
  store: Store,
  failures: readonly { message: OutboxMessage; error: string }[],
  now: Date,
): Promise<void> {
  await withRetry(store, async (tx) => {
    const admins = (await tx.people()).filter((p) => p.roles.includes('admin'));
    const notes: Notification[] = failures.flatMap(({ message, error }) =>
      admins.map((a) => ({
        key: `${FAILURE_KEY}${message.id}:${a.id}`,
        to: { kind: 'person' as const, person: a.id },
        text: `A message to ${audienceLabel(message.to)} could not be delivered (${error}): ${message.text}`,
      })),
    );
    if (notes.length) await tx.enqueue(notes.map((note) => ({ note, at: now })));
  });
}
