// R74 on Teams, through the real app, the outbox and the card policy: a Working Group member clicks a
// slot answer on the meeting poll in their 1:1 chat. The click is answered with their poll refreshed
// for them, and the outbox then puts their poll DM (the same activity, in place) as drawn for them: it
// still shows their own answers, so what was recorded stays in sight after the click's answer is gone.
// Nobody else's poll DM is touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import type { Engine } from '../../src/app/engine.ts';
import { resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import type { FakeConnector, Sent } from '../support/teams-activities.ts';
import { aad, executeInvoke, postActivity } from '../support/teams-activities.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from '../support/teams-bot.ts';

const db = slackDatabase();

describe(`R74 the meeting poll a member clicked, on Teams, on ${db.name}`, () => {
  let bot: TeamsBot;
  let connector: FakeConnector;
  let engine: Engine;

  async function type(handle: string, when: string, text: string): Promise<void> {
    bot.clock.now = london(when);
    const r = await engine.ask(text, id(handle), bot.clock.now, { platform: 'cli' });
    if (!r.ok) throw new Error(`${handle} "${text}" was refused: ${r.reply}`);
  }
  const deliver = () => bot.deliver();
  const cardOf = (s: Sent): string => unescapeMarkdown(JSON.stringify(s.body.attachments ?? []));

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now: london('2026-12-01T09:00'), conversations: true });
    ({ engine, fake: connector } = bot);
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
  }, 60_000);
  afterAll(() => bot?.close());

  it('R40 R74: after the click, the poll DM put in place still shows the member’s own answer; no other member’s DM changes', async () => {
    await type('alice', '2026-12-01T10:00', 'raise title="Faster switching" problem="Too slow"');
    await type('sam', '2026-12-01T10:01', 'iar DP001 impacts="Suppliers" route=refinement');
    await type('chair', '2026-12-01T10:02', 'panel route DP001 refinement self-governance');
    await type('sam', '2026-12-01T10:03', 'wg form MP001 bob cb1 cb2 cb3 cb5');
    await type('sam', '2026-12-01T10:04', 'meeting propose MP001 2026-12-15T10:00 2026-12-16T14:00');
    await deliver();
    const polls = connector.sent.filter((s) => cardOf(s).includes('Which of these times can you attend?'));
    expect(polls).toHaveLength(6);
    for (const p of polls) expect(cardOf(p)).not.toContain('your answer');

    const bobs = (n: { to: { kind: string; person?: string }; card?: { key: string } }) =>
      n.to.kind === 'person' && n.to.person === id('bob') && n.card?.key === 'meeting-poll:1:mtg-1';
    const slot1 = pick(
      await outboxExecuteButtons(await db.store(), bobs),
      (d) => d.slot === 1 && d.yes === true,
    );
    bot.clock.now = london('2026-12-01T11:00');
    const answer = invokeAnswer(
      await postActivity(
        bot.url,
        executeInvoke(connector.url, 'bob', { verb: slot1.verb, data: slot1.data }),
      ),
    );
    expect(answer.kind).toBe('card');
    expect(answer.text).toContain(
      'Your answer: you can attend slot 1 (Tue 15 Dec 2026, 10:00) of the MP001 Working Group meeting poll; you can change it until SECAS confirms the time.',
    );
    expect(answer.text).toContain('Tue 15 Dec 2026, 10:00: 1 can attend (your answer: can attend)');

    const before = connector.updated.length;
    await deliver();
    const puts = connector.updated.slice(before).filter((u) => polls.some((p) => p.id === u.id));
    // Only the clicker's poll DM is put again, and it still says what they answered.
    expect(puts).toHaveLength(1);
    const put = puts[0] as Sent;
    expect(cardOf(put)).toContain('Tue 15 Dec 2026, 10:00: 1 can attend (your answer: can attend)');
    expect(cardOf(put)).toContain('Wed 16 Dec 2026, 14:00: 0 can attend (your answer: not given yet)');
    expect(cardOf(put)).toContain('You can change your answers until SECAS confirms the time.');
    expect(cardOf(put)).toContain('Action.Execute');
    // It is bob's own 1:1 chat: the activity his poll was posted as.
    const bobChat = connector.created.find((c) => JSON.stringify(c.body).includes(aad('bob')));
    expect(put.conversation).toBe(bobChat?.id);
  });

  it('R75 R78: confirming closes each poll DM with that member’s answers; the meeting card promises only what the next message gives on Teams', async () => {
    await type('sam', '2026-12-02T10:00', 'meeting confirm MP001 1');
    const sentBefore = connector.sent.length;
    const updatedBefore = connector.updated.length;
    await deliver();
    const bobChat = connector.created.find((c) => JSON.stringify(c.body).includes(aad('bob')))?.id;
    const closed = connector.updated
      .slice(updatedBefore)
      .find((u) => u.conversation === bobChat && cardOf(u).includes('SECAS confirmed'));
    expect(cardOf(closed as Sent)).toContain(
      'Tue 15 Dec 2026, 10:00: 1 can attend (your answer: can attend)',
    );
    expect(cardOf(closed as Sent)).not.toContain('Action.Execute');
    const toBob = connector.sent.slice(sentBefore).filter((s) => s.conversation === bobChat);
    const meeting = toBob.find((s) => cardOf(s).includes('Confirmed for Tue 15 Dec 2026, 10:00'));
    // Calendar feeds are off: Teams cannot send the .ics, so the card must not promise an invite.
    expect(cardOf(meeting as Sent)).toContain(
      'Confirmed for Tue 15 Dec 2026, 10:00 (London time, 60 minutes). A separate message follows with how to add it to your calendar.',
    );
    expect(cardOf(meeting as Sent)).not.toContain('invite follows');
    const next = toBob[toBob.indexOf(meeting as Sent) + 1];
    expect(unescapeMarkdown(String(next?.body.text))).toContain(
      'Teams cannot carry the invite file here: please add the meeting to your calendar yourself.',
    );
  });
});
