// A request id per platform delivery: every HTTP request gets one (a sane incoming
// x-request-id, else a new UUID), echoed in the response header and carried by every log line the
// Slack and Teams adapters write while handling it, across their awaits (Web API calls, connector
// calls), even when the body arrives slowly in pieces. Teams lines also carry the activity id.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_ROUTES } from '../../adapters/http.ts';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/app.ts';
import { TEAMS_MESSAGES_PATH } from '../../adapters/teams/app.ts';
import { openStore } from '../../db/open.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { sign, slashCommandBody } from '../support/slack-requests.ts';
import { aad, executeInvoke, personalMessage, postActivity } from '../support/teams-activities.ts';
import type { LogLine, OpsBot } from './ops-bot.ts';
import { startOpsBot } from './ops-bot.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Slack users the bot finds by e-mail on first contact (users.info on the fake): it logs the link.
const USERS: [string, { email: string; name: string }][] = [
  ['UBOB', { email: 'bob@example.org', name: 'Bob' }],
  ['UCB2', { email: 'cb2@example.org', name: 'Cb2' }],
  ['UCB3', { email: 'cb3@example.org', name: 'Cb3' }],
  ['UCB4', { email: 'cb4@example.org', name: 'Cb4' }],
  ['UCB5', { email: 'cb5@example.org', name: 'Cb5' }],
];

describe('request ids', () => {
  let bot: OpsBot;
  const linked = (userId: string): LogLine[] =>
    bot.lines.filter((l) => l.msg === 'slack user linked by e-mail' && l.userId === userId);

  beforeAll(async () => {
    const store = await openStore({ memory: true });
    bot = await startOpsBot(store, { now: london('2027-01-11T09:00'), users: USERS });
    const rows = PEOPLE.map((p) => (p.handle === 'alice' ? { ...p, teams: aad('alice') } : p));
    await bot.engine.importPeople(rows, { source: 'test', now: bot.clock.now });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await bot?.store.close();
  });

  it('the server knows the routes the adapters mount', () => {
    expect(PLATFORM_ROUTES.get(SLACK_EVENTS_PATH)).toBe('slack');
    expect(PLATFORM_ROUTES.get(TEAMS_MESSAGES_PATH)).toBe('teams');
  });

  it('survives odd paths and headers (404, never a crash), and does not time them', async () => {
    for (const path of ['/__proto__', '/constructor', '/slack/events/../../x', '/api/messages?x=1#y', '/%']) {
      const res = await fetch(`${bot.url}${path}`, { headers: { 'x-request-id': '__proto__' } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      await res.text();
    }
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('gives each Slack request its own id, in the response header and on the lines logged while handling it', async () => {
    const first = await fetchSigned('UBOB', 'status DP001');
    const second = await fetchSigned('UCB2', 'status DP001');
    expect(first.status).toBe(200);
    expect(first.id).toMatch(UUID);
    expect(second.id).toMatch(UUID);
    expect(first.id).not.toBe(second.id);
    // Logged after the adapter's users.info call to the (fake) Web API: the context survived the await.
    expect(linked('UBOB').map((l) => l.requestId)).toEqual([first.id]);
    expect(linked('UCB2').map((l) => l.requestId)).toEqual([second.id]);
  });

  it('keeps a sane incoming x-request-id and replaces anything else', async () => {
    const kept = await fetchSigned('UCB3', 'status DP001', { 'x-request-id': 'lb-7f3a.42:edge@eu-1' });
    expect(kept.id).toBe('lb-7f3a.42:edge@eu-1');
    expect(linked('UCB3').map((l) => l.requestId)).toEqual(['lb-7f3a.42:edge@eu-1']);
    for (const bad of ['two words', 'x'.repeat(129), 'a\tb', '{"json":1}', 'a,b']) {
      const res = await fetch(`${bot.url}/healthz`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it('keeps the id when the body arrives slowly, in pieces', async () => {
    const { body, headers } = sign(slashCommandBody({ user: 'UCB4', text: 'status DP001' }));
    const id = await new Promise<string>((resolve, reject) => {
      const req = request(`${bot.url}/slack/events`, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.headers['x-request-id'])));
      });
      req.on('error', reject);
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      setTimeout(() => req.end(body.slice(half)), 150);
    });
    expect(id).toMatch(UUID);
    expect(linked('UCB4').map((l) => l.requestId)).toEqual([id]);
  });

  it('puts the Teams activity id next to the request id', async () => {
    const activity = executeInvoke(bot.connector.url, 'alice', { verb: 'vote', data: { action: 'nope' } });
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    const line = bot.lines.find((l) => l.msg === 'teams card action refused' && l.activity === activity.id);
    expect(line).toMatchObject({ requestId: id, deliveryId: activity.id });
  });

  it('carries the id to a line written after a failed call to the Teams connector', async () => {
    bot.connector.setFault('send', { status: 400 });
    const activity = personalMessage(bot.connector.url, 'alice', 'help');
    const before = bot.lines.length;
    const res = await postActivity(bot.url, activity);
    expect(res.status).toBe(200);
    const failed = bot.lines.slice(before).filter((l) => l.msg === 'teams reply failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.requestId).toMatch(UUID);
    expect(failed[0]?.deliveryId).toBe(activity.id);
  });

  it('writes no request id on lines outside a request', async () => {
    const before = bot.lines.length;
    bot.logger.info('between requests');
    await fetchSigned('UCB5', 'status DP001');
    bot.logger.info('after the request');
    const lines = bot.lines.slice(before);
    expect(lines.find((l) => l.msg === 'between requests')?.requestId).toBeUndefined();
    expect(lines.find((l) => l.msg === 'after the request')?.requestId).toBeUndefined();
    expect(linked('UCB5')[0]?.requestId).toMatch(UUID);
  });

  async function fetchSigned(
    user: string,
    text: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; id: string | null }> {
    const signed = sign(slashCommandBody({ user, text }));
    const res = await fetch(`${bot.url}/slack/events`, {
      method: 'POST',
      headers: { ...signed.headers, ...headers },
      body: signed.body,
    });
    await res.text();
    return { status: res.status, id: res.headers.get('x-request-id') };
  }
});
