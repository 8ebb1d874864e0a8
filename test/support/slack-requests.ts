// Requests shaped like Slack's, correctly signed (v0 HMAC-SHA256 of `v0:ts:body`), built from the
// recorded payloads in test/fixtures/slack/: slash commands (urlencoded form), block_actions and
// view_submission (urlencoded `payload=<json>`). Tests and the benchmark send them over real HTTP.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refuseMark } from './command-mark.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'slack');
type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Json;

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded';

/** Signs a body as Slack does; `ts` in seconds (default now). */
export function sign(body: string, opts: { secret?: string; ts?: number } = {}): SignedRequest {
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const sig = createHmac('sha256', opts.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex');
  return {
    body,
    headers: { 'content-type': FORM, 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${sig}` },
  };
}

/** A fresh trigger_id / action_ts-like value, so each built request is a distinct delivery. */
export const uniqueId = (): string => `${Date.now()}.${randomBytes(6).toString('hex')}`;
let tsCounter = 0;
/** An action_ts as Slack writes it (seconds.micros), unique within the process. */
export const actionTs = (): string =>
  `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

export interface SlashOptions {
  user: string;
  text: string;
  channel?: string;
  triggerId?: string;
}

/** The urlencoded body of `/sec <text>` typed by `user` in `channel`. */
export function slashCommandBody(o: SlashOptions): string {
  const base = fixture('slash-command.json');
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) fields[k] = String(v);
  Object.assign(fields, {
    user_id: o.user,
    user_name: o.user.toLowerCase(),
    text: o.text,
    channel_id: o.channel ?? 'C0GENERAL',
    trigger_id: o.triggerId ?? uniqueId(),
  });
  return new URLSearchParams(fields).toString();
}

export interface ButtonOptions {
  user: string;
  actionId: string;
  value: string;
  actionTs?: string;
  channel?: string;
  blockId?: string;
  label?: string;
  messageTs?: string;
  /**
   * Where the bot answers the clicker (a fake Slack's `responseUrl()`). Without one the payload has
   * none, as a button in a modal or on the Home tab has none: the bot then uses chat.postEphemeral.
   */
  responseUrl?: string;
}

export function blockActionsPayload(o: ButtonOptions): Json {
  const p = fixture('block-actions.json');
  const channel = o.channel ?? 'C0BOARD';
  const messageTs = o.messageTs ?? '1548261231.000200';
  const [action] = p.actions as Json[];
  // The fixture's hooks.slack.com URL is never reachable from a test.
  const { response_url: _real, ...rest } = p;
  return {
    ...rest,
    ...(o.responseUrl ? { response_url: o.responseUrl } : {}),
    user: { ...(p.user as Json), id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase() },
    channel: { id: channel, name: 'channel' },
    container: { ...(p.container as Json), channel_id: channel, message_ts: messageTs },
    trigger_id: uniqueId(),
    actions: [
      {
        ...action,
        action_id: o.actionId,
        block_id: o.blockId ?? 'buttons',
        text: { type: 'plain_text', text: o.label ?? o.actionId, emoji: true },
        value: o.value,
        action_ts: o.actionTs ?? actionTs(),
      },
    ],
  };
}

/** Interactivity requests arrive as a form with one field, `payload`, holding the JSON. */
export const payloadBody = (payload: Json): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export const blockActionsBody = (o: ButtonOptions): string => payloadBody(blockActionsPayload(o));

/** A modal element's answer: text, an option value, several option values, or a date. */
export type Answer = string | string[];

interface Element {
  type?: string;
  action_id?: string;
}
interface Block {
  type?: string;
  block_id?: string;
  element?: Element;
}

/**
 * The state.values Slack sends for a modal as opened (the view recorded by the fake's views.open),
 * with `answers` keyed by block_id or action_id; each element gets the shape of its type.
 */
export function stateFor(view: Json, answers: Record<string, Answer>): Json {
  const values: Json = {};
  for (const b of (view.blocks as Block[] | undefined) ?? []) {
    const el = b.element;
    if (b.type !== 'input' || !el?.action_id || !b.block_id) continue;
    const a = answers[b.block_id] ?? answers[el.action_id];
    values[b.block_id] = { [el.action_id]: elementState(el.type ?? 'plain_text_input', a) };
  }
  return { values };
}

function elementState(type: string, a: Answer | undefined): Json {
  const one = Array.isArray(a) ? a[0] : a;
  const opt = (v: string) => ({ text: { type: 'plain_text', text: v }, value: v });
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: one === undefined ? null : opt(one) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: (Array.isArray(a) ? a : a ? [a] : []).map(opt) };
    case 'datepicker':
      return { type, selected_date: one ?? null };
    case 'timepicker':
      return { type, selected_time: one ?? null };
    case 'datetimepicker':
      return { type, selected_date_time: one === undefined ? null : Number(one) };
    case 'users_select':
      return { type, selected_user: one ?? null };
    case 'number_input':
    case 'plain_text_input':
    default:
      return { type, value: one ?? null };
  }
}

export interface SubmitOptions {
  user: string;
  /** The view as opened: its callback_id, private_metadata and blocks are sent back. */
  view: Json;
  answers: Record<string, Answer>;
}

export function viewSubmissionBody(o: SubmitOptions): string {
  const p = fixture('view-submission.json');
  const view = {
    ...(p.view as Json),
    ...o.view,
    id: `V${randomBytes(4).toString('hex').toUpperCase()}`,
    state: stateFor(o.view, o.answers),
  };
  return payloadBody({
    ...p,
    user: { ...(p.user as Json), id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase() },
    trigger_id: uniqueId(),
    view,
  });
}

export interface SlackResponse {
  status: number;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: Json | undefined;
}

/** POSTs a signed request to the bot's /slack/events; `headers` overrides (a bad signature, a retry). */
export async function post(
  baseUrl: string,
  req: SignedRequest,
  headers: Record<string, string> = {},
): Promise<SlackResponse> {
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { ...req.headers, ...headers },
    body: req.body,
  });
  const text = await res.text();
  // The ack's body is what the person reads: every command mark translated (src/views/hints.ts).
  refuseMark('a Slack ack', text);
  let json: Json | undefined;
  try {
    json = text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}
