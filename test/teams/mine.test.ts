// R81 on Teams, through the real Teams app and the fake connector: `mine` typed in the 1:1 chat answers
// with an Adaptive Card of what the person owes, each item with the buttons of its own card (an
// Action.Execute vote that works when clicked there); opening the 1:1 chat (installationUpdate, or
// conversationUpdate with members added) greets the person with the same card, at most once a minute.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, resetStore } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import type { Activity } from '../support/teams-activities.ts';
import { MINE_IN_PRIVATE } from '../../src/app/engine.ts';
import {
  aad,
  account,
  channelMention,
  executeInvoke,
  fixture,
  personalMessage,
} from '../support/teams-activities.ts';
import type { ExecuteButton, TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, startTeamsBot } from '../support/teams-bot.ts';

const db = slackDatabase();

type Element = {
  type: string;
  text?: string;
  actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[];
};

/** The Adaptive Card of a message the bot sent, if it sent one. */
function cardOf(body: Record<string, unknown> | undefined): { body: Element[] } | undefined {
  const att = (body?.attachments as { contentType: string; content: { body: Element[] } }[] | undefined)?.[0];
  return att?.contentType === 'application/vnd.microsoft.card.adaptive' ? att.content : undefined;
}
const textOf = (card: { body: Element[] }) => card.body.map((e) => e.text ?? '').join('\n');
const buttonsOf = (card: { body: Element[] }): ExecuteButton[] =>
  card.body
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions ?? [])
    .map((a) => ({
      type: a.type as ExecuteButton['type'],
      title: a.title,
      verb: a.verb ?? String(a.data?.action),
      data: a.data ?? {},
    }));

/** The person opening the 1:1 chat with the bot, as Teams sends it. */
function opened(bot: TeamsBot, handle: string, type: 'installationUpdate' | 'conversationUpdate'): Activity {
  const base = fixture('installation-update-personal');
  return {
    ...base,
    id: randomUUID(),
    type,
    serviceUrl: bot.fake.url,
    from: account(handle),
    conversation: { conversationType: 'personal', id: `a:dm-${handle}` },
    ...(type === 'conversationUpdate'
      ? { action: undefined, membersAdded: [{ id: (base.recipient as { id: string }).id }, account(handle)] }
      : {}),
  };
}

describe(`R81 Teams: mine and the 1:1 greeting on ${db.name}`, () => {
  let bot: TeamsBot;
  const say = async (handle: string, text: string) => {
    const before = bot.fake.sent.length;
    const res = await bot.post(personalMessage(bot.fake.url, handle, text));
    expect(res.status).toBe(200);
    return bot.fake.sent.slice(before);
  };

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now: london('2027-01-04T09:00'), conversations: true });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
    for (const [who, line] of [
      ['chair', 'panel raise-fasttrack title="Rename a committee" problem="The name changed"'],
      ['chair', 'panel fasttrack DP001'],
    ] as const) {
      const sent = await say(who, line);
      expect(String(sent.at(-1)?.body.text)).not.toMatch(/^Sorry|Usage/);
    }
  }, 60_000);
  afterAll(() => bot?.close());

  it('mine answers with a card: the Fast Track vote, when it is due, and the ballot card’s own buttons', async () => {
    const [reply] = await say('pm1', 'mine');
    const card = cardOf(reply?.body);
    if (!card) throw new Error(`no card in ${JSON.stringify(reply?.body)}`);
    const text = textOf(card);
    expect(text).toContain('What you owe (1)');
    expect(text).toContain('DP001 "Rename a committee"');
    expect(text).toContain('Vote on the Panel Fast Track ballot');
    // The chair closes a Fast Track ballot: it has no deadline, and the card says so.
    expect(text).toContain('No deadline set');
    expect(text).not.toMatch(/\bR\d+\b|fasttrack-\d/);
    const onBallot = await outboxExecuteButtons(
      await db.store(),
      (n) => n.card?.key.startsWith('ballot:') ?? false,
    );
    const mine = buttonsOf(card);
    // The same action with the same payload, and the mark of where it was clicked (answered with this card).
    expect(mine.map((b) => [b.type, b.verb, b.data])).toEqual(
      onBallot.map((b) => [b.type, b.verb, { ...b.data, on: 'mine' }]),
    );
  });

  it('mine typed in a channel is not answered there with the card: the person is sent to the 1:1 chat', async () => {
    const before = bot.fake.sent.length;
    const res = await bot.post(channelMention(bot.fake.url, 'pm1', 'mine'));
    expect(res.status).toBe(200);
    const replies = bot.fake.sent.slice(before);
    expect(replies).toHaveLength(1);
    // Everyone in the channel would read it as their own "What you owe", with buttons acting as them.
    expect(cardOf(replies[0]?.body)).toBeUndefined();
    expect(String(replies[0]?.body.text)).toBe(MINE_IN_PRIVATE);
    // The same person in the 1:1 chat still gets the card.
    const [inChat] = await say('pm1', 'mine');
    expect(textOf(cardOf(inChat?.body) ?? { body: [] })).toContain('What you owe (1)');
  });

  /** A click in the person's 1:1 chat with the bot, where the `mine` card is. */
  const clickInChat = (handle: string, b: ExecuteButton) => {
    const a = executeInvoke(bot.fake.url, handle, { verb: b.verb, data: b.data });
    return bot.post({
      ...a,
      conversation: { conversationType: 'personal', isGroup: false, id: `a:dm-${handle}` },
    });
  };

  it('a button on the mine card works where it is: the vote is recorded, and mine then has nothing more', async () => {
    const [reply] = await say('pm2', 'mine');
    const card = cardOf(reply?.body);
    if (!card) throw new Error('no card');
    const approve = buttonsOf(card).find((b) => b.data.option === 'approve');
    if (!approve) throw new Error('no Approve button');
    const votes = await count(await db.store(), 'votes');
    const answer = invokeAnswer(await clickInChat('pm2', approve));
    expect(await count(await db.store(), 'votes')).toBe(votes + 1);
    // R81, R74: the card is drawn again in place: what was recorded on top, and the vote gone from the list.
    expect(answer.kind).toBe('card');
    expect(answer.text).toContain('What you owe');
    expect(answer.text).toContain("Your vote: Approve on the Panel's Fast Track ballot for DP001");
    expect(answer.text).toContain('You owe nothing right now.');
    expect(answer.text).not.toContain('Vote on the Panel Fast Track ballot');
    const [after] = await say('pm2', 'mine');
    expect(textOf(cardOf(after?.body) ?? { body: [] })).toContain('You owe nothing right now.');
  });

  it('a button that says it is on some other card than mine is refused, and nothing is written', async () => {
    const [reply] = await say('pm1', 'mine');
    const card = cardOf(reply?.body);
    const approve = card && buttonsOf(card).find((b) => b.data.option === 'approve');
    if (!approve) throw new Error('no Approve button');
    const votes = await count(await db.store(), 'votes');
    const answer = invokeAnswer(
      await clickInChat('pm1', { ...approve, data: { ...approve.data, on: 'home' } }),
    );
    expect(answer.kind).toBe('message');
    expect(answer.text).toMatch(/out of date|no longer/i);
    expect(await count(await db.store(), 'votes')).toBe(votes);
  });

  it('opening the 1:1 chat greets the person with the same card, at most once a minute', async () => {
    const before = bot.fake.sent.length;
    expect((await bot.post(opened(bot, 'pm3', 'installationUpdate'))).status).toBeLessThan(300);
    const greeting = bot.fake.sent.slice(before);
    expect(greeting).toHaveLength(1);
    const card = cardOf(greeting[0]?.body);
    if (!card) throw new Error('no card in the greeting');
    expect(textOf(card)).toContain('What you owe (1)');
    expect(buttonsOf(card).map((b) => b.data.option)).toEqual(['approve', 'reject', 'abstain']);
    // Teams often sends a conversationUpdate with it: no second greeting within the minute.
    await bot.post(opened(bot, 'pm3', 'conversationUpdate'));
    expect(bot.fake.sent.length).toBe(before + 1);
    bot.clock.now = new Date(bot.clock.now.getTime() + 61_000);
    await bot.post(opened(bot, 'pm3', 'conversationUpdate'));
    expect(bot.fake.sent.length).toBe(before + 2);
  });

  it('R48: two replicas that each receive one of the opening’s events greet once between them', async () => {
    const replicas = await Promise.all(
      [1, 2].map(async () => startTeamsBot(await db.store(), { now: bot.clock.now, conversations: true })),
    );
    try {
      const [a, b] = replicas as [TeamsBot, TeamsBot];
      const sent = () => a.fake.sent.length + b.fake.sent.length;
      const at = (ms: number) => {
        for (const r of replicas) r.clock.now = new Date(bot.clock.now.getTime() + ms);
      };
      at(300_000);
      const answers = await Promise.all([
        a.post(opened(a, 'pm4', 'installationUpdate')),
        b.post(opened(b, 'pm4', 'conversationUpdate')),
      ]);
      for (const r of answers) expect(r.status).toBeLessThan(300);
      expect(sent()).toBe(1);
      // Within the minute, on either replica: nothing more. After it: greeted again, once.
      at(330_000);
      await b.post(opened(b, 'pm4', 'installationUpdate'));
      expect(sent()).toBe(1);
      at(361_000);
      await Promise.all([
        a.post(opened(a, 'pm4', 'conversationUpdate')),
        b.post(opened(b, 'pm4', 'installationUpdate')),
      ]);
      expect(sent()).toBe(2);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('no greeting when the bot is removed, nor in a team channel', async () => {
    bot.clock.now = new Date(bot.clock.now.getTime() + 120_000);
    const before = bot.fake.sent.length;
    await bot.post({ ...opened(bot, 'pm4', 'installationUpdate'), action: 'remove' });
    const team = {
      ...fixture('conversation-update-team'),
      id: randomUUID(),
      serviceUrl: bot.fake.url,
      from: account('pm4'),
    };
    await bot.post(team);
    expect(bot.fake.sent.length).toBe(before);
  });
});
