// Collects the notifications of one command (R46): one per channel or person per logical message, keyed
// `${keyBase}:<audience>:<suffix>` so a retry of the same command writes the same keys. Writing a key
// twice replaces the message in place (several events of one command re-render the same card once).
import type { PersonId } from '../../domain/types.ts';
import type { Card, CardAttachment } from '../../views/card.ts';
import type { ChannelName, Notification } from '../notification.ts';

export class Collector {
  private readonly items = new Map<string, Notification>();
  private readonly keyBase: string;
  constructor(keyBase: string) {
    this.keyBase = keyBase;
  }

  channelKey = (channel: ChannelName, suffix: string): string => `${this.keyBase}:${channel}:${suffix}`;
  dmKey = (person: PersonId, suffix: string): string => `${this.keyBase}:dm:${person}:${suffix}`;

  channel(channel: ChannelName, suffix: string, text: string, card?: Card): void {
    const key = this.channelKey(channel, suffix);
    this.items.set(key, { key, to: { kind: 'channel', channel }, text, ...(card ? { card } : {}) });
  }

  dm(person: PersonId, suffix: string, text: string, card?: Card, file?: CardAttachment): void {
    const key = this.dmKey(person, suffix);
    this.items.set(key, {
      key,
      to: { kind: 'person', person },
      text,
      ...(card ? { card } : {}),
      ...(file ? { file } : {}),
    });
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Drops a placeholder that turned out to have nothing to say. */
  drop(key: string): void {
    this.items.delete(key);
  }

  list(): Notification[] {
    return [...this.items.values()].filter((n) => n.text !== '');
  }
}
