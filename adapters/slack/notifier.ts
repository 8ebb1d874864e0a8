// Slack's primitives for delivering outbox messages (R46), driven by the card policy of
// src/app/fanout.ts: the registered channel or a DM opened with conversations.open (find),
// chat.postMessage (post) and chat.update (update). Paced at one message per second per channel; 429 honours Retry-After; 5xx, timeouts
// and resets are retried. A post whose outcome is unknown is looked for in conversations.history by
// the outbox key carried in its metadata before anything is sent again, so nothing is posted twice.
import { webApi } from '@slack/bolt';
import { cardPolicy } from '../../src/app/fanout.ts';
import type {
  NotSent,
  PlatformDeliverer,
  PlatformPort,
  PlatformSender,
  SendResult,
} from '../../src/app/platform-port.ts';
import type { OutboxMessage } from '../../src/app/ports.ts';
import type { PersonId } from '../../src/domain/types.ts';
import type { Card } from '../../src/views/card.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Pacer } from '../pacer.ts';
import type { Block } from './render/blocks.ts';
import { renderCard, renderText, SLACK_LIMITS, slackCommands } from './render/blocks.ts';
import { escapeFit } from './render/escape.ts';

type WebClient = webApi.WebClient;
type Log = (msg: string, data?: object) => void;

export const SLACK = 'slack';
/** Slack truncates a message's `text` beyond this. */
const TEXT_LIMIT = 40_000;
/** The pacer's and the delivery record's name for a person's Home tab: `home:<Slack user id>`. */
const HOME_PREFIX = 'home:';
/** The metadata event type of every post, its payload `{key: <outbox key>}`. */
export const OUTBOX_EVENT = 'secbot_outbox';

/**
 * The WebClient for delivery: no retries of its own (the outbox retries, and a blind client retry
 * of a post whose answer was lost would post twice), a 429 rejected at once, a bounded wait.
 */
export function deliveryClient(
  token: string,
  opts: { apiUrl?: string; timeoutMs?: number; log?: Log } = {},
): WebClient {
  const log = opts.log ?? (() => {});
  let level = webApi.LogLevel.WARN;
  const logger: webApi.Logger = {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => log('slack web api', { level: 'warn', msg: msg.map(String).join(' ') }),
    error: (...msg: unknown[]) => log('slack web api', { level: 'error', msg: msg.map(String).join(' ') }),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
  return new webApi.WebClient(token, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeoutMs ?? 10_000,
    logger,
  });
}

export interface SlackDelivererOptions {
  client: WebClient;
  port: PlatformPort;
  log?: Log;
  /** Shared by every send of this deliverer (default: a second between sends to one channel). */
  pacer?: Pacer;
  /** The wait before looking again for a post whose outcome is unknown (default 5 s). */
  settleMs?: number;
  /** conversations.history pages of 200 searched when reconciling (default 5). */
  historyPages?: number;
  /**
   * R81: a person's Home tab as it is now (what they owe). Drawn when the outbox sends it, so the tab
   * shows the newest state whichever change asked for it. Without it, Home tab messages are not taken.
   */
  home?: (person: PersonId) => Promise<Card>;
}

/** How a failed Web API call leaves the message. */
interface Fault {
  /** not-sent: Slack certainly did not post it; unknown: it may have; permanent: retrying is useless. */
  kind: 'not-sent' | 'unknown' | 'permanent';
  error: string;
  retryAfterMs?: number;
}

/** Slack errors after which the message may still have been posted. */
const MAYBE_POSTED = new Set(['internal_error', 'fatal_error', 'request_timeout']);
/** Slack errors after which it certainly was not, and a later try may work. */
const TRY_LATER = new Set(['ratelimited', 'rate_limited', 'service_unavailable', 'team_added_to_org']);
/** chat.update errors that mean "post a new message instead". */
const GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

function classify(e: unknown): Fault {
  const err = e as { code?: unknown; message?: unknown };
  switch (err.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const s = (e as webApi.WebAPIRateLimitedError).retryAfter;
      return { kind: 'not-sent', error: `429 rate limited, Retry-After ${s} s`, retryAfterMs: s * 1000 };
    }
    case webApi.ErrorCode.PlatformError: {
      const code = (e as webApi.WebAPIPlatformError).data.error;
      const kind = MAYBE_POSTED.has(code) ? 'unknown' : TRY_LATER.has(code) ? 'not-sent' : 'permanent';
      return { kind, error: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (e as webApi.WebAPIHTTPError).statusCode;
      return { kind: status >= 500 || status === 408 ? 'unknown' : 'permanent', error: `HTTP ${status}` };
    }
    case webApi.ErrorCode.RequestError: {
      const original = (e as webApi.WebAPIRequestError).original as Error & { cause?: { code?: string } };
      const refused = original.cause?.code === 'ECONNREFUSED' || original.cause?.code === 'ENOTFOUND';
      const why =
        original.name === 'TimeoutError' ? 'timeout' : `${original.message} ${original.cause?.code ?? ''}`;
      return { kind: refused ? 'not-sent' : 'unknown', error: why.trim() };
    }
    default:
      throw e;
  }
}

/** A Slack conversation: a channel, or a person's DM channel. */
interface SlackTarget {
  conversation: string;
}

/** Slack's primitives for the card policy (src/app/fanout.ts): find a conversation, post, update. */
export function slackSender(opts: SlackDelivererOptions): PlatformSender<SlackTarget> {
  const { client } = opts;
  const log = opts.log ?? (() => {});
  const pacer = opts.pacer ?? new Pacer();
  const settleMs = opts.settleMs ?? 5000;
  const dmChannels = new Map<string, string>();
  // Keys whose last attempt here certainly posted nothing: their retry needs no reconciliation.
  // Lost on restart, which only costs a conversations.history call: the safe default is to look.
  const notPosted = new Set<string>();

  const retry = (f: Fault, afterMs = 0): NotSent => ({
    status: 'retry',
    afterMs: Math.max(afterMs, f.retryAfterMs ?? 0),
    error: f.error,
  });

  /** A card as Block Kit with the notification's text as fallback; a plain message as text. */
  function content(m: OutboxMessage): { text: string; blocks?: Block[] } {
    if (!m.card) return renderText(m.text, TEXT_LIMIT);
    const text = escapeFit(slackCommands(m.text), SLACK_LIMITS.fallback);
    const onBadButton = (b: { action: string }, e: Error) =>
      log('slack: button left out of a card', { key: m.key, action: b.action, error: e.message });
    return { text, blocks: renderCard(m.card, { onBadButton }).blocks };
  }

  /** Looks for an earlier post of this outbox message: its ts, or null when there is none. */
  async function findPosted(m: OutboxMessage, channel: string): Promise<string | null> {
    // Newest first; the outbox row's creation bounds the search when it is a wall-clock time.
    const created = m.createdAt.getTime();
    const oldest = created <= Date.now() ? ((created - 300_000) / 1000).toFixed(6) : undefined;
    let cursor: string | undefined;
    for (let page = 0; page < (opts.historyPages ?? 5); page++) {
      const res = await client.conversations.history({
        channel,
        limit: 200,
        include_all_metadata: true,
        ...(oldest ? { oldest } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const hit = res.messages?.find(
        (x) =>
          x.metadata?.event_type === OUTBOX_EVENT &&
          (x.metadata.event_payload as Record<string, unknown> | undefined)?.key === m.key,
      );
      if (hit?.ts) return hit.ts;
      cursor = res.response_metadata?.next_cursor;
      if (!res.has_more || !cursor) return null;
    }
    return null;
  }

  /**
   * Looks for an earlier upload of this outbox message's file (R78): a message in the conversation,
   * since shortly before the row was written, sharing a file of this name with this comment. A file
   * share carries no metadata, so the name and the comment (which names the meeting and its time)
   * stand in for the key.
   */
  async function findUploaded(m: OutboxMessage, channel: string): Promise<string | null> {
    const file = m.file;
    if (!file) return null;
    const created = m.createdAt.getTime();
    const oldest = created <= Date.now() ? ((created - 300_000) / 1000).toFixed(6) : undefined;
    const comment = escapeFit(slackCommands(m.text), SLACK_LIMITS.fallback);
    let cursor: string | undefined;
    for (let page = 0; page < (opts.historyPages ?? 5); page++) {
      const res = await client.conversations.history({
        channel,
        limit: 200,
        ...(oldest ? { oldest } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const hit = res.messages?.find(
        (x) => x.text === comment && (x.files ?? []).some((f) => f.name === file.filename),
      );
      if (hit?.ts) return hit.ts;
      cursor = res.response_metadata?.next_cursor;
      if (!res.has_more || !cursor) return null;
    }
    return null;
  }

  /**
   * R78: the file (a meeting's .ics) uploaded into the conversation with the text as its comment:
   * files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal (Web API's
   * filesUploadV2 does the three). Until the last call nothing is shared, so a failure before it is
   * simply retried; an unknown outcome of the last one is looked for first, like a post.
   */
  async function upload(m: OutboxMessage, channel: string): Promise<SendResult> {
    const file = m.file;
    if (!file) return { status: 'failed', error: 'no file to upload' };
    if (m.attempts > 1 && !notPosted.has(m.key)) {
      try {
        const ts = await findUploaded(m, channel);
        if (ts) {
          log('slack: reconciled an earlier upload', { key: m.key, channel, ts });
          return { status: 'sent', channel, ts, quiet: true };
        }
      } catch (e) {
        const f = classify(e);
        const error = `cannot check for an earlier upload: ${f.error}`;
        return f.kind === 'permanent' ? { status: 'failed', error } : retry({ ...f, error });
      }
    }
    try {
      const res = await client.filesUploadV2({
        channel_id: channel,
        // A calendar file names a command bare, if at all: no one types in a calendar app.
        file: Buffer.from(commandsAs(file.text, undefined), 'utf8'),
        filename: file.filename,
        title: file.filename,
        initial_comment: escapeFit(slackCommands(m.text), SLACK_LIMITS.fallback),
      });
      notPosted.delete(m.key);
      const shared = (res.files as { files?: { id?: string }[] }[] | undefined)?.[0]?.files?.[0];
      return { status: 'sent', channel, ts: shared?.id ?? '' };
    } catch (e) {
      let f: Fault;
      try {
        f = classify(e);
      } catch {
        // The upload URL refused the bytes (filesUploadV2 throws a plain Error): nothing was shared.
        f = { kind: 'not-sent', error: e instanceof Error ? e.message : String(e) };
      }
      if (f.kind === 'permanent') {
        notPosted.delete(m.key);
        return { status: 'failed', error: f.error };
      }
      if (f.kind === 'not-sent') {
        if (notPosted.size >= 10_000) notPosted.clear();
        notPosted.add(m.key);
        if (f.retryAfterMs) pacer.hold(channel, f.retryAfterMs);
        return retry(f);
      }
      notPosted.delete(m.key);
      log('slack: upload outcome unknown, reconciling', { key: m.key, channel, error: f.error });
      const ts = await findUploaded(m, channel).catch(() => null);
      if (ts) return { status: 'sent', channel, ts };
      return retry({ ...f, error: `outcome unknown: ${f.error}` }, settleMs);
    }
  }

  /**
   * R81: views.publish of the person's Home tab, within its 100 blocks. Publishing is idempotent (the
   * whole tab is replaced), so an unknown outcome is simply tried again.
   */
  async function publish(m: OutboxMessage, conversation: string): Promise<SendResult> {
    const user = conversation.slice(HOME_PREFIX.length);
    if (!opts.home || m.to.kind !== 'person') return { status: 'failed', error: 'no Home tab to draw' };
    let card: Card;
    try {
      card = await opts.home(m.to.person);
    } catch (e) {
      return { status: 'retry', afterMs: 0, error: `cannot read what is owed: ${String(e)}` };
    }
    const onBadButton = (b: { action: string }, e: Error) =>
      log('slack: button left out of the Home tab', { key: m.key, action: b.action, error: e.message });
    const { blocks } = renderCard(card, { onBadButton, maxBlocks: SLACK_LIMITS.blocksPerHome });
    try {
      const res = await client.views.publish({ user_id: user, view: { type: 'home', blocks } });
      return { status: 'sent', channel: conversation, ts: res.view?.id ?? '' };
    } catch (e) {
      const f = classify(e);
      if (f.kind === 'permanent') return { status: 'failed', error: f.error };
      if (f.retryAfterMs) pacer.hold(conversation, f.retryAfterMs);
      return retry(f);
    }
  }

  /** Posts once: an earlier attempt that may have posted it is looked for first (by the outbox key). */
  async function post(m: OutboxMessage, { conversation: channel }: SlackTarget): Promise<SendResult> {
    if (m.home) return publish(m, channel);
    if (m.file) return upload(m, channel);
    if (m.attempts > 1 && !notPosted.has(m.key)) {
      // An earlier attempt (here, in another replica, or before a crash) may have posted it.
      try {
        const ts = await findPosted(m, channel);
        if (ts) {
          log('slack: reconciled an earlier post', { key: m.key, channel, ts });
          return { status: 'sent', channel, ts, quiet: true };
        }
      } catch (e) {
        const f = classify(e);
        const error = `cannot check for an earlier post: ${f.error}`;
        return f.kind === 'permanent' ? { status: 'failed', error } : retry({ ...f, error });
      }
    }
    try {
      const res = await client.chat.postMessage({
        channel,
        ...content(m),
        metadata: { event_type: OUTBOX_EVENT, event_payload: { key: m.key } },
        unfurl_links: false,
        unfurl_media: false,
      });
      notPosted.delete(m.key);
      return { status: 'sent', channel: res.channel ?? channel, ts: res.ts ?? '' };
    } catch (e) {
      const f = classify(e);
      if (f.kind === 'permanent') {
        notPosted.delete(m.key);
        return { status: 'failed', error: f.error };
      }
      if (f.kind === 'not-sent') {
        // Forgetting is always safe (it only costs a reconciliation): keep the set small.
        if (notPosted.size >= 10_000) notPosted.clear();
        notPosted.add(m.key);
        if (f.retryAfterMs) pacer.hold(channel, f.retryAfterMs);
        return retry(f);
      }
      // Unknown: look right away (the usual case: the answer was lost, the post is there).
      notPosted.delete(m.key);
      log('slack: post outcome unknown, reconciling', { key: m.key, channel, error: f.error });
      const ts = await findPosted(m, channel).catch(() => null);
      if (ts) return { status: 'sent', channel, ts };
      return retry({ ...f, error: `outcome unknown: ${f.error}` }, settleMs);
    }
  }

  /** chat.update of a card posted before; 'gone' when Slack no longer has that message. */
  async function update(m: OutboxMessage, at: { channel: string; ts: string }): Promise<SendResult | 'gone'> {
    if (m.home) return publish(m, at.channel);
    try {
      await client.chat.update({ channel: at.channel, ts: at.ts, ...content(m) });
      return { status: 'sent', channel: at.channel, ts: at.ts };
    } catch (e) {
      const f = classify(e);
      if (GONE.has(f.error)) return 'gone';
      if (f.kind === 'permanent') return { status: 'failed', error: f.error };
      if (f.retryAfterMs) pacer.hold(at.channel, f.retryAfterMs);
      // An update is idempotent: an unknown outcome is simply tried again.
      return retry(f);
    }
  }

  async function dmChannel(user: string): Promise<string | null> {
    const known = dmChannels.get(user);
    if (known) return known;
    const id = (await client.conversations.open({ users: user })).channel?.id ?? null;
    if (id) dmChannels.set(user, id);
    return id;
  }

  return {
    platform: SLACK,
    label: 'Slack',
    pace: pacer,
    log,
    homeTab: opts.home !== undefined,
    async find(to, m) {
      if (to.kind === 'channel') return { conversation: to.id };
      // R81: a Home tab is the person's own, paced apart from their DMs.
      if (m.home) return { conversation: `${HOME_PREFIX}${to.id}` };
      let channel: string | null;
      try {
        channel = await dmChannel(to.id);
      } catch (e) {
        const f = classify(e);
        return f.kind === 'permanent' ? { status: 'failed', error: f.error } : retry(f);
      }
      return channel
        ? { conversation: channel }
        : { status: 'failed', error: 'conversations.open gave no channel' };
    },
    post,
    update,
  };
}

/** Slack delivery of outbox messages under the card policy (src/app/fanout.ts). */
export const slackDeliverer = (opts: SlackDelivererOptions): PlatformDeliverer =>
  cardPolicy(slackSender(opts), opts.port, opts.log ? { log: opts.log } : {});
