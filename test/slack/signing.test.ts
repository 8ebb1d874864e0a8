// QUALITY.md security: a request with a bad or missing signature, or a timestamp more
// than five minutes off, gets 401 and changes nothing; a replayed request writes nothing new (R36).
// The real Bolt app over HTTP, its Web API on the local fake, the engine on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, resetStore } from '../support/databases.ts';
import { createSlackApp } from '../../adapters/slack/app.ts';
import { PEOPLE, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { slackDatabase, startSlackBot } from '../support/slack-bot.ts';
import { post, sign, slashCommandBody } from '../support/slack-requests.ts';
import { MAX_BODY_BYTES } from '../../adapters/body-limit.ts';

const db = slackDatabase();
const RAISE = 'raise title="Signed or not" problem="Only Slack may speak for a user"';
const ALICE = 'UALICE';

const written = async (bot: SlackBot) => ({
  events: await count(await db.store(), 'events'),
  deliveries: await count(await db.store(), 'deliveries'),
  outbox: await count(await db.store(), 'outbox'),
  mods: (await bot.engine.modifications()).length,
});

describe(`Slack request signing on ${db.name}`, () => {
  let bot: SlackBot;
  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startSlackBot(store, { now: london('2027-01-11T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => (p.handle === 'alice' ? { ...p, slack: ALICE } : p)),
      { source: 'test', now: bot.clock.now },
    );
  }, 60_000);
  afterAll(() => bot?.close());

  it('Bolt checked the token with auth.test against the Web API at start', () => {
    expect(bot.fake.calls.some((c) => c.method === 'auth.test')).toBe(true);
  });

  it('R42: a correctly signed /sec is answered privately in the ack', async () => {
    const res = await bot.command(ALICE, 'help');
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(String(res.json?.text)).toMatch(/raise/);
  });

  const refused: [string, (body: string) => Promise<{ status: number }>][] = [
    ['a signature made with another secret', (b) => post(bot.url, sign(b, { secret: 'not-the-secret' }))],
    [
      'no signature headers at all',
      (b) => post(bot.url, { body: b, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ],
    [
      'a timestamp header but no signature',
      (b) => {
        const s = sign(b);
        return post(bot.url, { body: b, headers: { ...s.headers, 'x-slack-signature': '' } });
      },
    ],
    [
      'a body changed after signing',
      (b) => post(bot.url, { ...sign(b), body: b.replace('Signed', 'Forged') }),
    ],
    ['a timestamp 6 minutes old', (b) => post(bot.url, sign(b, { ts: Math.floor(Date.now() / 1000) - 360 }))],
    [
      'a timestamp 6 minutes ahead',
      (b) => post(bot.url, sign(b, { ts: Math.floor(Date.now() / 1000) + 360 })),
    ],
    [
      'a signature from another request',
      (b) =>
        post(bot.url, { body: b, headers: sign(slashCommandBody({ user: ALICE, text: 'help' })).headers }),
    ],
  ];

  it.each(refused)('QUALITY.md security: %s → 401 and nothing written', async (_name, send) => {
    const before = await written(bot);
    const res = await send(slashCommandBody({ user: ALICE, text: RAISE }));
    expect(res.status).toBe(401);
    expect(await written(bot)).toEqual(before);
  });

  it('R36: the same signed request replayed writes nothing new and gets the first answer', async () => {
    const before = await written(bot);
    const req = sign(slashCommandBody({ user: ALICE, text: RAISE }));
    const first = await post(bot.url, req);
    expect(first.status).toBe(200);
    expect(String(first.json?.text)).toMatch(/DP\d{3}/);
    const after = await written(bot);
    expect(after.mods).toBe(before.mods + 1);
    const replays = await Promise.all([1, 2, 3].map(() => post(bot.url, req)));
    const retry = await post(bot.url, req, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    for (const r of [...replays, retry]) {
      expect(r.status).toBe(200);
      expect(r.json?.text).toBe(first.json?.text);
    }
    expect(await written(bot)).toEqual(after);
  });

  it('R36: a timestamp 4 minutes old is still inside the window (Slack clocks drift)', async () => {
    const res = await post(
      bot.url,
      sign(slashCommandBody({ user: ALICE, text: 'help' }), { ts: Math.floor(Date.now() / 1000) - 240 }),
    );
    expect(res.status).toBe(200);
  });

  it.each(['/slack/events/', '/SLACK/Events', '/Slack/Events/?x=1'])(
    'R90, QUALITY.md security: %s reaches Bolt as /slack/events does, so it is verified and its body read first',
    async (path) => {
      const at = (req: { body: string; headers: Record<string, string> }) =>
        fetch(`${bot.url}${path}`, { method: 'POST', headers: req.headers, body: req.body });
      const before = await written(bot);
      const forged = await at(
        sign(slashCommandBody({ user: ALICE, text: RAISE }), { secret: 'not-the-secret' }),
      );
      expect(forged.status).toBe(401);
      expect(await written(bot)).toEqual(before);
      const big = await at(sign(`text=${'x'.repeat(MAX_BODY_BYTES + 1)}`));
      expect(big.status).toBe(413);
      const help = await at(sign(slashCommandBody({ user: ALICE, text: 'help' })));
      expect(help.status).toBe(200);
      expect(String(((await help.json()) as { text?: string }).text)).toMatch(/raise/);
    },
  );

  it('only /slack/events speaks Slack; other paths are 404 and the health probe answers', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const other = await fetch(`${bot.url}/slack/other`, { method: 'POST', ...sign('x=1') });
    expect(other.status).toBe(404);
  });

  it('with SLACK_APP_TOKEN the app runs in Socket Mode, with no HTTP receiver to mount', () => {
    const socket = createSlackApp({
      config: { botToken: 'xoxb-x', signingSecret: 'unused', appToken: 'xapp-1-x' },
      engine: bot.engine,
      log: () => {},
    });
    expect(socket.receiver).toBeUndefined();
  });
});
