// R74, P1: a click on a message button is answered privately through the response_url Slack sends
// with it (a keep-alive POST, adapters/slack/respond.ts) instead of a chat.postEphemeral Web API call:
// only the clicker sees it and the message they clicked is left as it is. When that URL fails, or is
// not Slack's, the answer still arrives by chat.postEphemeral; a click without one (a modal, the Home
// tab) uses chat.postEphemeral as before. Through the real Slack app on the local fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id, london } from '../support/directory.ts';
import type { Button, SlackBot } from '../support/slack-bot.ts';
import {
  eventually,
  one,
  outboxButtons,
  slackDatabase,
  slackUser,
  startSlackBotWithPeople,
} from '../support/slack-bot.ts';
import { actionTs, blockActionsBody, post, sign } from '../support/slack-requests.ts';

const db = slackDatabase();
const U = slackUser;

describe(`a click's private answer through its response_url, on ${db.name}`, () => {
  let bot: SlackBot;
  let ballot: Button[];

  const vote = async (handle: string, option: 'approve' | 'reject', responseUrl?: string) => {
    const b = one(ballot, (v) => v.option === option);
    const body = blockActionsBody({
      user: U(handle),
      actionId: b.actionId,
      value: b.value,
      actionTs: actionTs(),
      channel: 'C0PANEL',
      ...(responseUrl ? { responseUrl } : {}),
    });
    const res = await post(bot.url, sign(body));
    expect(res.status).toBe(200);
  };
  const answerTo = (handle: string, from: number) =>
    eventually(() => bot.fake.ephemerals.slice(from).find((e) => e.user === U(handle)));

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2026-12-01T09:00');
    await bot.command(U('ada'), 'admin channel panel', 'C0PANEL');
    bot.clock.now = london('2026-12-01T10:00');
    const raised = await bot.engine.ask(
      'panel raise-fasttrack title="Quick fix" problem="p"',
      id('chair'),
      bot.clock.now,
    );
    expect(raised.ok).toBe(true);
    ballot = await outboxButtons(await db.store(), (n) => n.card?.key.startsWith('ballot:1:') ?? false);
  }, 120_000);
  afterAll(() => bot?.close());

  it('R74: the confirmation goes to the response_url, ephemeral, leaving the original message alone', async () => {
    const from = bot.fake.ephemerals.length;
    const calls = bot.fake.calls.length;
    await vote('pm1', 'approve', bot.fake.responseUrl('C0PANEL', U('pm1')));
    const e = await answerTo('pm1', from);
    expect(e).toMatchObject({ via: 'response_url', channel: 'C0PANEL' });
    expect(e.text).toMatch(/^Your vote: Approve on the Panel's Fast Track ballot for DP001/);
    const made = bot.fake.calls.slice(calls).map((c) => c.method);
    expect(made).toContain('response_url');
    expect(made).not.toContain('chat.postEphemeral');
    const sent = bot.fake.calls.slice(calls).find((c) => c.method === 'response_url');
    expect(sent?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('a response_url that fails: the answer still arrives, by chat.postEphemeral', async () => {
    bot.fake.setFault('response_url', { status: 500 });
    const from = bot.fake.ephemerals.length;
    await vote('pm2', 'reject', bot.fake.responseUrl('C0PANEL', U('pm2')));
    const e = await answerTo('pm2', from);
    expect(e.via).toBe('chat.postEphemeral');
    expect(e.text).toMatch(/^Your vote: Reject/);
    expect(bot.logs.some((l) => /response_url failed/.test(l.msg))).toBe(true);
  });

  it("a response_url that is not Slack's is never followed", async () => {
    // The fake itself under another name: were the address not checked, the fake would record the POST.
    const elsewhere = bot.fake.responseUrl('C0PANEL', U('pm3')).replace('127.0.0.1', 'localhost');
    const reachable = await fetch(elsewhere, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: 'probe' }),
    });
    expect(reachable.status).toBe(200);
    const calls = bot.fake.calls.length;
    const from = bot.fake.ephemerals.length;
    await vote('pm3', 'approve', elsewhere);
    const e = await answerTo('pm3', from);
    expect(e.via).toBe('chat.postEphemeral');
    expect(bot.fake.calls.slice(calls).filter((c) => c.method === 'response_url')).toEqual([]);
  });

  it('a click without a response_url (a modal, the Home tab) is answered by chat.postEphemeral', async () => {
    const from = bot.fake.ephemerals.length;
    await vote('pm4', 'reject');
    expect((await answerTo('pm4', from)).via).toBe('chat.postEphemeral');
  });
});
