// What a platform deliverer needs from the database (R46, issue 4 §6), in plain types: where an
// audience lives on a platform (a registered channel, a person's platform id), which platforms an
// outbox message already reached, and where a card was last posted so it is updated in place.
// db/platform-store.ts implements it; src/app/fanout.ts and adapters/*/notifier.ts use it.
import type { PersonId } from '../domain/types.ts';
import type { ChannelName } from './notification.ts';
import type { OutboxMessage } from './ports.ts';

/** One message a platform accepted for one outbox row. */
export interface PlatformMessage {
  outboxKey: string;
  platform: string;
  /** The platform's conversation (Slack channel or DM id). */
  channel: string;
  /** The platform's message id (Slack `ts`). */
  ts: string;
  cardKey: string | null;
  /** audienceLabel(message.to). */
  audience: string;
  sentAt: Date;
}

export interface CardMessage {
  channel: string;
  ts: string;
  /** The outbox id of the newest version of the card delivered there. */
  outboxId: number;
}

export interface PlatformPort {
  /** The platforms already recorded as done for this outbox key. */
  deliveredTo(outboxKey: string): Promise<Set<string>>;
  /** Records a delivery; a second record of the same (key, platform) is ignored. */
  recordSent(row: PlatformMessage): Promise<void>;
  /**
   * The message showing this card to this audience on this platform (to update it in place), and
   * the outbox id of the newest version delivered to it: an older version arriving late (a retry,
   * a concurrent worker) must not overwrite a newer one.
   */
  latestCard(platform: string, cardKey: string, audience: string): Promise<CardMessage | null>;
  /** The channel registered for this name on this platform (`/sec admin channel …`). */
  channelId(platform: string, name: ChannelName): Promise<string | null>;
  /** The person's linked id on this platform (R1); the first one when several are linked. */
  platformId(platform: string, person: PersonId): Promise<string | null>;
}

/** What one platform reports for one outbox message. */
export type PlatformResult =
  | { status: 'sent'; channel: string; ts: string }
  /** The audience has no address on this platform (no linked id, no registered channel). */
  | { status: 'no-address'; reason: string }
  | { status: 'retry'; afterMs: number; error: string }
  | { status: 'failed'; error: string };

/** One platform's sender; fanOut combines them into the outbox loop's Deliverer. */
export interface PlatformDeliverer {
  readonly platform: string;
  deliver(message: OutboxMessage): Promise<PlatformResult>;
}
