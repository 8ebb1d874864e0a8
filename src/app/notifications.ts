// Turns accepted events into neutral notifications (SPEC §7). (Being written; stub returns none.)
import type { Context } from '../domain/types.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { World } from '../domain/modification.ts';
import type { Notification } from './notification.ts';

export interface NotifyInput {
  events: readonly DomainEvent[];
  before: World;
  after: World;
  ctx: Context;
  /** Unique per command (e.g. the first stored event's stream and sequence), used to build keys. */
  keyBase: string;
}

export function notificationsFor(_input: NotifyInput): Notification[] {
  return [];
}
