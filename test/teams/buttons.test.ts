// Buttons through the real Teams app (Action.Execute invokes over HTTP, local mode): a click is answered
// with the card refreshed for the clicker, saying exactly what was recorded and until when it can be
// changed (R74); the same invoke re-sent with its activity id gets that very answer again and writes
// nothing (R36); a button acts only on the ballot it carries, and one from a closed ballot is refused
// saying when it closed (R36, R75).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { count, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import { aad, executeInvoke } from '../support/teams-activities.ts';
import type { ExecuteButton, TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from '../support/teams-bot.ts';

const db = slackDatabase();
const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

describe(`Teams buttons and what a click answers, on ${db.name}`, () => {
  let bot: TeamsBot;

  async function type(handle: string, when: string, text: string): Promise<void> {
    bot.clock.now = london(when);
    const r = await bot.engine.ask(text, id(handle), bot.clock.now, { platform: 'cli' });
    if (!r.ok) throw new Error(`${handle} "${text}" was refused: ${r.reply}`);
  }
  const buttons = async (match: (n: Notification) => boolean) =>
    outboxExecuteButtons(await db.store(), match);
  const ballotCard = (key: string) => (n: Notification) => n.card?.key === key;
  const votes = async () =>
    query<{ stream: number; ballot_id: string; voter: string; option: string }>(
      await db.store(),
      'select stream, ballot_id, voter, option from votes order by stream, ballot_id, voter',
    );
  const events = async () => count(await db.store(), 'events');
  const invoke = (handle: string, b: ExecuteButton, activityId = randomUUID()) =>
    executeInvoke(bot.fake.url, handle, { verb: b.verb, data: b.data }, activityId);

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now: london('2026-12-01T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
    await type('alice', '2026-12-01T09:30', 'raise title="Faster switching" problem="Too slow" fasttrack');
    await type('bob', '2026-12-01T09:31', 'raise title="Second one" problem="Another" fasttrack');
    await type('chair', '2026-12-01T10:00', 'panel fasttrack DP001');
    await type('chair', '2026-12-01T10:01', 'panel fasttrack DP002');
  }, 60_000);
  afterAll(() => bot?.close());

  it('R36 R74: the same invoke re-sent is answered with the same refreshed card, which says what was recorded', async () => {
    const approve = pick(await buttons(ballotCard('ballot:1:fasttrack-1')), (d) => d.option === 'approve');
    const click = invoke('pm1', approve);
    bot.clock.now = london('2026-12-01T10:30');
    const first = await bot.post(click);
    const written = await events();
    // Teams re-sends an invoke it got no quick answer to: the same activity id, later, then at once.
    const later = await bot.post(click);
    const storm = await Promise.all([1, 2].map(() => bot.post(click)));
    for (const r of [first, later, ...storm]) expect(r.status).toBe(200);
    const answer = invokeAnswer(first);
    expect(answer.kind).toBe('card');
    expect(answer.text).toContain(
      "Your vote: Approve on the Panel's Fast Track ballot for DP001; you can change it until the chair closes the ballot.",
    );
    expect(answer.text).toContain('1 of 5 voted');
    for (const r of [later, ...storm]) expect(r.body).toEqual(first.body);
    expect(await events()).toBe(written);
    expect(await votes()).toEqual([
      { stream: 1, ballot_id: 'fasttrack-1', voter: id('pm1'), option: 'approve' },
    ]);
  });

  it('R74: a vote clicked in the 1:1 chat on a reminder DM is answered with the sentence, not with the channel’s ballot card (the mine card is drawn again: mine.test.ts)', async () => {
    const approve = pick(await buttons(ballotCard('ballot:1:fasttrack-1')), (d) => d.option === 'approve');
    bot.clock.now = london('2026-12-01T10:40');
    const inChat = invoke('pm3', approve);
    const r = await bot.post({
      ...inChat,
      conversation: { conversationType: 'personal', isGroup: false, id: 'a:dm-pm3' },
    } as typeof inChat);
    expect(r.status).toBe(200);
    // The card it was clicked on stays as it was; the sentence says what was recorded (R74).
    expect(invokeAnswer(r)).toEqual({
      kind: 'message',
      text: "Your vote: Approve on the Panel's Fast Track ballot for DP001; you can change it until the chair closes the ballot.",
    });
    expect((await votes()).filter((v) => v.voter === id('pm3'))).toEqual([
      { stream: 1, ballot_id: 'fasttrack-1', voter: id('pm3'), option: 'approve' },
    ]);
    // A click in the channel, where the ballot's card is, gets that card refreshed. pm3 ends on reject,
    // so that the next test's typed approvals are all changes.
    bot.clock.now = london('2026-12-01T10:41');
    const reject = pick(await buttons(ballotCard('ballot:1:fasttrack-1')), (d) => d.option === 'reject');
    const inChannel = invokeAnswer(await bot.post(invoke('pm3', reject)));
    expect(inChannel.kind).toBe('card');
    expect(inChannel.text).toContain('2 of 5 voted');
    expect(inChannel.text).toContain('Your vote: Reject');
  });

  it('R36 R75: a button carrying a ballot the modification does not have, or a closed one, is refused and counts nowhere', async () => {
    const approve = pick(await buttons(ballotCard('ballot:2:fasttrack-1')), (d) => d.option === 'approve');
    bot.clock.now = london('2026-12-02T10:00');
    const forged = await bot.post(
      invoke('pm2', { ...approve, data: { ...approve.data, ballot: 'decision-9' } }),
    );
    expect(invokeAnswer(forged)).toEqual({
      kind: 'message',
      text: 'That button is not for a ballot on DP002; your vote was not counted.',
    });
    expect((await votes()).filter((v) => v.voter === id('pm2'))).toEqual([]);
    // DP001's ballot closed by the chair; its old card's button, clicked a week later.
    for (const h of PANEL.filter((x) => x !== 'pm1')) await type(h, '2026-12-02T11:00', 'vote DP001 approve');
    await type('chair', '2026-12-03T10:00', 'ballot close DP001');
    bot.clock.now = london('2026-12-10T10:00');
    const before = await events();
    const late = await bot.post(
      invoke(
        'pm1',
        pick(await buttons(ballotCard('ballot:2:fasttrack-1')), (d) => d.option === 'reject'),
      ),
    );
    // A control: DP002's own open ballot still takes a click on its own card.
    expect(invokeAnswer(late).kind).toBe('card');
    const closed = await bot.post(
      invoke('pm1', {
        ...approve,
        data: { ...approve.data, ref: 'DP001', ballot: 'fasttrack-1', option: 'reject' },
      }),
    );
    expect(invokeAnswer(closed)).toEqual({
      kind: 'message',
      text: "The Panel's Fast Track ballot for DP001 of Tue 1 Dec 2026 closed on Thu 3 Dec 2026, 10:00; your vote was not counted.",
    });
    expect(await events()).toBe(before + 1);
    // The closed ballot keeps pm1's approve; the reject went to DP002's open ballot only.
    expect((await votes()).filter((v) => v.voter === id('pm1'))).toEqual([
      { stream: 1, ballot_id: 'fasttrack-1', voter: id('pm1'), option: 'approve' },
      { stream: 2, ballot_id: 'fasttrack-1', voter: id('pm1'), option: 'reject' },
    ]);
  });

  it('R74 R75: a poll and an attendance click are answered with the member’s refreshed card; once held, the old button is refused', async () => {
    await type('alice', '2026-12-10T11:00', 'raise title="Third one" problem="A third"');
    await type('sam', '2026-12-10T11:01', 'iar DP003 impacts="Suppliers" route=refinement');
    await type('chair', '2026-12-10T11:02', 'panel route DP003 refinement self-governance');
    await type('sam', '2026-12-10T11:03', 'wg form MP003 bob cb1 cb2 cb3 cb5');
    await type('sam', '2026-12-10T11:04', 'meeting propose MP003 2026-12-15T10:00 2026-12-16T14:00');
    const mine = (prefix: string) => (n: Notification) =>
      n.to.kind === 'person' && n.to.person === id('bob') && (n.card?.key.startsWith(prefix) ?? false);
    const slot2 = pick(await buttons(mine('meeting-poll:3:')), (d) => d.slot === 2 && d.yes === true);
    bot.clock.now = london('2026-12-10T12:00');
    const click = invoke('bob', slot2);
    const first = await bot.post(click);
    const answer = invokeAnswer(first);
    expect(answer.kind).toBe('card');
    expect(answer.text).toContain(
      'Your answer: you can attend slot 2 (Wed 16 Dec 2026, 14:00) of the MP003 Working Group meeting poll; you can change it until SECAS confirms the time.',
    );
    expect(answer.text).toContain('Wed 16 Dec 2026, 14:00: 1 can attend');
    expect((await bot.post(click)).body).toEqual(first.body);

    await type('sam', '2026-12-10T13:00', 'meeting confirm MP003 2');
    const attending = pick(await buttons(mine('meeting:3:')), (d) => d.yes === true);
    bot.clock.now = london('2026-12-11T09:00');
    const att = invokeAnswer(await bot.post(invoke('bob', attending)));
    expect(att.kind).toBe('card');
    expect(att.text).toContain(
      'Your answer: you will attend the MP003 Working Group meeting; you can change it until it starts, Wed 16 Dec 2026, 14:00 (London time).',
    );
    expect(att.text).toMatch(/"title":"Your answer","value":"attending"/);

    await type('sam', '2026-12-16T16:00', 'meeting held MP003 attended=bob,cb1');
    const before = await events();
    bot.clock.now = london('2026-12-17T09:00');
    const late = invokeAnswer(
      await bot.post(invoke('bob', { ...attending, data: { ...attending.data, yes: false } })),
    );
    expect(late).toEqual({
      kind: 'message',
      text: 'The MP003 Working Group meeting of Wed 16 Dec 2026, 14:00 was held; your answer was not recorded.',
    });
    expect(await events()).toBe(before);
  });
});
