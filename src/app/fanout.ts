// Delivery to the platforms, in one place (R46). One outbox row is one logical message, delivered
// once to EVERY connected platform: the platforms already recorded as done for the key are skipped,
// so a retry caused by one platform never re-sends on another. The card policy is here too, for
// every platform alike: the newest version of a card wins, it is updated in place where it was shown
// before or else posted, and the send is recorded once, before the conversation is free for the
// next version. A platform offers only find, post and update (PlatformSender).
import type { Notification } from './notification.ts';
import { audienceLabel } from './notification.ts';
import type {
  PlatformAddress,
  PlatformDeliverer,
  PlatformPort,
  PlatformResult,
  PlatformSender,
  SendResult,
} from './platform-port.ts';
import type { Deliverer, DeliveryResult, OutboxMessage } from './ports.ts';

export interface FanOutOptions {
  /** The clock for `sent_at` (default: the wall clock). */
  now?: () => Date;
  log?: (msg: string, data?: object) => void;
}

type Attempt = { d: PlatformDeliverer; r: PlatformResult } | { d: PlatformDeliverer; thrown: unknown };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const plain = ({ quiet: _quiet, ...r }: SendResult): PlatformResult => r as PlatformResult;

/** Records one platform's send of one outbox row; undefined when done, else why not. */
async function record(
  port: PlatformPort,
  platform: string,
  m: Pick<Notification, 'key' | 'to' | 'card'>,
  sent: { channel: string; ts: string },
  at: Date,
): Promise<string | undefined> {
  try {
    await port.recordSent({
      outboxKey: m.key,
      platform,
      channel: sent.channel,
      ts: sent.ts,
      cardKey: m.card?.key ?? null,
      audience: audienceLabel(m.to),
      sentAt: at,
    });
    return undefined;
  } catch (e) {
    return messageOf(e);
  }
}

/**
 * A platform's deliverer from its primitives, under the card policy. The whole send holds the
 * conversation's slot (the platform's pace): two versions of one card delivered concurrently cannot
 * both find "not posted yet" and post twice, and the send is recorded before the slot is released,
 * so the card's next version finds where it is shown.
 */
export function cardPolicy<T extends { conversation: string }>(
  sender: PlatformSender<T>,
  port: PlatformPort,
  opts: FanOutOptions = {},
): PlatformDeliverer {
  const { platform, label } = sender;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? sender.log ?? (() => {});

  async function address(m: OutboxMessage): Promise<PlatformAddress | { reason: string }> {
    if (m.to.kind === 'channel') {
      const id = await port.channelId(platform, m.to.channel);
      return id ? { kind: 'channel', id } : { reason: `no ${label} channel registered as ${m.to.channel}` };
    }
    const id = await port.platformId(platform, m.to.person);
    return id ? { kind: 'user', id } : { reason: `${m.to.person} has no linked ${label} id` };
  }

  /** A card shown before to this audience is updated in place (unless a newer version is); else posted. */
  async function send(m: OutboxMessage, to: T): Promise<SendResult> {
    if (m.card) {
      const prev = await port.latestCard(platform, m.card.key, audienceLabel(m.to));
      if (prev && prev.outboxId > m.id) {
        // A newer version is already shown (this one was retried, or raced): it is superseded.
        log(`${platform}: card version superseded`, { key: m.key, card: m.card.key });
        return { status: 'sent', channel: prev.channel, ts: prev.ts, quiet: true };
      }
      // A channel re-registered elsewhere (or a relinked person) gets a new post instead.
      if (prev && prev.channel === to.conversation) {
        const u = await sender.update(m, prev, to);
        if (u !== 'gone') return u;
      }
    }
    return sender.post(m, to);
  }

  return {
    platform,
    accepts: (m) => !m.home || sender.homeTab === true,
    async deliver(m) {
      let where: PlatformAddress | { reason: string };
      try {
        where = await address(m);
      } catch (e) {
        // Nothing was sent: a database fault here is retried, never taken for an unknown outcome.
        return { status: 'retry', afterMs: 0, error: `cannot read the address: ${messageOf(e)}` };
      }
      if ('reason' in where) return { status: 'no-address', reason: where.reason };
      const to = await sender.find(where, m);
      if ('status' in to) return to;
      const { r } = await sender.pace.run(
        to.conversation,
        async () => {
          const res = await send(m, to);
          const quiet = res.quiet === true;
          const sent = plain(res);
          if (sent.status !== 'sent') return { r: sent, quiet };
          const error = await record(port, platform, m, sent, now());
          const recorded: true | { error: string } = error === undefined ? true : { error };
          return { r: { ...sent, recorded }, quiet };
        },
        // A send that sent nothing (superseded, or found already posted) leaves the slot free at once.
        (x) => !x.quiet,
      );
      if (r.status !== 'sent') log(`${platform}: not delivered`, { key: m.key, ...r });
      return r;
    },
  };
}

export function fanOut(
  deliverers: readonly PlatformDeliverer[],
  port: PlatformPort,
  opts: FanOutOptions = {},
): Deliverer {
  const now = opts.now ?? (() => new Date());
  return {
    platform: deliverers.map((d) => d.platform).join('+'),
    async deliver(m: OutboxMessage): Promise<DeliveryResult> {
      const done = await port.deliveredTo(m.key);
      // R81: a platform that does not show this kind of message (a Home tab) has nothing to do for it.
      const todo = deliverers.filter((d) => !done.has(d.platform) && (d.accepts?.(m) ?? true));
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
        // Recorded once: by the card policy when the platform went through it, else here.
        const rec = a.r.recorded;
        const error =
          rec === undefined
            ? await record(port, a.d.platform, m, a.r, now())
            : rec === true
              ? undefined
              : rec.error;
        if (error === undefined) refs.push(`${a.d.platform}:${a.r.channel}/${a.r.ts}`);
        else unrecorded.push(`${a.d.platform}: sent but not recorded (${error})`);
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
