// R75 on Slack: a form button on an old card, or a form command typed without its fields, whose
// submit would be refused now (views closed, a Draft with no Fast Track decision, not theirs to give)
// is refused at the click or the command, in the words the submit would use, and no modal opens
// (no views.open reaches Slack). While the form could be submitted, it opens as before. The real Bolt
// app against the local fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../support/databases.ts';
import type { Button, SlackBot } from '../support/slack-bot.ts';
import { outboxButtons, slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';
import { actionTs } from '../support/slack-requests.ts';

const db = slackDatabase();

describe(`R75 Slack: a form that would be refused does not open, on ${db.name}`, () => {
  let bot: SlackBot;
  let give: Button;
  const sec = async (handle: string, line: string) => {
    const r = await bot.command(slackUser(handle), line);
    expect(String(r.json?.text), line).not.toMatch(/^Sorry|Usage|not registered/);
    return r;
  };
  const opens = () => bot.fake.calls.filter((c) => c.method === 'views.open').length;
  const clickGive = (handle: string) =>
    bot.clickAnswered({
      user: slackUser(handle),
      actionId: give.actionId,
      value: give.value,
      actionTs: actionTs(),
      channel: 'C0BOARD',
    });

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2027-01-04T09:00');
    await sec('alice', 'raise title="Faster switching" problem="Switching takes too long"');
    await sec('bob', 'raise title="A plain draft" problem="Nothing more yet"');
    await sec('sam', 'iar DP001 impacts="Suppliers" route=refinement');
    await sec('sam', 'views open DP001');
    const buttons = await outboxButtons(await db.store(), (n) => n.card?.key.startsWith('views:') ?? false);
    const found = buttons.find((b) => b.label === 'Give your view');
    if (!found) throw new Error(`no Give your view among ${buttons.map((b) => b.label).join(', ')}`);
    give = found;
  }, 60_000);
  afterAll(() => bot?.close());

  it('while views are open, "Give your view" opens the view modal about the DP', async () => {
    const before = opens();
    const res = await bot.click({
      user: slackUser('cb1'),
      actionId: give.actionId,
      value: give.value,
      actionTs: actionTs(),
    });
    expect(res.status).toBe(200);
    expect(opens()).toBe(before + 1);
    const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(view.callback_id).toBe('sec:form:view');
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ form: 'view', ref: 'DP001' });
  });

  it('R2: someone who may not give a view is told so at the click, and no modal opens', async () => {
    const before = opens();
    const answer = await clickGive('alice');
    expect(answer.text).toBe('Only Change Board members can give a view on DP001.');
    expect(opens()).toBe(before);
  });

  it('after views close, "Give your view" answers with the submit’s refusal; no modal, nothing written', async () => {
    await sec('sam', 'views close DP001');
    const events = await count(await db.store(), 'events');
    const before = opens();
    const answer = await clickGive('cb2');
    // The very sentence the submit gives (typed here as the view's text twin).
    const typed = await bot.command(slackUser('cb2'), 'view DP001 support');
    expect(typed.json?.text).toBe('Change Board views on DP001 are not open (it is awaiting the Panel).');
    expect(answer.text).toBe(typed.json?.text);
    expect(opens()).toBe(before);
    expect(await count(await db.store(), 'events')).toBe(events);
  });

  it('a typed /sec object on a Draft with no Fast Track decision is refused without a modal', async () => {
    const before = opens();
    const res = await bot.command(slackUser('alice'), 'object DP002');
    expect(res.json).toMatchObject({
      response_type: 'ephemeral',
      text: 'DP002 has no Fast Track decision to object to.',
    });
    expect(opens()).toBe(before);
  });

  it('a typed /sec view on closed views is refused without a modal; /sec withdraw by its proposer still opens', async () => {
    const before = opens();
    const res = await bot.command(slackUser('cb3'), 'view DP001');
    expect(res.json?.text).toBe('Change Board views on DP001 are not open (it is awaiting the Panel).');
    expect(opens()).toBe(before);
    const open = await bot.command(slackUser('bob'), 'withdraw DP002');
    expect(open.text).toBe('');
    expect(opens()).toBe(before + 1);
    const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(view.callback_id).toBe('sec:form:withdraw');
  });

  it('R66: someone the directory does not know is told so, and no modal opens', async () => {
    const before = opens();
    const res = await bot.command('UNOBODY', 'raise');
    expect(res.json?.text).toBe('You are not registered; ask an admin.');
    expect(opens()).toBe(before);
  });
});
