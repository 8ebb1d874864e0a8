// A local fake of Slack's Web API ("How to test it"): an HTTP server on 127.0.0.1 that
// answers the methods the bot calls with Slack-shaped JSON, records every call, and can be told to
// misbehave (429 with Retry-After, 500, a slow answer, a connection reset, a Slack error), so every
// Slack test runs the real WebClient / Bolt against it instead of mocking a client. File uploads (R78)
// speak files.getUploadURLExternal, the POST of the bytes to the upload URL it returns (the method
// `upload` for faults) and files.completeUploadExternal, which shares the file into the channel as a
// message and records the upload.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { COMMAND_MARK, markLeaked } from './command-mark.ts';

export type Fault =
  | { status: 429; retryAfter: number }
  /** Answers 500 without doing anything. */
  | { status: 500 }
  /** Does the work, then answers after this delay (a client timeout leaves the outcome unknown). */
  | { delayMs: number }
  /** Answers HTTP 200 `{ok: false, error}` without doing anything. */
  | { error: string }
  /** Does the work, then destroys the connection (reset after sending). */
  | 'reset';

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  /** Arrival time, ms since the epoch. */
  at: number;
  /** The HTTP status answered (0: the connection was reset; undefined: not answered yet). */
  status?: number;
  /** The bot token the call carried (Authorization bearer or `token` field), when it carried one. */
  token?: string;
}

export interface FakeMessage {
  ts: string;
  text: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** How many times chat.update changed it. */
  edits: number;
  /** Files shared with it (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
}

/** A file shared by files.completeUploadExternal (R78). */
export interface FakeUpload {
  fileId: string;
  filename: string;
  title: string;
  channel: string;
  /** The initial comment (the message text). */
  comment: string;
  /** The bytes POSTed to the upload URL, as text (the request body as sent, form encoding included). */
  body: string;
  /** The file itself when it is an iCalendar object: BEGIN:VCALENDAR … END:VCALENDAR. */
  ics: string | undefined;
}

export interface FakeUser {
  email: string;
  name: string;
}

export interface FakeSlackOptions {
  /** When set, every call must carry `Authorization: Bearer <token>` (or a `token` field). */
  token?: string;
  users?: Iterable<[string, FakeUser]>;
  /** When set, posts and updates above this rate in one channel get 429 (as Slack does). */
  limitPerChannelPerSecond?: number;
}

export interface FakeSlack {
  /** The Web API base URL, ending in `/api/` (WebClient's `slackApiUrl`). */
  url: string;
  /**
   * Requests refused for holding a command mark (U+2063, src/views/hints.ts): a sink that did not
   * translate it. close() fails when there is any, so the test file that caused it fails.
   */
  markLeaks: string[];
  calls: FakeCall[];
  /** Channel id → its messages, oldest first. */
  messages: Map<string, FakeMessage[]>;
  /** Private notes, by chat.postEphemeral or by a POST to a click's response_url (`via`). */
  ephemerals: {
    channel: string;
    user: string;
    text: string;
    blocks?: unknown;
    via: 'chat.postEphemeral' | 'response_url';
    /** Through the response_url with `replace_original: true`: in place of the message clicked. */
    replaced?: true;
  }[];
  /**
   * A click's response_url for this user in this channel. A POST to it must be JSON with
   * `response_type: "ephemeral"` and `replace_original` a boolean (anything else is refused with 400;
   * a replacement is recorded as `replaced`, this fake keeps no originals); it is a call named
   * `response_url` (faults apply).
   */
  responseUrl(channel: string, user: string): string;
  views: Map<string, Record<string, unknown>>;
  /** R81: each user's Home tab as views.publish last set it, and how many times it was published. */
  homes: Map<string, { view: Record<string, unknown>; publishes: number }>;
  users: Map<string, FakeUser>;
  /** Files shared into channels, in order (R78). */
  uploads: FakeUpload[];
  /** Changes (or with undefined, lifts) the per-channel rate limit from now on. */
  setLimitPerChannelPerSecond(limit: number | undefined): void;
  /** The next `times` calls of `method` (default 1) get this fault. */
  setFault(method: string, fault: Fault, times?: number): void;
  clearFaults(): void;
  /** Forgets calls, messages, ephemerals, views, faults and rates (users and DM ids stay). */
  reset(): void;
  /** Channel → the most posts and updates that arrived within any 1,000 ms. */
  perChannelPerSecond(): Map<string, number>;
  /** Every message in every channel. */
  allMessages(): (FakeMessage & { channel: string })[];
  close(): Promise<void>;
}

const CHANNEL = /^[CDG][A-Z0-9]+$/;
const JSON_FIELDS = ['blocks', 'metadata', 'view', 'attachments', 'files'];

/** Form bodies carry objects as JSON strings (that is how WebClient sends them): decode those. */
function decode(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const f of JSON_FIELDS) {
    const v = body[f];
    if (typeof v === 'string' && /^[[{]/.test(v)) body[f] = JSON.parse(v);
  }
  return body;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const messages = new Map<string, FakeMessage[]>();
  const ephemerals: FakeSlack['ephemerals'] = [];
  const views = new Map<string, Record<string, unknown>>();
  const homes: FakeSlack['homes'] = new Map();
  const users = new Map<string, FakeUser>(opts.users ?? []);
  const faults = new Map<string, { fault: Fault; left: number }[]>();
  const arrivals = new Map<string, number[]>();
  const dms = new Map<string, string>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const uploads: FakeUpload[] = [];
  /** file id → what getUploadURLExternal was told and the bytes posted since. */
  const pending = new Map<string, { filename: string; length: number; body?: string }>();
  let fileSeq = 0;
  let base = '';
  let seq = 0;
  let viewSeq = 0;
  let rateLimit = opts.limitPerChannelPerSecond;
  const markLeaks: string[] = [];
  /** Refuses (400, naming the mark) a payload with a command mark in it, and remembers it. */
  function leaked(res: ServerResponse, where: string, payload: string, call?: FakeCall): boolean {
    if (!payload.includes(COMMAND_MARK)) return false;
    const error = markLeaked(`Slack ${where}`, payload);
    markLeaks.push(error);
    if (call) call.status = 400;
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ok: false, error }));
    return true;
  }

  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const channelOf = (id: string) => messages.get(id) ?? (messages.set(id, []), messages.get(id)!);

  function takeFault(method: string): Fault | undefined {
    const queue = faults.get(method);
    const head = queue?.[0];
    if (!head) return undefined;
    if (--head.left <= 0) queue.shift();
    return head.fault;
  }

  /** Counts a post or update against the channel's rate; true when over the configured limit. */
  function overLimit(channel: string, at: number): boolean {
    const list = arrivals.get(channel) ?? [];
    const limit = rateLimit;
    if (limit !== undefined && list.filter((t) => at - t < 1000).length >= limit) return true;
    list.push(at);
    arrivals.set(channel, list);
    return false;
  }

  type Answer = Record<string, unknown> | { status: 429; retryAfter: number };

  function handle(method: string, b: Record<string, unknown>, at: number): Answer {
    const channel = str(b.channel);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'secbot',
          team_id: 'T0001',
          user_id: 'U0BOT',
          bot_id: 'B0001',
        };
      case 'chat.postMessage': {
        if (!CHANNEL.test(channel)) return { ok: false, error: 'channel_not_found' };
        if (!str(b.text) && !b.blocks) return { ok: false, error: 'no_text' };
        if (overLimit(channel, at)) return { status: 429, retryAfter: 1 };
        const m: FakeMessage = { ts: nextTs(), text: str(b.text), edits: 0 };
        if (b.blocks) m.blocks = b.blocks;
        if (b.metadata) m.metadata = b.metadata as FakeMessage['metadata'];
        channelOf(channel).push(m);
        return { ok: true, channel, ts: m.ts, message: { type: 'message', text: m.text, ts: m.ts } };
      }
      case 'chat.update': {
        const m = messages.get(channel)?.find((x) => x.ts === str(b.ts));
        if (!CHANNEL.test(channel)) return { ok: false, error: 'channel_not_found' };
        if (!m) return { ok: false, error: 'message_not_found' };
        if (overLimit(channel, at)) return { status: 429, retryAfter: 1 };
        m.text = str(b.text);
        if (b.blocks) m.blocks = b.blocks;
        m.edits++;
        return { ok: true, channel, ts: m.ts, text: m.text };
      }
      case 'chat.postEphemeral':
        if (!CHANNEL.test(channel)) return { ok: false, error: 'channel_not_found' };
        ephemerals.push({
          via: 'chat.postEphemeral',
          channel,
          user: str(b.user),
          text: str(b.text),
          ...(b.blocks ? { blocks: b.blocks } : {}),
        });
        return { ok: true, message_ts: nextTs() };
      case 'views.open': {
        if (!str(b.trigger_id)) return { ok: false, error: 'invalid_trigger_id' };
        const id = `V${String(++viewSeq).padStart(8, '0')}`;
        views.set(id, { id, ...(b.view as object) });
        return { ok: true, view: views.get(id) };
      }
      case 'views.publish': {
        const user = str(b.user_id);
        const view = b.view as Record<string, unknown> | undefined;
        if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: 'user_not_found' };
        if (view?.type !== 'home') return { ok: false, error: 'invalid_arguments' };
        // Slack refuses a Home tab of more than 100 blocks.
        if (!Array.isArray(view.blocks) || view.blocks.length > 100)
          return { ok: false, error: 'invalid_blocks' };
        const id = homes.get(user)?.view.id ?? `V${String(++viewSeq).padStart(8, '0')}`;
        homes.set(user, { view: { id, ...view }, publishes: (homes.get(user)?.publishes ?? 0) + 1 });
        return { ok: true, view: { id, ...view } };
      }
      case 'views.update': {
        const id = str(b.view_id);
        if (!views.has(id)) return { ok: false, error: 'not_found' };
        views.set(id, { id, ...(b.view as object) });
        return { ok: true, view: views.get(id) };
      }
      case 'conversations.open': {
        const user = str(b.users).split(',')[0] ?? '';
        if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: 'user_not_found' };
        if (!dms.has(user)) dms.set(user, `D${String(dms.size + 1).padStart(8, '0')}`);
        return { ok: true, channel: { id: dms.get(user) } };
      }
      case 'users.info': {
        const u = users.get(str(b.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        const profile = { email: u.email, real_name: u.name, display_name: u.name };
        return { ok: true, user: { id: str(b.user), name: u.name, real_name: u.name, profile } };
      }
      case 'files.getUploadURLExternal': {
        const filename = str(b.filename);
        const length = Number(str(b.length));
        if (!filename) return { ok: false, error: 'invalid_arguments' };
        if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_length' };
        const id = `F${String(++fileSeq).padStart(8, '0')}`;
        pending.set(id, { filename, length });
        return { ok: true, upload_url: `${base}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(b.files) ? (b.files as { id?: unknown; title?: unknown }[]) : [];
        if (!files.length) return { ok: false, error: 'invalid_arguments' };
        const target = str(b.channel_id);
        if (target && !CHANNEL.test(target)) return { ok: false, error: 'channel_not_found' };
        const done: { id: string; name: string; title: string }[] = [];
        for (const f of files) {
          const id = str(f.id);
          const p = pending.get(id);
          // Slack completes a file once: an id it does not know, or one already completed, is refused.
          if (!p || p.body === undefined) return { ok: false, error: 'file_not_found' };
          pending.delete(id);
          const title = str(f.title) || p.filename;
          done.push({ id, name: p.filename, title });
          if (!target) continue;
          const ics = /BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR\r\n/.exec(p.body)?.[0];
          uploads.push({
            fileId: id,
            filename: p.filename,
            title,
            channel: target,
            comment: str(b.initial_comment),
            body: p.body,
            ics,
          });
        }
        if (target) {
          const m: FakeMessage = { ts: nextTs(), text: str(b.initial_comment), edits: 0, files: done };
          channelOf(target).push(m);
        }
        return { ok: true, files: done.map((f) => ({ id: f.id, title: f.title, name: f.name })) };
      }
      case 'conversations.history': {
        if (!CHANNEL.test(channel)) return { ok: false, error: 'channel_not_found' };
        const oldest = Number(str(b.oldest) || 0);
        const all = [...(messages.get(channel) ?? [])].reverse().filter((m) => Number(m.ts) >= oldest);
        const from = Number(str(b.cursor) || 0);
        const limit = Number(str(b.limit) || 100);
        const page = all.slice(from, from + limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.text,
          bot_id: 'B0001',
          ...(m.blocks ? { blocks: m.blocks } : {}),
          ...(m.files ? { files: m.files } : {}),
          ...(m.metadata && truthy(b.include_all_metadata) ? { metadata: m.metadata } : {}),
        }));
        const more = from + limit < all.length;
        return {
          ok: true,
          messages: page,
          has_more: more,
          response_metadata: { next_cursor: more ? String(from + limit) : '' },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function authorised(req: IncomingMessage, body: Record<string, unknown>): string | undefined {
    if (!opts.token) return undefined;
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : str(body.token);
    if (!given) return 'not_authed';
    return given === opts.token ? undefined : 'invalid_auth';
  }

  function send(res: ServerResponse, answer: Answer, call?: FakeCall): void {
    if (call) call.status = 'retryAfter' in answer ? 429 : 200;
    if ('retryAfter' in answer) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(answer.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  }

  /** The POST of a file's bytes to the URL getUploadURLExternal gave (Slack answers 200 "OK"). */
  function receiveUpload(res: ServerResponse, id: string, bytes: Buffer, at: number): void {
    const call: FakeCall = { method: 'upload', body: { fileId: id, bytes: bytes.length }, at };
    calls.push(call);
    if (leaked(res, 'file upload', bytes.toString('utf8'), call)) return;
    const fault = takeFault('upload');
    const p = pending.get(id);
    if (fault || !p) {
      call.status = p ? 500 : 404;
      res.writeHead(call.status, { 'content-type': 'text/plain' });
      return void res.end(p ? 'internal error' : 'not found');
    }
    p.body = bytes.toString('utf8');
    call.status = 200;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.length}`);
  }

  /** A POST to a click's response_url: a private note for `user` in `channel`. */
  function receiveResponse(
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
    user: string,
    bytes: Buffer,
    at: number,
  ): void {
    let body: Record<string, unknown> = {};
    try {
      if (!req.headers['content-type']?.includes('application/json')) throw new Error('not JSON');
      body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const call: FakeCall = { method: 'response_url', body, at };
    calls.push(call);
    if (leaked(res, 'response_url', JSON.stringify(body), call)) return;
    const fault = takeFault('response_url');
    const fine =
      body.response_type === 'ephemeral' &&
      typeof body.replace_original === 'boolean' &&
      (!!str(body.text) || !!body.blocks);
    if (fault || !fine) {
      call.status = fault ? 500 : 400;
      res.writeHead(call.status, { 'content-type': 'text/plain' });
      return void res.end(fault ? 'internal error' : 'invalid_payload');
    }
    ephemerals.push({
      via: 'response_url',
      channel,
      user,
      text: str(body.text),
      ...(body.blocks ? { blocks: body.blocks } : {}),
      ...(body.replace_original ? { replaced: true as const } : {}),
    });
    call.status = 200;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const upload = /^\/upload\/(F[0-9]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
      if (upload) return receiveUpload(res, upload[1] ?? '', Buffer.concat(chunks), at);
      const respond = /^\/respond\/([A-Z0-9]+)\/([A-Z0-9]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
      if (respond)
        return receiveResponse(req, res, respond[1] ?? '', respond[2] ?? '', Buffer.concat(chunks), at);
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      let body: Record<string, unknown>;
      try {
        body = decode(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      } catch {
        return send(res, { ok: false, error: 'invalid_json' });
      }
      const header = req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : str(body.token) || undefined;
      const call: FakeCall = { method, body, at, ...(token ? { token } : {}) };
      calls.push(call);
      if (leaked(res, method, JSON.stringify(body), call)) return;
      const denied = authorised(req, body);
      if (denied) return send(res, { ok: false, error: denied }, call);
      const fault = takeFault(method);
      if (fault && typeof fault === 'object' && 'status' in fault) {
        if (fault.status === 429) return send(res, fault, call);
        call.status = 500;
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end('internal error');
      }
      if (fault && typeof fault === 'object' && 'error' in fault)
        return send(res, { ok: false, error: fault.error }, call);
      const answer = handle(method, body, at);
      if (fault === 'reset') {
        call.status = 0;
        return void req.socket.destroy();
      }
      if (fault && 'delayMs' in fault) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) send(res, answer, call);
        }, fault.delayMs);
        timers.add(t);
        return;
      }
      send(res, answer, call);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    markLeaks,
    calls,
    messages,
    ephemerals,
    responseUrl: (channel, user) => `${base}respond/${channel}/${user}`,
    views,
    homes,
    users,
    uploads,
    setLimitPerChannelPerSecond: (limit) => void (rateLimit = limit),
    setFault(method, fault, times = 1) {
      const queue = faults.get(method) ?? [];
      queue.push({ fault, left: times });
      faults.set(method, queue);
    },
    clearFaults: () => faults.clear(),
    reset() {
      calls.length = 0;
      ephemerals.length = 0;
      uploads.length = 0;
      pending.clear();
      for (const m of [messages, views, homes, faults, arrivals]) m.clear();
    },
    perChannelPerSecond() {
      const out = new Map<string, number>();
      for (const [channel, times] of arrivals) {
        let best = 0;
        for (let i = 0, j = 0; j < times.length; j++) {
          while ((times[j] ?? 0) - (times[i] ?? 0) >= 1000) i++;
          best = Math.max(best, j - i + 1);
        }
        out.set(channel, best);
      }
      return out;
    },
    allMessages: () => [...messages].flatMap(([channel, list]) => list.map((m) => ({ ...m, channel }))),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
      if (markLeaks.length) throw new Error(markLeaks.join('\n'));
    },
  };
}
