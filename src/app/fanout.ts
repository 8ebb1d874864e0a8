// One outbox row is one logical message, delivered once to EVERY connected platform (R46, issue 4
// §6): the platforms already recorded as done for the key are skipped, so a retry caused by one
// platform never re-sends on another. Platform-neutral: Slack and Teams deliverers plug in here.
import { audienceLabel } from './notification.ts';
import type { PlatformDeliverer, PlatformPort, PlatformResult } from './platform-port.ts';
import type { Deliverer, DeliveryResult, OutboxMessage } from './ports.ts';

export interface FanOutOptions {
  /** The clock for `sent_at` (default: the wall clock). */
  now?: () => Date;
  log?: (msg: string, data?: object) => void;
}

type Attempt = { d: PlatformDeliverer; r: PlatformResult } | { d: PlatformDeliverer; thrown: unknown };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function fanOut(
  deliverers: readonly PlatformDeliverer[],
  record: PlatformPort,
  opts: FanOutOptions = {},
): Deliverer {
  const now = opts.now ?? (() => new Date());
  return {
    platform: deliverers.map((d) => d.platform).join('+'),
    async deliver(m: OutboxMessage): Promise<DeliveryResult> {
      const done = await record.deliveredTo(m.key);
      const todo = deliverers.filter((d) => !done.has(d.platform));
      if (todo.length === 0) return { status: 'sent' };
      // Platforms are independent: one slow platform (pacing, a timeout) does not hold up another.
      const attempts = await Promise.all(
        todo.map(async (d): Promise<Attempt> => {
          try {
            return { d, r: await d.deliver(m) };
          } catch (thrown) {
            return { d, thrown };
          }
        }),
      );
      const refs: string[] = [];
      const unrecorded: string[] = [];
      for (const a of attempts) {
        if (!('r' in a) || a.r.status !== 'sent') continue;
        try {
          await record.recordSent({
            outboxKey: m.key,
            platform: a.d.platform,
            channel: a.r.channel,
            ts: a.r.ts,
            cardKey: m.card?.key ?? null,
            audience: audienceLabel(m.to),
            sentAt: now(),
          });
          refs.push(`${a.d.platform}:${a.r.channel}/${a.r.ts}`);
        } catch (e) {
          unrecorded.push(`${a.d.platform}: sent but not recorded (${messageOf(e)})`);
        }
      }
      // Not recorded means "not done": the row is retried, and that platform's reconciliation (the
      // outbox key in the message's metadata on Slack) finds the message instead of sending it again.
      if (unrecorded.length) return { status: 'retry', afterMs: 0, error: unrecorded.join('; ') };
      return combine(m, attempts, done.size + refs.length, refs, opts);
    },
  };
}

function combine(
  m: OutboxMessage,
  attempts: readonly Attempt[],
  delivered: number,
  refs: readonly string[],
  opts: FanOutOptions,
): DeliveryResult {
  const threw = attempts.filter((a) => 'thrown' in a);
  if (threw.length) {
    // A throw is a bug or an unclassified fault: the loop marks the row `unknown` (not resent).
    const why = threw.map((a) => `${a.d.platform}: ${messageOf((a as { thrown: unknown }).thrown)}`);
    throw new Error(why.join('; '));
  }
  const results = attempts.map((a) => ({ platform: a.d.platform, r: (a as { r: PlatformResult }).r }));
  const retries = results.flatMap(({ platform, r }) =>
    r.status === 'retry' ? [{ platform, afterMs: r.afterMs, error: r.error }] : [],
  );
  const failures = results.flatMap(({ platform, r }) =>
    r.status === 'failed' ? [`${platform}: ${r.error}`] : [],
  );
  // While another platform can still succeed, retry: a failed platform is tried again (cheaply), but
  // a done one is not. When nothing is left to retry, a failure is reported to the admins.
  if (retries.length) {
    const error = [...retries.map((x) => `${x.platform}: ${x.error}`), ...failures].join('; ');
    return { status: 'retry', afterMs: Math.max(...retries.map((x) => x.afterMs)), error };
  }
  if (failures.length) return { status: 'failed', error: failures.join('; ') };
  if (delivered === 0) {
    // Every platform lacks an address: the message reached no one, which the admins must hear of.
    const reasons = results.map(
      ({ platform, r }) => `${platform}: ${r.status === 'no-address' ? r.reason : ''}`,
    );
    opts.log?.('outbox: no platform can reach the audience', { key: m.key, to: audienceLabel(m.to) });
    return { status: 'failed', error: `no address on any platform (${reasons.join('; ')})` };
  }
  return refs.length ? { status: 'sent', platformRef: refs.join(' ') } : { status: 'sent' };
}
