// Teams activities for tests: the recorded shapes in test/fixtures/teams/, re-addressed to a local fake
// connector (the Bot Framework service the bot replies to at the activity's `serviceUrl`), which records
// what the bot sends. Activities go to /api/messages over real HTTP; nothing in the SDK is mocked.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

export interface FakeConnector {
  url: string;
  sent: Sent[];
  close(): Promise<void>;
}

/** Accepts `POST /v3/conversations/:id/activities` (what `send` calls) and records the bodies. */
export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: Sent[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) {
        res.writeHead(404).end();
        return;
      }
      sent.push({
        conversation: decodeURIComponent(m[1] as string),
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
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
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON (e.g. an empty 401): kept as text.
  }
  return { status: res.status, body };
}
