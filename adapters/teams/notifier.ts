// Teams' primitives for delivering outbox messages (R46), driven by the card policy of
// src/app/fanout.ts: proactive sends through the Bot Connector REST API with plain fetch. Every call goes to the serviceUrl of the target conversation's stored
// reference (conversations.ts: Teams gives one with each install and activity); a conversation
// without one uses the newest reference of the tenant, else the configured fallback (local mode: the
// emulator's connector). Channel audiences go to the conversation id registered for Teams in the
// `channels` table; a person gets their stored 1:1 chat, else one created from their linked AAD id
// (and stored). A card is replaced in place with a PUT (update). Paced at 7
// messages per second per conversation; a 429 honours Retry-After; 5xx, timeouts and resets are
// retried by the outbox with jittered back-off. Unlike Slack, Teams has no history search by our
// outbox key, so a send whose outcome is unknown (a timeout, a reset after the request went out)
// cannot be reconciled: it is retried, and may then show twice. The error says so, for the admins.
import { cardPolicy } from '../../src/app/fanout.ts';
import type {
  NotSent,
  PlatformAddress,
  PlatformDeliverer,
  PlatformPort,
  PlatformSender,
  SendResult,
} from '../../src/app/platform-port.ts';
import type { OutboxMessage } from '../../src/app/ports.ts';
import type { PersonId } from '../../src/domain/types.ts';
import { Pacer } from '../pacer.ts';
import { ConnectorError, connectorCall, faultOf } from './connector.ts';
import type { Fault } from './connector.ts';
import type { ConversationReference, ConversationStore } from './conversations.ts';
import { personalReference } from './conversations.ts';
import { renderCard, TEAMS_LIMITS } from './render/card.ts';
import { escapeFit, fitRaw, messageText } from './render/escape.ts';
import { mentionFor, withMention } from './render/mention.ts';

type Log = (msg: string, data?: object) => void;

export const TEAMS = 'teams';
/** Teams refuses a message over about 28 KB; plain text stays well below it. */
const TEXT_LIMIT = 20_000;
/** 7 per second per conversation: at least this long between the end of one send and the next. */
export const TEAMS_INTERVAL_MS = 150;

export interface TeamsDelivererOptions {
  port: PlatformPort;
  /** The stored conversation references (db/teams-store.ts). */
  conversations: ConversationStore;
  /**
   * The Bot Connector for a conversation with no reference when the tenant has none either (local
   * mode: the emulator's `http://localhost:<port>/_connector`; with credentials, Teams' global URL).
   */
  serviceUrl?: string | undefined;
  /** The bot's tenant: of the 1:1 conversations created for DMs, and whose references to fall back on. */
  tenantId?: string | undefined;
  /** The bot's id, sent as `bot` when creating a conversation (else the one a reference recorded). */
  botId?: string | undefined;
  /**
   * R78: the person's calendar feed address (issued on first use), sent with a meeting invite instead
   * of the .ics file, which a bot cannot put in a 1:1 chat unasked. None: calendar feeds are off.
   */
  feedLink?: ((person: PersonId, now: Date) => Promise<string | undefined>) | undefined;
  /** The bot's bearer token for each call; none (local mode) sends no Authorization header. */
  token?: () => Promise<string | undefined>;
  log?: Log;
  /** Shared by every send of this deliverer (default: TEAMS_INTERVAL_MS per conversation). */
  pacer?: Pacer;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Base of the jittered back-off after a 5xx or a timeout (default 1 s). */
  backoffMs?: number;
  random?: () => number;
}

/** Where a message goes: the conversation and its Bot Connector. */
interface Target {
  conversation: string;
  serviceUrl: string;
  /** A channel or group chat: hints show the bot's @mention there (R77). */
  mention?: string | undefined;
}

/** The connector (and the bot and tenant it knows) to open a conversation through. */
type Via = Pick<ConversationReference, 'serviceUrl' | 'botId' | 'tenantId'>;

/** Teams' primitives for the card policy (src/app/fanout.ts): find a conversation, post, update. */
export function teamsSender(opts: TeamsDelivererOptions): PlatformSender<Target> {
  const { conversations } = opts;
  const log = opts.log ?? (() => {});
  const pacer = opts.pacer ?? new Pacer({ intervalMs: TEAMS_INTERVAL_MS });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const backoff = opts.backoffMs ?? 1000;
  const random = opts.random ?? Math.random;
  /** AAD object id → its 1:1 chat being created (a promise, so concurrent DMs create it once). */
  const creating = new Map<string, Promise<Target>>();

  /** Jittered: between half and all of the doubled base, so retries of many rows spread out. */
  const jitter = (attempts: number) =>
    Math.round(backoff * 2 ** Math.min(10, Math.max(0, attempts - 1)) * (0.5 + random() / 2));

  const retry = (m: OutboxMessage, f: Fault): NotSent => ({
    status: 'retry',
    afterMs: f.retryAfterMs ?? jitter(m.attempts),
    error:
      f.kind === 'unknown'
        ? `outcome unknown (no history to check on Teams, may show twice): ${f.error}`
        : f.error,
  });

  const call = connectorCall({ token: opts.token, timeoutMs });

  /** For a conversation Teams never named to us: the tenant's newest reference, else the fallback. */
  async function fallback(): Promise<Via | null> {
    const newest = await conversations.latest(opts.tenantId);
    if (newest) return newest;
    return opts.serviceUrl ? { serviceUrl: opts.serviceUrl, botId: null, tenantId: null } : null;
  }

  const NO_SERVICE_URL =
    'no Teams service URL known yet (no conversation reference: install the bot in a team or chat)';

  async function address(to: PlatformAddress): Promise<Target | { reason: string }> {
    if (to.kind === 'channel') {
      const conversation = to.id;
      const known = await conversations.get(conversation);
      const at = known ?? (await fallback());
      // A registered channel is a team channel or a group chat, where only @mentions reach the bot.
      const mention = mentionFor(known?.type ?? 'channel');
      return at ? { conversation, serviceUrl: at.serviceUrl, mention } : { reason: NO_SERVICE_URL };
    }
    const aad = to.id;
    const chat = await conversations.personal(aad);
    if (chat) return { conversation: chat.conversationId, serviceUrl: chat.serviceUrl };
    const at = await fallback();
    return at ? personalConversation(aad, at) : { reason: NO_SERVICE_URL };
  }

  /** Creates the 1:1 chat with a person (Teams returns the existing one) and stores its reference. */
  function personalConversation(aad: string, via: Via): Promise<Target> {
    const known = creating.get(aad);
    if (known) return known;
    const botId = opts.botId ?? via.botId;
    const tenantId = opts.tenantId ?? via.tenantId;
    const { serviceUrl } = via;
    const created = call(serviceUrl, 'POST', '/v3/conversations', {
      ...(botId ? { bot: { id: botId } } : {}),
      members: [{ id: aad }],
      isGroup: false,
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    }).then(async (r) => {
      if (!r.id) throw new ConnectorError({ kind: 'permanent', error: 'no conversation id returned' });
      const target = { conversation: r.id, serviceUrl };
      await conversations
        .save(
          personalReference({ conversationId: r.id, serviceUrl, tenantId, userAadId: aad, botId }),
          new Date(),
        )
        // Not stored: the next DM finds no reference and asks Teams again, which returns the same chat.
        .catch((e: unknown) => log('teams: 1:1 reference not stored', { aad, error: String(e) }));
      return target;
    });
    creating.set(aad, created);
    // Forgotten once settled: the stored reference answers from now on, and a failure is tried afresh.
    void created.then(
      () => creating.delete(aad),
      () => creating.delete(aad),
    );
    return created;
  }

  /**
   * R78: a message carrying a file (a meeting invite) says where the meeting is for the calendar: the
   * person's feed address, or, with feeds off, that it is to be added by hand. The feed holds the same
   * entry (same UID), so a moved or cancelled meeting changes there by itself. A cancellation (METHOD
   * CANCEL) says the meeting is to come off the calendar, since Teams does not carry the update file.
   */
  async function withFile(m: OutboxMessage): Promise<OutboxMessage> {
    if (!m.file) return m;
    const cancel = /method=cancel/i.test(m.file.contentType);
    const link =
      m.to.kind === 'person' && opts.feedLink ? await opts.feedLink(m.to.person, new Date()) : undefined;
    const where = link
      ? cancel
        ? `Your calendar feed has the cancellation, and your calendar app takes it from there: ${link}\nIf you added the meeting to your calendar by hand, please remove it yourself.`
        : `It is in your calendar feed, which your calendar app keeps up to date: ${link}\nAdd that address once as a subscription ("from URL"); keep it to yourself.`
      : cancel
        ? 'Teams cannot carry the update file here, so your calendar is not changed: please remove the meeting from your calendar yourself.'
        : 'Teams cannot carry the invite file here: please add the meeting to your calendar yourself.';
    return { ...m, text: `${m.text}\n${where}` };
  }

  function activity(m: OutboxMessage, mention: string | undefined): Record<string, unknown> {
    // R77: every command the text names in the form typed in that conversation, before it is cut.
    const raw = withMention(m.text, mention);
    if (!m.card)
      return { type: 'message', textFormat: 'markdown', text: messageText(escapeFit(raw, TEXT_LIMIT)) };
    const onBadButton = (b: { action: string }, e: Error) =>
      log('teams: button left out of a card', { key: m.key, action: b.action, error: e.message });
    // The fallback goes in `summary` (notifications, screen readers), not `text`: Teams shows an
    // activity's text as a second post above the card. `summary` is plain text ("the text to display
    // if the channel cannot render cards"; textFormat is about `text`), so it is the text as written,
    // cut to size: a Markdown escape would show as a backslash. R44: nothing in it is markup to Teams;
    // `<at>` typed by someone is no mention, since this activity carries no mention entity.
    return {
      type: 'message',
      summary: fitRaw(raw, TEAMS_LIMITS.fallback),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: renderCard(m.card, { onBadButton, mention }),
        },
      ],
    };
  }

  const path = (conversation: string, id?: string) =>
    `/v3/conversations/${encodeURIComponent(conversation)}/activities${id ? `/${encodeURIComponent(id)}` : ''}`;

  async function post(m: OutboxMessage, { conversation, serviceUrl, mention }: Target): Promise<SendResult> {
    let content: Record<string, unknown>;
    try {
      content = activity(await withFile(m), mention);
    } catch (e) {
      // The feed address could not be issued (a database fault): nothing was sent, try again.
      return {
        status: 'retry',
        afterMs: jitter(m.attempts),
        error: `cannot make the feed link: ${String(e)}`,
      };
    }
    try {
      const r = await call(serviceUrl, 'POST', path(conversation), content);
      return { status: 'sent', channel: conversation, ts: r.id ?? '' };
    } catch (e) {
      const f = faultOf(e);
      if (f.kind === 'permanent') return { status: 'failed', error: f.error };
      if (f.retryAfterMs) pacer.hold(conversation, f.retryAfterMs);
      log('teams: send not done', { key: m.key, conversation, ...f });
      return retry(m, f);
    }
  }

  /** PUT of a card posted before; 'gone' when Teams no longer has that activity. */
  async function update(
    m: OutboxMessage,
    at: { channel: string; ts: string },
    { serviceUrl, mention }: Target,
  ): Promise<SendResult | 'gone'> {
    try {
      await call(serviceUrl, 'PUT', path(at.channel, at.ts), { ...activity(m, mention), id: at.ts });
      return { status: 'sent', channel: at.channel, ts: at.ts };
    } catch (e) {
      const f = faultOf(e);
      if (f.status === 404) return 'gone';
      if (f.kind === 'permanent') return { status: 'failed', error: f.error };
      if (f.retryAfterMs) pacer.hold(at.channel, f.retryAfterMs);
      // An update is idempotent: an unknown outcome is simply tried again.
      return retry(m, { ...f, kind: 'not-sent' });
    }
  }

  return {
    platform: TEAMS,
    label: 'Teams',
    pace: pacer,
    log,
    async find(to, m) {
      try {
        const at = await address(to);
        return 'reason' in at ? { status: 'no-address', reason: at.reason } : at;
      } catch (e) {
        const f = faultOf(e);
        // Creating a conversation is idempotent: an unknown outcome is retried like a refusal.
        return f.kind === 'permanent'
          ? { status: 'failed', error: `cannot open a conversation: ${f.error}` }
          : retry(m, { ...f, kind: 'not-sent' });
      }
    },
    post,
    update,
  };
}

/** Teams delivery of outbox messages under the card policy (src/app/fanout.ts). */
export const teamsDeliverer = (opts: TeamsDelivererOptions): PlatformDeliverer =>
  cardPolicy(teamsSender(opts), opts.port, opts.log ? { log: opts.log } : {});
