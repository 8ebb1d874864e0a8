// R81 on Slack, through the real Bolt app, store, outbox loop and WebClient against the local fake Web
// API: `/sec mine` answers privately with the card and its buttons; opening the Home tab
// (app_home_opened) records it and publishes what the person owes with views.publish; a change to what
// they owe republishes it through the outbox (newest version only, once); someone who never opened it
// gets no Home tab; the tab stays within Slack's 100 blocks, ending with "and n more — type /sec mine".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import { HOME_MAX_ITEMS, homeCardKey } from '../../src/app/mine.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { count, query } from '../support/databases.ts';
import { id } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { outboxButtons, slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';
import { blockActionsPayload, payloadBody, post, sign } from '../support/slack-requests.ts';

const db = slackDatabase();

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id: string; value: string; text?: string | { text: string } }[];
};

const textOf = (blocks: Block[]): string =>
  blocks
    .map((b) =>
      b.type === 'context'
        ? (b.elements ?? [])
            .map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? '')))
            .join(' ')
        : (b.text?.text ?? ''),
    )
    .join('\n');
const buttonsOf = (blocks: Block[]) =>
  blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

/** An Events API callback as Slack sends it: JSON, signed like every request. */
function homeOpened(bot: SlackBot, user: string, tab = 'home') {
  const body = JSON.stringify({
    token: 'unused',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0001', tab, event_ts: `${Date.now() / 1000}` },
  });
  return post(bot.url, sign(body), { 'content-type': 'application/json' });
}

describe(`R81 Slack: mine and the Home tab on ${db.name}`, () => {
  let bot: SlackBot;
  let deliver: Deliverer;
  const drain = async () => {
    for (let i = 0; i < 10; i++) {
      const r = await deliverDue(await db.store(), [deliver], bot.clock.now);
      if (r.claimed === 0) return;
    }
  };
  const home = (handle: string) => bot.fake.homes.get(slackUser(handle));
  const homeText = (handle: string) => textOf((home(handle)?.view.blocks ?? []) as Block[]);
  const homeButtons = (handle: string) => buttonsOf((home(handle)?.view.blocks ?? []) as Block[]);

  beforeAll(async () => {
    const store = await db.store();
    bot = await startSlackBotWithPeople(store, '2027-01-04T09:00');
    await query(store, 'truncate platform_messages');
    const client = deliveryClient('xoxb-test-token', { apiUrl: bot.fake.url });
    const port = platformStore(store.db);
    deliver = fanOut(
      [
        slackDeliverer({
          client,
          port,
          pacer: new Pacer({ intervalMs: 5 }),
          home: async (person) =>
            (
              await bot.engine.mine(person, bot.clock.now, {
                max: HOME_MAX_ITEMS,
                key: homeCardKey(person),
              })
            ).card,
        }),
      ],
      port,
    );
    const ok = async (user: string, text: string) => {
      const r = await bot.command(user, text);
      expect(String(r.json?.text), text).not.toMatch(/^Sorry|not registered|Usage/);
    };
    await ok(slackUser('alice'), 'raise title="Faster switching" problem="Switching takes too long"');
    await ok(slackUser('sam'), 'iar DP001 impacts="Suppliers" route=refinement');
    await ok(slackUser('sam'), 'views open DP001');
    await drain();
  }, 60_000);
  afterAll(() => bot?.close());

  it('/sec mine answers privately with the card: the item, its due date in words and the views card’s button', async () => {
    const res = await bot.command(slackUser('cb1'), 'mine');
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    const blocks = res.json?.blocks as Block[];
    const text = textOf(blocks);
    expect(text).toContain('What you owe (1)');
    expect(text).toContain('DP001 "Faster switching"');
    expect(text).toContain('Due Mon 11 Jan 2027, 17:00');
    const buttons = buttonsOf(blocks);
    // The same action id and value as the button on the views card in the channel: a click does the same.
    const onCard = await outboxButtons(await db.store(), (n) => n.card?.key.startsWith('views:') ?? false);
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual(onCard.map((b) => [b.actionId, b.value]));
    expect(String(res.json?.text)).not.toMatch(/\bR\d+\b|\[[a-z-]+\]/);
  });

  it('/sec mine with nothing owed is a friendly line', async () => {
    const res = await bot.command(slackUser('bob'), 'mine');
    expect(JSON.stringify(res.json)).toContain('You owe nothing right now.');
  });

  it('nobody has a Home tab until they open it: changes queue no Home tab refresh for them', async () => {
    expect(await count(await db.store(), 'outbox', `key like 'home:%'`)).toBe(0);
    expect(bot.fake.homes.size).toBe(0);
  });

  it('opening the Home tab records it and publishes what the person owes, with the buttons', async () => {
    const res = await homeOpened(bot, slackUser('cb1'));
    expect(res.status).toBe(200);
    const [pref] = await query<{ slack_home_at: unknown }>(
      await db.store(),
      `select slack_home_at from person_prefs where person_id = '${id('cb1')}'`,
    );
    expect(pref?.slack_home_at).toBeTruthy();
    await drain();
    expect(home('cb1')?.view.type).toBe('home');
    expect(homeText('cb1')).toContain('Give your view');
    expect(homeText('cb1')).toContain('Due Mon 11 Jan 2027, 17:00');
    expect(homeButtons('cb1').map((b) => b.action_id)).toEqual([expect.stringMatching(/^sec:view:/)]);
    // A Home tab is not a message: nothing was posted for it.
    expect(
      bot.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0001'),
    ).toEqual([]);
  });

  it('a change to what the person owes republishes the tab through the outbox; others’ tabs stay as they were', async () => {
    await homeOpened(bot, slackUser('cb2'));
    await drain();
    const before = home('cb2')?.publishes ?? 0;
    const r = await bot.command(slackUser('cb1'), 'view DP001 support');
    expect(String(r.json?.text)).toMatch(/recorded/);
    await drain();
    expect(homeText('cb1')).toContain('You owe nothing right now.');
    expect(homeButtons('cb1')).toEqual([]);
    // cb2 still owes a view: what they owe did not change, so neither does their tab.
    expect(home('cb2')?.publishes).toBe(before);
    expect(homeText('cb2')).toContain('Give your view');
    // Each refresh went out once: nothing is left pending, nothing failed.
    expect(await count(await db.store(), 'outbox', `key like 'home:%' and status <> 'sent'`)).toBe(0);
  });

  it('a button on the Home tab works there: Give your view opens the view form', async () => {
    const [button] = homeButtons('cb2');
    if (!button) throw new Error('no button on the Home tab');
    // A click in the Home tab has no channel: its container is the view.
    const payload = blockActionsPayload({
      user: slackUser('cb2'),
      actionId: button.action_id,
      value: button.value,
    });
    delete payload.channel;
    payload.container = { type: 'view', view_id: String(home('cb2')?.view.id) };
    payload.view = home('cb2')?.view;
    const opened = bot.fake.calls.filter((c) => c.method === 'views.open').length;
    const res = await post(bot.url, sign(payloadBody(payload)));
    expect(res.status).toBe(200);
    const calls = bot.fake.calls.filter((c) => c.method === 'views.open');
    expect(calls.length).toBe(opened + 1);
    expect(JSON.stringify(calls.at(-1)?.body.view)).toContain('DP001');
  });

  it('a second opening changes nothing recorded; a Messages tab opening draws nothing', async () => {
    const [first] = await query<{ slack_home_at: Date }>(
      await db.store(),
      `select slack_home_at from person_prefs where person_id = '${id('cb1')}'`,
    );
    bot.clock.now = new Date(bot.clock.now.getTime() + 60_000);
    await homeOpened(bot, slackUser('cb1'));
    const [second] = await query<{ slack_home_at: Date }>(
      await db.store(),
      `select slack_home_at from person_prefs where person_id = '${id('cb1')}'`,
    );
    expect(String(second?.slack_home_at)).toBe(String(first?.slack_home_at));
    const rows = await count(await db.store(), 'outbox', `key like 'home:%'`);
    await homeOpened(bot, slackUser('cb3'), 'messages');
    expect(await count(await db.store(), 'outbox', `key like 'home:%'`)).toBe(rows);
    expect(await count(await db.store(), 'person_prefs', `person_id = '${id('cb3')}'`)).toBe(0);
  });

  it('a long list stays within the Home tab’s 100 blocks and ends with "and n more — type /sec mine"', async () => {
    const store = await db.store();
    for (let n = 2; n <= HOME_MAX_ITEMS + 4; n++) {
      const ref = `DP${String(n).padStart(3, '0')}`;
      await bot.command(slackUser('alice'), `raise title="Change ${n}" problem="P"`);
      await bot.command(slackUser('sam'), `iar ${ref} impacts="Suppliers" route=refinement`);
      await bot.command(slackUser('sam'), `views open ${ref}`);
    }
    await drain();
    const blocks = (home('cb2')?.view.blocks ?? []) as Block[];
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(homeText('cb2')).toContain(`What you owe (${HOME_MAX_ITEMS + 4})`);
    expect(homeText('cb2')).toContain('and 4 more — type /sec mine');
    expect(homeButtons('cb2')).toHaveLength(HOME_MAX_ITEMS);
    // Many commands asked for cb2's tab; only the newest versions were published, none failed.
    const published = home('cb2')?.publishes ?? 0;
    const asked = await count(store, 'outbox', `key like 'home:${id('cb2')}:%'`);
    expect(published).toBeLessThanOrEqual(asked);
    expect(await count(store, 'outbox', `key like 'home:%' and status = 'failed'`)).toBe(0);
  }, 120_000);
});
