// Delivery to the platforms (R46), in plain types. What delivery needs from the database: where an
// audience lives on a platform (a registered channel, a person's platform id), which platforms an
// outbox message already reached, and where a card was last posted so it is updated in place
// (db/platform-store.ts implements it). And what a platform offers: find a conversation, post,
// update (adapters/*/notifier.ts); the policy that uses them is src/app/fanout.ts.
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
  | {
      status: 'sent';
      channel: string;
      ts: string;
      /**
       * Set by the card policy (fanout.ts), which records the send before the conversation is free
       * again: true, or why the record failed. Absent: fanOut records it.
       */
      recorded?: true | { error: string };
    }
  /** The audience has no address on this platform (no linked id, no registered channel). */
  | { status: 'no-address'; reason: string }
  | { status: 'retry'; afterMs: number; error: string }
  | { status: 'failed'; error: string };

/** One platform's sender; fanOut combines them into the outbox loop's Deliverer. */
export interface PlatformDeliverer {
  readonly platform: string;
  deliver(message: OutboxMessage): Promise<PlatformResult>;
  /** Whether this platform shows the message at all (R81: only Slack has a Home tab); default yes. */
  accepts?(message: OutboxMessage): boolean;
}

/** A result that sent nothing. */
export type NotSent = Exclude<PlatformResult, { status: 'sent' }>;

/** Where an audience lives on a platform, as the directory says (R1): a channel id or a user id. */
export type PlatformAddress = { kind: 'channel'; id: string } | { kind: 'user'; id: string };

/** A send primitive's result; `quiet` when nothing was sent (the conversation is free at once). */
export type SendResult = PlatformResult & { quiet?: boolean };

/** A platform's pace per conversation (adapters/pacer.ts). */
export interface Pace {
  run<R>(conversation: string, send: () => Promise<R>, used?: (result: R) => boolean): Promise<R>;
}

/**
 * One platform's primitives, which fanout.ts's card policy drives (newest version wins, update in
 * place or post, record the send once). `T` is what the platform needs to reach a conversation.
 */
export interface PlatformSender<T extends { conversation: string }> {
  readonly platform: string;
  /** The platform's name in sentences: `no Slack channel registered as panel`. */
  readonly label: string;
  readonly pace: Pace;
  log?: ((msg: string, data?: object) => void) | undefined;
  /** R81: the platform draws a person's Home tab (Slack); others leave `home` messages alone. */
  readonly homeTab?: boolean;
  /** The conversation for an address: the channel, or the person's direct messages (opened if need be). */
  find(address: PlatformAddress, m: OutboxMessage): Promise<T | NotSent>;
  post(m: OutboxMessage, to: T): Promise<SendResult>;
  /** Replaces a message posted before; 'gone' when the platform no longer has it (it is posted anew). */
  update(m: OutboxMessage, at: { channel: string; ts: string }, to: T): Promise<SendResult | 'gone'>;
}

// Teams conversation references (R46): where the bot may post proactively, kept from the activities
// Teams sends (adapters/teams/conversations.ts); db/teams-store.ts keeps them.

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export interface ConversationReference {
  /** The conversation to post to: a channel id, a group chat id or a 1:1 chat id. */
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  type: ConversationType;
  teamId: string | null;
  teamName: string | null;
  channelId: string | null;
  channelName: string | null;
  /** The person of a 1:1 chat (their AAD object id): a DM to them goes here. */
  userAadId: string | null;
  botId: string | null;
}

/** The stored references (db/teams-store.ts). */
export interface ConversationStore {
  /** Inserts or replaces by conversation id; a name or tenant the new one lacks is kept. */
  save(reference: ConversationReference, at: Date): Promise<void>;
  /** Forgets a conversation, and with a team id every conversation of that team. */
  remove(conversationId: string, teamId: string | null): Promise<void>;
  get(conversationId: string): Promise<ConversationReference | null>;
  /** The newest 1:1 chat with this person. */
  personal(userAadId: string): Promise<ConversationReference | null>;
  /** The newest reference of the tenant (of any tenant when none is given). */
  latest(tenantId?: string): Promise<ConversationReference | null>;
  /**
   * R81: claims the 1:1 chat's greeting for this Teams user: true when none was claimed in the last
   * `gapMs` (by any replica sharing the database, R48), and the claim is then this one.
   */
  greet(userId: string, at: Date, gapMs: number): Promise<boolean>;
}
