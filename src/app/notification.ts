// A neutral notification: what the bot decided to send (R46), written to the outbox in the same
// transaction as the events that caused it, and delivered later by the platform adapters.
import type { Card, CardAttachment } from '../views/card.ts';
import type { PersonId } from '../domain/types.ts';

export type ChannelName = 'change-board' | 'panel' | 'announcements';

export type Audience = { kind: 'channel'; channel: ChannelName } | { kind: 'person'; person: PersonId };

export interface Notification {
  /**
   * Idempotency key, unique per logical message (e.g. `42:17:dm:alice`): a retry or a second
   * replica never writes or sends it twice.
   */
  key: string;
  to: Audience;
  /** Plain text (also the fallback text of the card). */
  text: string;
  card?: Card;
  /**
   * A file the message carries, such as a meeting's calendar invite (R78): Slack uploads it into the
   * conversation with `text` as its comment; Teams, which takes no file from a bot unasked, sends the
   * text with a link to the person's calendar feed instead.
   */
  file?: CardAttachment;
  /**
   * R81: the person's Slack Home tab rather than a message. Only Slack shows it (views.publish), drawn
   * from the state when it is sent; other platforms have nothing to do for it.
   */
  home?: true;
}

/** `channel:change-board` or `person:<id>`, as scripted mode prints it (R69). */
export const audienceLabel = (a: Audience): string =>
  a.kind === 'channel' ? `channel:${a.channel}` : `person:${a.person}`;
