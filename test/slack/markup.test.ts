// R44: Slack mrkdwn formats `*bold*`, `_italic_`, `~strike~`, backtick code and a leading `>` quote, and
// has no escape for them, so user text holding them must reach Slack in plain_text. Through the real Bolt
// app, the outbox and the Slack deliverer, against the fake Web API: what Slack receives is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { renderCard, renderText } from '../../adapters/slack/render/blocks.ts';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { eventually, slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';
import { orType } from '../../src/views/hints.ts';

const db = slackDatabase();
const U = slackUser;

/** Every text object (and message text) in a Slack payload, with how Slack reads it. */
function texts(x: unknown, out: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(x)) for (const v of x) texts(v, out);
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.text === 'string') {
      // A message's own text is mrkdwn unless blocks carry what is shown.
      const type = typeof o.type === 'string' ? o.type : Array.isArray(o.blocks) ? 'fallback' : 'mrkdwn';
      out.push({ type, text: o.text });
    }
    for (const v of Object.values(o)) texts(v, out);
  }
  return out;
}

describe(`R44 formatting marks in user text stay text on Slack, on ${db.name}`, () => {
  let bot: SlackBot;
  let deliverer: Deliverer;
  beforeAll(async () => {
    const store = await db.store();
    bot = await startSlackBotWithPeople(store);
    expect((await bot.command(U('ada'), 'admin channel change-board', 'C0BOARD')).status).toBe(200);
    const port = platformStore(store.db);
    const client = deliveryClient('xoxb-test-token', { apiUrl: bot.fake.url, timeoutMs: 2000 });
    deliverer = fanOut([slackDeliverer({ client, port, pacer: new Pacer({ intervalMs: 1 }) })], port);
  }, 60_000);
  afterAll(() => bot?.close());

  async function deliver(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      if ((await deliverDue(await db.store(), [deliverer], bot.clock.now, { limit: 100 })).claimed === 0)
        return;
    }
  }

  it('R44 a Benefits text `x *bold*` is plain_text on the Change Board card; the mrkdwn parts hold no mark', async () => {
    bot.clock.now = london('2027-01-11T09:00');
    const before = bot.fake.calls.length;
    const res = await bot.command(
      U('alice'),
      'raise title="Quick fix" problem="It is _slow_" benefits="x *bold*" solution="Use `code` and ~less~"',
    );
    expect(String(res.json?.text)).toMatch(/DP001/);
    await deliver();
    const post = bot.fake.calls
      .slice(before)
      .find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0BOARD');
    expect(post, 'the DP card was posted').toBeDefined();
    const all = texts(post?.body.blocks);
    expect(all).toContainEqual({ type: 'plain_text', text: 'Benefits\nx *bold*' });
    expect(all).toContainEqual({ type: 'plain_text', text: 'It is _slow_' });
    expect(all.some((t) => t.type === 'plain_text' && t.text.includes('Use `code` and ~less~'))).toBe(true);
    // Nothing Slack formats carries a user's mark; the fields without marks keep their bold labels.
    for (const t of all.filter((x) => x.type === 'mrkdwn')) {
      expect(t.text.replace(/^\*[^*\n]+\*\n/, ''), t.text).not.toMatch(/[*_~`]/);
    }
    expect(all.some((t) => t.type === 'mrkdwn' && /^\*[A-Z][^*]*\*\n/.test(t.text))).toBe(true);
  });

  it('R44 a DM and a private reply holding marks are sent as plain_text blocks, the text kept as fallback', async () => {
    bot.clock.now = london('2027-01-11T11:00');
    const before = bot.fake.calls.length;
    const res = await bot.command(U('sam'), 'comment DP001 Please say *why* it is _slow_\n> and quote');
    expect(res.status).toBe(200);
    await deliver();
    const dm = await eventually(() =>
      bot.fake.calls
        .slice(before)
        .find((c) => c.method === 'chat.postMessage' && String(c.body.text).includes('*why*')),
    );
    expect(texts(dm.body.blocks).map((t) => t.type)).not.toContain('mrkdwn');
    expect(texts(dm.body.blocks).some((t) => t.text.includes('Please say *why* it is _slow_'))).toBe(true);
    // A slash command's answer that echoes what was typed, marks and all.
    const typo = await bot.command(U('sam'), '_frob_ DP001');
    const ack = typo.json as { text?: string; blocks?: unknown };
    expect(ack.text).toContain('_frob_');
    expect(texts(ack.blocks).map((t) => t.type)).toEqual(['plain_text']);
    expect(texts(ack.blocks)[0]?.text).toContain('_frob_');
  });

  it('R44 text without marks is unchanged: mrkdwn with bold labels, a DM as plain text', () => {
    expect(renderText('Your vote (approve) on MP001 is recorded.')).toEqual({
      text: 'Your vote (approve) on MP001 is recorded.',
    });
    const r = renderText('a <!channel> *b*');
    expect(r.text).toBe('a &lt;!channel&gt; *b*');
    expect(r.blocks).toEqual([
      { type: 'section', text: { type: 'plain_text', text: 'a &lt;!channel&gt; *b*', emoji: true } },
    ]);
    const card = renderCard({
      key: 'k',
      title: 'T',
      fields: [
        { label: 'Status', value: 'open' },
        { label: 'Reason', value: 'too ~long~' },
      ],
      buttons: [],
      context: orType(['object DP001 "it is *bad*"']),
    });
    const fields = card.blocks.flatMap((b) => (b.type === 'section' ? (b.fields ?? []) : []));
    expect(fields).toEqual([
      { type: 'mrkdwn', text: '*Status*\nopen', verbatim: true },
      { type: 'plain_text', text: 'Reason\ntoo ~long~', emoji: true },
    ]);
    const context = card.blocks.find((b) => b.type === 'context');
    expect(context).toEqual({
      type: 'context',
      // R42: on Slack the typed twin reads as typed there, after the slash command.
      elements: [{ type: 'plain_text', text: 'Or type: /sec object DP001 "it is *bad*"', emoji: true }],
    });
  });
});
