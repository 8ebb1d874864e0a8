// The fake Slack Web API every Slack test runs against ("How to test it"): it must answer
// the real WebClient (form-encoded, Bearer token) and plain JSON as Slack does, record every call,
// and misbehave on request, or the delivery tests would prove nothing about the real client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import type { FakeSlack } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';

const TOKEN = 'xoxb-test-token';
let fake: FakeSlack;
let client: webApi.WebClient;

beforeAll(async () => {
  fake = await startFakeSlack({
    token: TOKEN,
    users: [['U100', { email: 'alice@example.org', name: 'Alice' }]],
  });
  client = new webApi.WebClient(TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 300,
    logLevel: webApi.LogLevel.ERROR,
  });
});
afterAll(() => fake.close());

const json = async (method: string, body: object, token = TOKEN) =>
  (await fetch(`${fake.url}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  }).then((r) => r.json())) as Record<string, unknown>;

describe('fake Slack Web API', () => {
  it('answers auth.test and refuses a missing or wrong token like Slack', async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'U0BOT', team_id: 'T0001' });
    expect(await json('auth.test', {}, 'xoxb-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    const bare = await fetch(`${fake.url}auth.test`, { method: 'POST' }).then((r) => r.json());
    expect(bare).toEqual({ ok: false, error: 'not_authed' });
  });

  it('R46: stores a form-encoded post with its metadata, and returns it from conversations.history', async () => {
    const metadata = { event_type: 'secbot_outbox', event_payload: { key: 'k1' } };
    const res = await client.chat.postMessage({ channel: 'C1', text: 'hello', metadata });
    expect(res).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.messages.get('C1')).toEqual([{ ts: res.ts, text: 'hello', metadata, edits: 0 }]);
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'chat.postMessage',
      body: { channel: 'C1', metadata },
    });
    const plain = await client.conversations.history({ channel: 'C1' });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    const full = await client.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(full.messages?.[0]).toMatchObject({ ts: res.ts, metadata });
  });

  it('updates a message in place; an unknown channel or message is a Slack error', async () => {
    const { ts } = await json('chat.postMessage', {
      channel: 'C2',
      text: 'v1',
      blocks: [{ type: 'divider' }],
    });
    await client.chat.update({ channel: 'C2', ts: String(ts), text: 'v2' });
    expect(fake.messages.get('C2')).toMatchObject([
      { ts, text: 'v2', edits: 1, blocks: [{ type: 'divider' }] },
    ]);
    await expect(client.chat.update({ channel: 'C2', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    await expect(client.chat.postMessage({ channel: 'C_GONE', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('R1: opens one stable DM per user and tells a user e-mail through users.info', async () => {
    const a = await client.conversations.open({ users: 'U100' });
    const b = await client.conversations.open({ users: 'U100' });
    const c = await client.conversations.open({ users: 'U200' });
    expect(a.channel?.id).toMatch(/^D/);
    expect(b.channel?.id).toBe(a.channel?.id);
    expect(c.channel?.id).not.toBe(a.channel?.id);
    const u = await client.users.info({ user: 'U100' });
    expect(u.user?.profile?.email).toBe('alice@example.org');
    await expect(client.users.info({ user: 'U999' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('records ephemerals and modals (views.open, views.update)', async () => {
    await client.chat.postEphemeral({ channel: 'C3', user: 'U100', text: 'only you' });
    expect(fake.ephemerals.at(-1)).toEqual({
      via: 'chat.postEphemeral',
      channel: 'C3',
      user: 'U100',
      text: 'only you',
    });
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Raise' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: '123.456', view });
    const id = String(opened.view?.id);
    await client.views.update({
      view_id: id,
      view: { ...view, title: { type: 'plain_text', text: 'Raised' } },
    });
    expect(fake.views.get(id)).toMatchObject({ title: { text: 'Raised' } });
  });

  it("records a response_url's ephemeral answer, and refuses one that is not ephemeral or would replace", async () => {
    const to = fake.responseUrl('C3', 'U100');
    const postJson = (body: object) =>
      fetch(to, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await postJson({ response_type: 'ephemeral', replace_original: false, text: 'just you' })).status,
    ).toBe(200);
    expect(fake.ephemerals.at(-1)).toEqual({
      via: 'response_url',
      channel: 'C3',
      user: 'U100',
      text: 'just you',
    });
    const before = fake.ephemerals.length;
    expect((await postJson({ replace_original: false, text: 'to everyone' })).status).toBe(400);
    expect((await postJson({ response_type: 'ephemeral', text: 'replaces the message' })).status).toBe(400);
    expect(fake.ephemerals.length).toBe(before);
  });

  it('R46: answers 429 with Retry-After, 500, a Slack error, then normally again', async () => {
    fake.setFault('chat.postMessage', { status: 429, retryAfter: 7 });
    await expect(client.chat.postMessage({ channel: 'C4', text: 'a' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    fake.setFault('chat.postMessage', { status: 500 });
    await expect(client.chat.postMessage({ channel: 'C4', text: 'b' })).rejects.toMatchObject({
      statusCode: 500,
    });
    fake.setFault('chat.postMessage', { error: 'is_archived' }, 2);
    for (let i = 0; i < 2; i++)
      await expect(client.chat.postMessage({ channel: 'C4', text: 'c' })).rejects.toMatchObject({
        data: { error: 'is_archived' },
      });
    expect(fake.messages.get('C4')).toBeUndefined();
    await client.chat.postMessage({ channel: 'C4', text: 'd' });
    expect(fake.messages.get('C4')?.map((m) => m.text)).toEqual(['d']);
  });

  it('R46: a slow answer or a reset happens after the post is stored (outcome unknown to the client)', async () => {
    fake.setFault('chat.postMessage', { delayMs: 1000 });
    await expect(client.chat.postMessage({ channel: 'C5', text: 'slow' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RequestError,
    });
    fake.setFault('chat.postMessage', 'reset');
    await expect(client.chat.postMessage({ channel: 'C5', text: 'reset' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RequestError,
    });
    expect(fake.messages.get('C5')?.map((m) => m.text)).toEqual(['slow', 'reset']);
    fake.clearFaults();
  });

  it('measures, and can enforce, the posts per channel per second', async () => {
    const limited = await startFakeSlack({ limitPerChannelPerSecond: 1 });
    try {
      const post = (channel: string) =>
        fetch(`${limited.url}chat.postMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel, text: 'x' }),
        });
      expect((await post('C6')).status).toBe(200);
      const second = await post('C6');
      expect([second.status, second.headers.get('retry-after')]).toEqual([429, '1']);
      expect((await post('C7')).status).toBe(200);
      expect(limited.perChannelPerSecond()).toEqual(
        new Map([
          ['C6', 1],
          ['C7', 1],
        ]),
      );
      await json('chat.postMessage', { channel: 'C8', text: '1' });
      await json('chat.postMessage', { channel: 'C8', text: '2' });
      expect(fake.perChannelPerSecond().get('C8')).toBe(2);
    } finally {
      await limited.close();
    }
  });
});
