// Teams activities for tests: the recorded shapes in test/fixtures/teams/, re-addressed to a local fake
// connector (the Bot Framework service the bot replies to at the activity's `serviceUrl`), which records
// what the bot sends. Activities go to /api/messages over real HTTP; nothing in the SDK is mocked.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMMAND_MARK, markLeaked, refuseMark } from './command-mark.ts';

export type Activity = Record<string, unknown>;

const FIXTURES = new URL('../fixtures/teams/', import.meta.url);
export const fixture = (name: string): Activity =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Activity;

/** Every test person's AAD object id, linked at import (R1). */
export const aad = (handle: string): string => `aad-${handle}`;
export const account = (handle: string) => ({ id: `29:${handle}`, name: handle, aadObjectId: aad(handle) });

export interface Sent {
  conversation: string;
  body: Record<string, unknown>;
  /** The activity id the fake gave it. */
  id?: string;
  /** When it arrived (ms since the epoch). */
  at?: number;
}

/** Every request the fake answered, faults included. */
export interface ConnectorCall {
  route: ConnectorRoute;
  method: string;
  url: string;
  status: number;
  at: number;
  authorization: string | undefined;
}

export type ConnectorRoute = 'send' | 'update' | 'create';

/** A programmed failure of the next `times` (default 1) requests to a route. */
export interface ConnectorFault {
  status?: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Answer (successfully) only after this delay: a client with a shorter timeout gives up first. */
  delayMs?: number;
  times?: number;
}

export interface FakeConnector {
  url: string;
  /** Activities posted (`POST /v3/conversations/:id/activities`). */
  sent: Sent[];
  /** Activities replaced (`PUT /v3/conversations/:id/activities/:activityId`); `id` is the activity. */
  updated: Sent[];
  /** Conversations created (`POST /v3/conversations`): the request bodies and the ids returned. */
  created: { body: Record<string, unknown>; id: string }[];
  calls: ConnectorCall[];
  /**
   * Requests refused for holding a command mark (U+2063, src/views/hints.ts): a sink that did not
   * translate it. close() fails when there is any, so the test file that caused it fails.
   */
  markLeaks: string[];
  setFault(route: ConnectorRoute, fault: ConnectorFault): void;
  reset(): void;
  close(): Promise<void>;
}

const ROUTES: { route: ConnectorRoute; method: string; re: RegExp }[] = [
  { route: 'send', method: 'POST', re: /^\/v3\/conversations\/([^/]+)\/activities\/?$/ },
  { route: 'update', method: 'PUT', re: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/ },
  { route: 'create', method: 'POST', re: /^\/v3\/conversations\/?$/ },
];

/**
 * A Bot Connector: accepts `POST /v3/conversations/:id/activities` (what `send` calls), PUT of an
 * activity (an update in place) and `POST /v3/conversations` (a new 1:1 conversation), recording
 * each; `setFault` makes the next requests to a route fail (429 with Retry-After, 500) or answer late.
 */
export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: Sent[] = [];
  const updated: Sent[] = [];
  const created: { body: Record<string, unknown>; id: string }[] = [];
  const calls: ConnectorCall[] = [];
  const faults = new Map<ConnectorRoute, ConnectorFault>();
  const markLeaks: string[] = [];
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = req.url ?? '';
      if (raw.includes(COMMAND_MARK)) {
        const error = markLeaked('the Teams connector', raw);
        markLeaks.push(error);
        json(res, 400, { error: { code: 'BadArgument', message: error } });
        return;
      }
      const hit = ROUTES.map((r) => ({ ...r, m: r.re.exec(url) })).find(
        (r) => r.m && r.method === req.method,
      );
      if (!hit?.m) {
        res.writeHead(404).end();
        return;
      }
      const at = Date.now();
      const call = (status: number) =>
        calls.push({
          route: hit.route,
          method: req.method ?? '',
          url,
          status,
          at,
          authorization: req.headers.authorization,
        });
      const fault = faults.get(hit.route);
      if (fault) {
        const left = (fault.times ?? 1) - 1;
        if (left > 0) faults.set(hit.route, { ...fault, times: left });
        else faults.delete(hit.route);
      }
      if (fault?.status) {
        call(fault.status);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        res.writeHead(fault.status, headers).end(JSON.stringify({ error: { code: 'Fault' } }));
        return;
      }
      const answer = () => {
        call(hit.route === 'update' ? 200 : 201);
        const body = JSON.parse(raw) as Record<string, unknown>;
        const conversation = decodeURIComponent(hit.m?.[1] ?? '');
        if (hit.route === 'create') {
          const id = `a:conv-${randomUUID()}`;
          created.push({ body, id });
          json(res, 201, { id });
        } else if (hit.route === 'update') {
          const id = decodeURIComponent(hit.m?.[2] ?? '');
          updated.push({ conversation, body, id, at });
          json(res, 200, { id });
        } else {
          const id = randomUUID();
          sent.push({ conversation, body, id, at });
          json(res, 201, { id });
        }
      };
      if (fault?.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    updated,
    created,
    calls,
    setFault: (route, fault) => void faults.set(route, fault),
    reset: () => {
      sent.length = updated.length = created.length = calls.length = 0;
      faults.clear();
    },
    markLeaks,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) =>
          e ? reject(e) : markLeaks.length ? reject(new Error(markLeaks.join('\n'))) : resolve(),
        );
        server.closeAllConnections();
      }),
  };
}

/** A 1:1 message from `handle`, shaped like the recorded one, with a fresh id unless given. */
export function personalMessage(
  serviceUrl: string,
  handle: string,
  text: string,
  id = randomUUID(),
): Activity {
  return {
    ...fixture('message-personal'),
    id,
    serviceUrl,
    text,
    from: account(handle),
    conversation: { conversationType: 'personal', id: `a:dm-${handle}` },
  };
}

/** The recorded channel message mentioning the bot, from `handle`, with its text after the mention. */
export function channelMention(
  serviceUrl: string,
  handle: string,
  text: string,
  id = randomUUID(),
): Activity {
  const a = fixture('message-channel-mention');
  return { ...a, id, serviceUrl, text: `<at>SEC Bot</at>&nbsp;${text}`, from: account(handle) };
}

/** The recorded Action.Execute invoke, clicked by `handle` with the given verb and data. */
export function executeInvoke(
  serviceUrl: string,
  handle: string,
  action: { verb: string; data: Record<string, unknown> },
  id = randomUUID(),
): Activity {
  const a = fixture('invoke-action-execute');
  return {
    ...a,
    id,
    serviceUrl,
    from: account(handle),
    value: { action: { type: 'Action.Execute', title: 'Click', ...action }, trigger: 'manual' },
  };
}

export interface Posted {
  status: number;
  body: unknown;
}

/** POSTs an activity to the bot's /api/messages. */
export async function postActivity(
  botUrl: string,
  activity: Activity,
  headers: Record<string, string> = {},
): Promise<Posted> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  // An invoke's answer is what the person reads: every command mark translated (src/views/hints.ts).
  refuseMark('a Teams invoke answer', text);
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON (e.g. an empty 401): kept as text.
  }
  return { status: res.status, body };
}

/** The recorded `task/fetch` invoke (a dialog-opening button clicked) by `handle`, with the button's data. */
export function taskFetchInvoke(
  serviceUrl: string,
  handle: string,
  data: Record<string, unknown>,
  id: string = randomUUID(),
): Activity {
  const a = fixture('task-fetch');
  return { ...a, id, serviceUrl, from: account(handle), value: { data, context: { theme: 'default' } } };
}

/**
 * The recorded `task/submit` invoke (a dialog's Submit) by `handle`: Teams merges the Submit action's
 * data with every input's value (as strings) into `value.data`.
 */
export function taskSubmitInvoke(
  serviceUrl: string,
  handle: string,
  data: Record<string, unknown>,
  id: string = randomUUID(),
): Activity {
  const a = fixture('task-submit');
  return { ...a, id, serviceUrl, from: account(handle), value: { data, context: { theme: 'default' } } };
}
