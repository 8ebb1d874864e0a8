// R42: on Slack the slash command is the only way in, so every command a message names, not only the
// hints of a card, reads "/sec <command>": the reply to a slash command, a plain DM, a channel post's
// text, and the `mine` text twin. The core marks each command once (src/views/hints.ts); the Slack
// sinks translate the marks, and the fake refuses any payload that still holds one (command-mark.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { renderText } from '../../adapters/slack/render/blocks.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import { mineView } from '../../src/views/mine.ts';
import { london } from '../support/directory.ts';
import { Scenario } from '../support/scenario.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';
import { COMMAND_MARK } from '../support/command-mark.ts';

const db = slackDatabase();
const U = slackUser;

describe(`commands named in Slack messages read "/sec …" (R42) on ${db.name}`, () => {
  let bot: SlackBot;
  const sec = async (handle: string, when: string, text: string, channel?: string) => {
    bot.clock.now = london(when);
    const res = await bot.command(U(handle), text, channel);
    return String(res.json?.text ?? '');
  };
  /** Delivers what the outbox holds through the real Slack deliverer; the chat.postMessage calls made. */
  const deliver = async (when: string) => {
    const store = await db.store();
    const port = platformStore(store.db);
    const client = deliveryClient('xoxb-test-token', { apiUrl: bot.fake.url, timeoutMs: 2_000 });
    const fan = fanOut([slackDeliverer({ client, port, pacer: new Pacer({ intervalMs: 10 }) })], port);
    const from = bot.fake.calls.length;
    await deliverDue(store, [fan], london(when));
    return bot.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
  };

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2027-01-11T09:00');
    await sec('ada', '2027-01-11T09:00', 'admin channel change-board', 'C0BOARD');
  }, 120_000);
  afterAll(() => bot?.close());

  it('the reply to a slash command names its next command after /sec', async () => {
    expect(
      await sec('alice', '2027-01-11T09:30', 'raise title="Faster switching" problem="Switching is slow"'),
    ).toMatch(/DP001/);
    const iar = await sec('sam', '2027-01-11T10:00', 'iar DP001 impacts="Suppliers" route=refinement');
    expect(iar).toContain('Next: /sec views open DP001.');
    expect(iar).not.toContain(COMMAND_MARK);
  });

  it('a channel post and a plain DM name their commands after /sec', async () => {
    await sec('sam', '2027-01-11T10:05', 'views open DP001');
    await sec('sam', '2027-01-11T10:10', 'comment DP001 Please say who is affected');
    const posts = await deliver('2027-01-11T10:11');
    const board = posts.filter((c) => c.body.channel === 'C0BOARD').map((c) => String(c.body.text));
    expect(board.some((t) => t.includes('Give your view: /sec view DP001 support|concerns|oppose.'))).toBe(
      true,
    );
    // The proposer's DM of SECAS's comments is text without a card (renderText).
    const dm = posts.find((c) => String(c.body.text).startsWith('SECAS comments on DP001'));
    expect(dm?.body.blocks).toBeUndefined();
    expect(String(dm?.body.text)).toContain('You may amend it: /sec amend DP001 title="…" problem="…"');
    // The guard: nothing any sink sent held a mark.
    expect(bot.fake.markLeaks).toEqual([]);
    for (const c of posts) expect(JSON.stringify(c.body)).not.toContain(COMMAND_MARK);
  });

  it('a card hint still reads "Or type: /sec …"', async () => {
    const posts = bot.fake.messages.get('C0BOARD') ?? [];
    const blocks = JSON.stringify(posts.map((m) => m.blocks));
    expect(blocks).toContain('Or type: /sec view DP001 support|concerns|oppose');
  });

  it('the fake refuses a payload with a mark, naming it', async () => {
    const res = await fetch(`${bot.fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-token' },
      body: JSON.stringify({ channel: 'C0BOARD', text: `Type: ${COMMAND_MARK}mine${COMMAND_MARK}` }),
    });
    expect(res.status).toBe(400);
    expect(String(((await res.json()) as { error: string }).error)).toMatch(/U\+2063/);
    // Taken back, so this deliberate leak does not fail the file at close.
    expect(bot.fake.markLeaks.splice(0)).toHaveLength(1);
  });
});

describe('the mine text twin on Slack (R42, R81)', () => {
  it('reads "Type: /sec view …"', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    const { text } = renderText(mineView(s.world, 'cb1', s.ctx('cb1')).text);
    expect(text).toMatch(/\. Type: \/sec view DP001 support\|concerns\|oppose/);
    expect(text).not.toContain(COMMAND_MARK);
  });
});
