// Teams delivery of outbox messages (issue 5 item 5, R46): proactive sends through the Bot Connector
// REST API with plain fetch. Channel audiences go to the conversation id registered for Teams in the
// `channels` table (serviceUrl from config for now); a person gets a 1:1 conversation created from
// their linked AAD object id (cached in memory); a card posted before to the same audience is
// replaced in place (PUT of the activity). Paced at 7 messages per second per conversation; a 429
// honours Retry-After; 5xx, timeouts and resets are retried by the outbox with jittered back-off.
// Unlike Slack, Teams has no history search by our outbox key, so a send whose outcome is unknown
// (a timeout, a reset after the request went out) cannot be reconciled: it is retried, and may then
// show twice. The error says so, for the admins reading the outbox.
import { audienceLabel } from '../../src/app/notification.ts';
import type { PlatformDeliverer, PlatformPort, PlatformResult } from '../../src/app/platform-port.ts';
import type { OutboxMessage } from '../../src/app/ports.ts';
import { Pacer } from '../pacer.ts';
import { renderCard, TEAMS_LIMITS } from './render/card.ts';
import { escapeFit } from './render/escape.ts';

type Log = (msg: string, data?: object) => void;

export const TEAMS = 'teams';
/** Teams refuses a message over about 28 KB; plain text stays well below it. */
const TEXT_LIMIT = 20_000;
/** 7 per second per conversation: at least this long between the end of one send and the next. */
export const TEAMS_INTERVAL_MS = 150;

export interface TeamsDelivererOptions {
  /** The Bot Connector's base URL (config; later from the conversation references Teams sends us). */
  serviceUrl: string;
  port: PlatformPort;
  /** The tenant of the 1:1 conversations created for DMs. */
  tenantId?: string;
  /** The bot's id, sent as `bot` when creating a conversation. */
  botId?: string;
  /** A bearer token for each call (credentials come later; none in tests). */
  token?: () => Promise<string>;
  log?: Log;
  /** Shared by every send of this deliverer (default: TEAMS_INTERVAL_MS per conversation). */
  pacer?: Pacer;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Base of the jittered back-off after a 5xx or a timeout (default 1 s). */
  backoffMs?: number;
  random?: () => number;
}

/** How a failed call leaves the message. */
interface Fault {
  /** not-sent: certainly not delivered; unknown: it may have been; permanent: retrying is useless. */
  kind: 'not-sent' | 'unknown' | 'permanent';
  error: string;
  retryAfterMs?: number;
  status?: number;
}

class ConnectorError extends Error {
  constructor(readonly fault: Fault) {
    super(fault.error);
  }
}

function retryAfterMs(header: string | null): number {
  if (!header) return 1000;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}

function faultOf(e: unknown): Fault {
  if (e instanceof ConnectorError) return e.fault;
  const err = e as Error & { cause?: { code?: string } };
  if (err.name === 'TimeoutError') return { kind: 'unknown', error: 'timeout' };
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return { kind: 'not-sent', error: code };
  if (err instanceof TypeError) return { kind: 'unknown', error: `${err.message} ${code ?? ''}`.trim() };
  throw e;
}

type Address = { kind: 'channel'; conversation: string } | { kind: 'user'; aad: string };

export function teamsDeliverer(opts: TeamsDelivererOptions): PlatformDeliverer {
  const { port } = opts;
  const base = opts.serviceUrl.replace(/\/+$/, '');
  const log = opts.log ?? (() => {});
  const pacer = opts.pacer ?? new Pacer({ intervalMs: TEAMS_INTERVAL_MS });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const backoff = opts.backoffMs ?? 1000;
  const random = opts.random ?? Math.random;
  /** AAD object id → its 1:1 conversation (a promise, so concurrent DMs create it once). */
  const personal = new Map<string, Promise<string>>();
  const quietResults = new WeakSet<PlatformResult>();
  const quiet = (r: PlatformResult): PlatformResult => (quietResults.add(r), r);

  /** Jittered: between half and all of the doubled base, so retries of many rows spread out. */
  const jitter = (attempts: number) =>
    Math.round(backoff * 2 ** Math.min(10, Math.max(0, attempts - 1)) * (0.5 + random() / 2));

  const retry = (m: OutboxMessage, f: Fault): PlatformResult => ({
    status: 'retry',
    afterMs: f.retryAfterMs ?? jitter(m.attempts),
    error:
      f.kind === 'unknown'
        ? `outcome unknown (no history to check on Teams, may show twice): ${f.error}`
        : f.error,
  });

  async function call(method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ id?: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${await opts.token()}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.ok) return text ? (JSON.parse(text) as { id?: string }) : {};
    const status = res.status;
    if (status === 429) {
      const wait = retryAfterMs(res.headers.get('retry-after'));
      throw new ConnectorError({
        kind: 'not-sent',
        status,
        error: `429 rate limited, Retry-After ${Math.ceil(wait / 1000)} s`,
        retryAfterMs: wait,
      });
    }
    const kind = status >= 500 || status === 408 ? 'unknown' : 'permanent';
    throw new ConnectorError({ kind, status, error: `HTTP ${status}` });
  }

  async function address(m: OutboxMessage): Promise<Address | { reason: string }> {
    if (m.to.kind === 'channel') {
      const conversation = await port.channelId(TEAMS, m.to.channel);
      return conversation
        ? { kind: 'channel', conversation }
        : { reason: `no Teams channel registered as ${m.to.channel}` };
    }
    const aad = await port.platformId(TEAMS, m.to.person);
    return aad ? { kind: 'user', aad } : { reason: `${m.to.person} has no linked Teams id` };
  }

  function personalConversation(aad: string): Promise<string> {
    const known = personal.get(aad);
    if (known) return known;
    const created = call('POST', '/v3/conversations', {
      ...(opts.botId ? { bot: { id: opts.botId } } : {}),
      members: [{ id: aad }],
      isGroup: false,
      ...(opts.tenantId ? { tenantId: opts.tenantId, channelData: { tenant: { id: opts.tenantId } } } : {}),
    }).then((r) => {
      if (!r.id) throw new ConnectorError({ kind: 'permanent', error: 'no conversation id returned' });
      return r.id;
    });
    personal.set(aad, created);
    // A failure is not cached: the next attempt creates it again (Teams returns the same 1:1).
    created.catch(() => personal.delete(aad));
    return created;
  }

  function activity(m: OutboxMessage): Record<string, unknown> {
    const text = escapeFit(m.text, m.card ? TEAMS_LIMITS.fallback : TEXT_LIMIT);
    if (!m.card) return { type: 'message', text };
    const onBadButton = (b: { action: string }, e: Error) =>
      log('teams: button left out of a card', { key: m.key, action: b.action, error: e.message });
    return {
      type: 'message',
      text,
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: renderCard(m.card, { onBadButton }),
        },
      ],
    };
  }

  const path = (conversation: string, id?: string) =>
    `/v3/conversations/${encodeURIComponent(conversation)}/activities${id ? `/${encodeURIComponent(id)}` : ''}`;

  async function post(m: OutboxMessage, conversation: string): Promise<PlatformResult> {
    try {
      const r = await call('POST', path(conversation), activity(m));
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
  ): Promise<PlatformResult | 'gone'> {
    try {
      await call('PUT', path(at.channel, at.ts), { ...activity(m), id: at.ts });
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

  async function send(m: OutboxMessage, conversation: string): Promise<PlatformResult> {
    if (m.card) {
      const prev = await port.latestCard(TEAMS, m.card.key, audienceLabel(m.to));
      if (prev && prev.outboxId > m.id) {
        log('teams: card version superseded', { key: m.key, card: m.card.key });
        return quiet({ status: 'sent', channel: prev.channel, ts: prev.ts });
      }
      if (prev && prev.channel === conversation) {
        const u = await update(m, prev);
        if (u !== 'gone') return u;
      }
    }
    return post(m, conversation);
  }

  const remember = (m: OutboxMessage, r: { channel: string; ts: string }) =>
    port.recordSent({
      outboxKey: m.key,
      platform: TEAMS,
      channel: r.channel,
      ts: r.ts,
      cardKey: m.card?.key ?? null,
      audience: audienceLabel(m.to),
      sentAt: new Date(),
    });

  return {
    platform: TEAMS,
    async deliver(m) {
      const to = await address(m);
      if ('reason' in to) return { status: 'no-address', reason: to.reason };
      let conversation: string;
      try {
        conversation = to.kind === 'channel' ? to.conversation : await personalConversation(to.aad);
      } catch (e) {
        const f = faultOf(e);
        // Creating a conversation is idempotent: an unknown outcome is retried like a refusal.
        return f.kind === 'permanent'
          ? { status: 'failed', error: `cannot open a conversation: ${f.error}` }
          : retry(m, { ...f, kind: 'not-sent' });
      }
      // The whole send holds the conversation's slot (as on Slack): two versions of one card cannot
      // both find "not posted yet", and sends stay 1/7 s apart.
      const r = await pacer.run(
        conversation,
        async () => {
          const sent = await send(m, conversation);
          // Recorded before the slot is released so the next version of the card finds it (fanOut
          // records it too; the second write is ignored).
          if (sent.status === 'sent' && m.card) await remember(m, sent).catch(() => {});
          return sent;
        },
        (r) => !quietResults.has(r),
      );
      if (r.status !== 'sent') log('teams: not delivered', { key: m.key, ...r });
      return r;
    },
  };
}
