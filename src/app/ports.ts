// The two doors of the bot: commands go in through Engine.execute; notifications come
// out through the outbox to a Deliverer. Adapters and the CLI depend on these types only.
import type { Command } from '../domain/commands.ts';
import type { PersonId, RefusalCode } from '../domain/types.ts';
import type { Notification } from './notification.ts';
import type { Card } from '../views/card.ts';

export type Platform = 'slack' | 'teams' | 'cli' | 'script' | 'system';

/**
 * R1, R2: someone on a platform as its signed request names them (never a button value or typed
 * text). The command's transaction finds the person: by the linked id, else by the e-mail, then linked.
 */
export interface PlatformUser {
  platform: 'slack' | 'teams';
  /** Slack user id, Teams AAD object id; absent when the request carried none (nothing is linked then). */
  platformId?: string | undefined;
  /**
   * The e-mail the platform holds for them. A function when asking costs a platform call (Slack's
   * users.info): it is called only when the id is not linked yet.
   */
  email?: string | (() => Promise<string | undefined>) | undefined;
}

export interface Envelope {
  command: Command;
  /** A person (the CLI, scripts), the scheduler, or someone on a platform, found in the transaction. */
  actor: PersonId | 'system' | PlatformUser;
  platform: Platform;
  /** Slack retry / Teams activity id: a repeat returns the first outcome and writes nothing (R36). */
  deliveryId?: string;
  /** The command as typed, kept in the history (R8). */
  text?: string;
  /**
   * A click's card (its key): the new version of it this command writes is kept with the first
   * outcome, so a repeated delivery is answered with the very card the first one was (R36).
   */
  answerCard?: string;
}

export interface Outcome {
  ok: boolean;
  /** The refusal code; null when accepted. */
  code: RefusalCode | null;
  /** The sentence for the person who ran it. */
  reply: string;
  /** True when this delivery id was seen before: nothing was written this time. */
  duplicate: boolean;
  /** What this command put in the outbox (empty for a refusal or a duplicate). */
  notifications: Notification[];
  /**
   * A card to show with the reply: the new version of the envelope's `answerCard` on the first
   * delivery and on every repeat (R36), or a list card such as `mine` (R81); `reply` is its text.
   */
  card?: Card;
}

/** One outbox row as the delivery loop sees it. */
export interface OutboxMessage extends Notification {
  id: number;
  attempts: number;
  createdAt: Date;
}

/** What a platform adapter reports for one send (fanOut joins the platforms' deliverers; tests use a recording one). */
export type DeliveryResult =
  | { status: 'sent'; platformRef?: string }
  | { status: 'retry'; afterMs: number; error: string }
  | { status: 'failed'; error: string };

export interface Deliverer {
  readonly platform: string;
  deliver(message: OutboxMessage): Promise<DeliveryResult>;
}
