// Teams conversation references (R46): where the bot may post proactively, taken from the
// activities Teams sends (installationUpdate, conversationUpdate, every message and click). The
// extraction is pure; the recorder writes through a ConversationStore (db/teams-store.ts) and skips a
// message's or click's reference it stored recently unchanged, so a busy conversation costs no write
// per message.
// A channel is keyed by its channel id, the id `admin channel` registers (handlers.ts channelOf): a
// thread's conversation id carries `;messageid=…`, which a proactive post must not.

import { isRecord } from './is-record.ts';

export type {
  ConversationReference,
  ConversationStore,
  ConversationType,
} from '../../src/app/platform-port.ts';
import type {
  ConversationReference,
  ConversationStore,
  ConversationType,
} from '../../src/app/platform-port.ts';

/** What an activity tells us: a reference to keep, or a conversation the bot was removed from. */
export type ReferenceChange =
  | { kind: 'save'; reference: ConversationReference }
  | { kind: 'remove'; conversationId: string; teamId: string | null };

const str = (x: unknown): string | null => (typeof x === 'string' && x.length > 0 ? x : null);
const field = (o: unknown, key: string): unknown => (isRecord(o) ? o[key] : undefined);

/**
 * The id to post to for an activity's conversation: in a channel the channel id (channelData.channel
 * .id, else the conversation id without its `;messageid=`: a team's General channel, as the emulator
 * sends it); elsewhere the conversation id.
 */
export function conversationIdOf(activity: {
  conversation: { id: string; conversationType?: unknown };
  channelData?: unknown;
}): string {
  const channel = str(field(field(activity.channelData, 'channel'), 'id'));
  const id = activity.conversation.id;
  if (activity.conversation.conversationType === 'personal') return id;
  return channel ?? (id.split(';')[0] as string);
}

function typeOf(conversation: unknown, channelData: unknown): ConversationType {
  const t = field(conversation, 'conversationType');
  if (t === 'personal' || t === 'channel' || t === 'groupChat') return t;
  if (field(conversation, 'isGroup') !== true) return 'personal';
  return isRecord(field(channelData, 'team')) || isRecord(field(channelData, 'channel'))
    ? 'channel'
    : 'groupChat';
}

/** The reference change an activity carries, or null (no serviceUrl or conversation: not from Teams). */
export function referenceChange(activity: unknown): ReferenceChange | null {
  if (!isRecord(activity)) return null;
  const serviceUrl = str(activity.serviceUrl);
  const rawId = str(field(activity.conversation, 'id'));
  if (!serviceUrl || !rawId) return null;
  const { channelData } = activity;
  const type = typeOf(activity.conversation, channelData);
  const conversationId = conversationIdOf({
    conversation: { id: rawId, conversationType: type },
    channelData,
  });
  const team = field(channelData, 'team');
  const teamId = str(field(team, 'id'));
  const eventType = field(channelData, 'eventType');
  const botId = str(field(activity.recipient, 'id'));

  const uninstalled = activity.type === 'installationUpdate' && activity.action === 'remove';
  const members = field(activity, 'membersRemoved');
  const botRemoved =
    activity.type === 'conversationUpdate' &&
    Array.isArray(members) &&
    members.some((m) => botId !== null && field(m, 'id') === botId);
  const teamGone = eventType === 'teamDeleted' || eventType === 'teamHardDeleted';
  if (uninstalled || botRemoved || teamGone)
    return { kind: 'remove', conversationId, teamId: type === 'channel' ? teamId : null };
  // The deleted channel is channelData.channel, so conversationId names it.
  if (eventType === 'channelDeleted') return { kind: 'remove', conversationId, teamId: null };

  const channel = field(channelData, 'channel');
  const channelId = type === 'channel' ? conversationId : null;
  return {
    kind: 'save',
    reference: {
      conversationId,
      serviceUrl,
      tenantId:
        str(field(activity.conversation, 'tenantId')) ?? str(field(field(channelData, 'tenant'), 'id')),
      type,
      teamId,
      teamName: str(field(team, 'name')),
      channelId,
      channelName:
        channelId !== null && str(field(channel, 'id')) === channelId ? str(field(channel, 'name')) : null,
      userAadId: type === 'personal' ? str(field(activity.from, 'aadObjectId')) : null,
      botId,
    },
  };
}

/** The reference of a 1:1 chat the bot opened itself (POST /v3/conversations). */
export function personalReference(
  r: Pick<ConversationReference, 'conversationId' | 'serviceUrl' | 'tenantId' | 'userAadId' | 'botId'>,
): ConversationReference {
  const none = { teamId: null, teamName: null, channelId: null, channelName: null };
  return { ...r, ...none, type: 'personal' };
}

export interface RecorderOptions {
  log: (msg: string, data?: object) => void;
  now?: () => Date;
  /** A reference stored unchanged within this long is not written again (default 1 hour). */
  refreshMs?: number;
}

/**
 * Records the reference an activity carries. Never throws: a reference that cannot be stored is
 * logged, and the activity is answered all the same (the next one stores it).
 */
export function referenceRecorder(
  store: ConversationStore,
  opts: RecorderOptions,
): (activity: unknown) => Promise<void> {
  const now = opts.now ?? (() => new Date());
  const refreshMs = opts.refreshMs ?? 3_600_000;
  /** conversation id → what was last stored, and when. */
  const stored = new Map<string, { json: string; at: number }>();
  return async (activity) => {
    let change: ReferenceChange | null = null;
    try {
      change = referenceChange(activity);
      if (!change) return;
      const at = now();
      if (change.kind === 'remove') {
        stored.clear();
        await store.remove(change.conversationId, change.teamId);
        opts.log('teams: bot removed from a conversation', { level: 'info', ...change });
        return;
      }
      const { reference } = change;
      const json = JSON.stringify(reference);
      const last = stored.get(reference.conversationId);
      // Installs and membership changes are always written: another replica may have removed the row.
      const routine = isRecord(activity) && (activity.type === 'message' || activity.type === 'invoke');
      if (routine && last && last.json === json && at.getTime() - last.at < refreshMs) return;
      await store.save(reference, at);
      if (stored.size > 10_000) stored.clear();
      stored.set(reference.conversationId, { json, at: at.getTime() });
    } catch (e) {
      opts.log('teams: conversation reference not stored', {
        level: 'warn',
        conversation: change?.kind === 'save' ? change.reference.conversationId : change?.conversationId,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  };
}
