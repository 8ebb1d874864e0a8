// R74: a form command typed in a channel the app is not in (or a DM between two people) opens its
// modal, and the modal's submission has no response_url; Slack then refuses chat.postEphemeral in that
// channel. The confirmation goes to the person's DM with the app instead of being lost. Other
// chat.postEphemeral failures are not sent again elsewhere. Through the real Slack app on the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { eventually, slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';

const db = slackDatabase();
const U = slackUser;
/** A channel the app was never added to. */
const ELSEWHERE = 'C0RANDOM';

describe(`a form's confirmation where the app cannot post, on ${db.name}`, () => {
  let bot: SlackBot;

  /** `/sec view DP001` typed in ELSEWHERE, and the modal submitted with a stance. */
  const giveView = async (handle: string, stance: string) => {
    const res = await bot.command(U(handle), 'view DP001', ELSEWHERE);
    expect(res.status).toBe(200);
    const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(view.callback_id).toBe('sec:form:view');
    const sent = await bot.submit({ user: U(handle), view, answers: { stance } });
    expect(sent.status).toBe(200);
    expect(sent.text).toBe('');
  };
  /** Waits until the bot has stopped writing after a submission: its private reply is not awaited. */
  const settled = async (from: number) => {
    let last = -1;
    await eventually(() => {
      const n = bot.fake.calls.length;
      const quiet = n === last && n > from;
      last = n;
      return quiet;
    });
  };

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2026-12-01T09:00');
    await bot.command(U('ada'), 'admin channel change-board', 'C0BOARD');
    const as = async (handle: string, when: string, text: string) => {
      bot.clock.now = london(when);
      const r = await bot.engine.ask(text, id(handle), bot.clock.now);
      expect(r.ok, r.reply).toBe(true);
    };
    await as('alice', '2026-12-01T09:30', 'raise title="T1" problem="P1"');
    await as('sam', '2026-12-01T10:00', 'iar DP001 impacts="Suppliers" route=refinement');
    await as('sam', '2026-12-01T10:05', 'views open DP001');
    bot.clock.now = london('2026-12-01T10:10');
  }, 120_000);
  afterAll(() => bot?.close());

  for (const error of ['channel_not_found', 'not_in_channel']) {
    it(`R74: chat.postEphemeral answering ${error}: the confirmation arrives in their DM with the app`, async () => {
      const handle = error === 'channel_not_found' ? 'cb1' : 'cb2';
      const calls = bot.fake.calls.length;
      bot.fake.setFault('chat.postEphemeral', { error });
      await giveView(handle, 'support');
      // The note posted to a DM (a D… channel) after conversations.open for this person.
      const dm = await eventually(() => {
        const made = bot.fake.calls.slice(calls);
        const opened = made.some((c) => c.method === 'conversations.open' && c.body.users === U(handle));
        const post = made.find(
          (c) =>
            c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D') && c.status === 200,
        );
        return opened && post ? post : undefined;
      });
      const note = bot.fake.messages.get(String(dm.body.channel))?.at(-1);
      expect(note?.text).toMatch(/^Your view \(support\) on DP001 is recorded\./);
      const tried = bot.fake.calls.slice(calls).filter((c) => c.method === 'chat.postEphemeral');
      expect(tried.map((c) => c.body.channel)).toEqual([ELSEWHERE]);
      expect(bot.logs.some((l) => /private reply failed/.test(l.msg))).toBe(false);
    });
  }

  it('another chat.postEphemeral failure is logged and not sent again to the DM', async () => {
    const calls = bot.fake.calls.length;
    const logs = bot.logs.length;
    bot.fake.setFault('chat.postEphemeral', { error: 'internal_error' });
    await giveView('cb3', 'concerns');
    await eventually(() => bot.logs.slice(logs).find((l) => /private reply failed/.test(l.msg)));
    await settled(calls);
    const after = bot.fake.calls.slice(calls).map((c) => c.method);
    expect(after).toContain('chat.postEphemeral');
    expect(after).not.toContain('conversations.open');
  });
});
