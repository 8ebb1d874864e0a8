// The whole process through Teams ("How to test it"): the real Teams app over HTTP, messages
// typed to the bot (1:1 and @mentions in channels), Action.Execute clicks, replies caught by the fake
// connector, PostgreSQL (PGlite only when it cannot be reached). The same flows as the Slack end-to-end
// test; where Slack opens a modal, the person types the form's twin (R43). Buttons are taken from the
// cards the core put in the outbox, rendered as Teams shows them (Adaptive Card Action.Execute).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { count, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import type { Activity } from '../support/teams-activities.ts';
import { aad, channelMention, executeInvoke, personalMessage } from '../support/teams-activities.ts';
import type { ExecuteButton, TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from '../support/teams-bot.ts';

const db = slackDatabase();
const CB = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'];
const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];
const CHANNELS = {
  board: '19:boardchannel@thread.tacv2',
  panel: '19:panelchannel@thread.tacv2',
  announce: '19:announcechannel@thread.tacv2',
};

/** `@SEC Bot <text>` typed by `handle` in a Teams channel. */
function inChannel(serviceUrl: string, handle: string, text: string, channel: string): Activity {
  const a = channelMention(serviceUrl, handle, text);
  const data = a.channelData as Record<string, unknown>;
  return {
    ...a,
    conversation: { ...(a.conversation as object), id: `${channel};messageid=${Date.now()}` },
    channelData: { ...data, teamsChannelId: channel, channel: { id: channel } },
  };
}

describe(`the process through Teams on ${db.name}`, () => {
  let bot: TeamsBot;
  const events = async () => count(await db.store(), 'events');

  /** A line typed by `handle` at London time `when` (1:1 unless a channel is given); it must write events. */
  async function sec(handle: string, when: string, text: string, channel?: string): Promise<string> {
    bot.clock.now = london(when);
    const before = await events();
    const a = channel
      ? inChannel(bot.fake.url, handle, text, channel)
      : personalMessage(bot.fake.url, handle, `sec ${text}`);
    const { status, reply } = await bot.say(a);
    expect(status).toBe(200);
    expect(await events(), `${handle}: ${text} → ${reply}`).toBeGreaterThan(before);
    return reply ?? '';
  }

  const buttons = async (match: (n: Notification) => boolean) =>
    outboxExecuteButtons(await db.store(), match);
  const toChannel = (channel: string) => (n: Notification) =>
    n.to.kind === 'channel' && n.to.channel === channel;
  const toPerson = (handle: string, key: string) => (n: Notification) =>
    n.to.kind === 'person' && n.to.person === id(handle) && (n.card?.key.startsWith(key) ?? false);
  /** An Action.Execute click by `handle` at `when`; answered 200 with the refreshed card or a sentence. */
  async function click(handle: string, when: string, b: ExecuteButton, activityId = randomUUID()) {
    bot.clock.now = london(when);
    const res = await bot.post(executeInvoke(bot.fake.url, handle, b, activityId));
    expect(res.status).toBe(200);
    return invokeAnswer(res);
  }
  const mod = async (n: number) => (await bot.engine.modifications()).find((m) => m.number === n);

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now: london('2027-01-04T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
    await sec('ada', '2027-01-04T09:00', 'admin channel change-board', CHANNELS.board);
    await sec('ada', '2027-01-04T09:01', 'admin channel panel', CHANNELS.panel);
    await sec('ada', '2027-01-04T09:02', 'admin channel announcements', CHANNELS.announce);
  }, 60_000);
  afterAll(() => bot?.close());

  it('R42 R71: admin channel names the channel in words, and is refused in a 1:1 chat', async () => {
    bot.clock.now = london('2027-01-04T09:03');
    const before = await events();
    const dm = await bot.say(personalMessage(bot.fake.url, 'ada', 'sec admin channel panel'));
    expect(dm.reply).toMatch(
      /^This is a direct message, where only you would see those posts: run admin channel in/,
    );
    expect(await events()).toBe(before);
    // Registered in beforeAll: the same name in the same conversation again is already done (R42).
    const again = await bot.say(inChannel(bot.fake.url, 'ada', 'admin channel panel', CHANNELS.panel));
    expect(again.reply).toContain('This Teams channel is already the Panel channel.');
    expect(await events()).toBe(before);
  });

  it('R5, R10–R12: a DP raised by typing in a 1:1 chat, its IAR typed, views given with the typed twin of the form', async () => {
    const raised = await sec(
      'alice',
      '2027-01-11T09:00',
      'raise title="Faster switching" problem="Switching takes too long" solution="Shorten it"',
    );
    expect(raised).toMatch(/DP001/);
    // Slack's IAR modal; in Teams its twin, typed in the Panel channel with an @mention.
    await sec(
      'sam',
      '2027-01-12T10:00',
      'iar DP001 impacts="Suppliers and the DCC" route=refinement',
      CHANNELS.panel,
    );
    expect((await mod(1))?.iar).toMatchObject({ impacts: 'Suppliers and the DCC', route: 'refinement' });
    await sec('sam', '2027-01-12T10:05', 'views open DP001');
    // The Change Board card carries the Give view button (a form on Slack); here each member types its twin.
    const give = await buttons(toChannel('change-board'));
    expect(give.map((b) => b.verb)).toContain('view');
    const stances = ['support', 'support', 'concerns', 'support', 'oppose'];
    for (const [i, cb] of CB.entries())
      await sec(cb, `2027-01-13T0${i}:30`, `view DP001 ${stances[i]} rationale="Because ${cb}"`);
    const views = await query<{ n: number | string }>(
      await db.store(),
      `select count(*) as n from events where type = 'ViewGiven'`,
    );
    expect(Number(views[0]?.n)).toBe(5);
    await sec('sam', '2027-01-14T09:00', 'views close DP001');
  });

  it('R16, R40: routed to Refinement; a meeting proposed, slots picked and attendance confirmed with Action.Execute', async () => {
    await sec('chair', '2027-01-21T10:00', 'panel route DP001 refinement authority', CHANNELS.panel);
    expect((await mod(1))?.isMP).toBe(true);
    await sec('sam', '2027-01-22T10:00', 'wg form MP001 bob cb1 cb2 cb3');
    await sec('sam', '2027-01-22T11:00', 'meeting propose MP001 2027-01-26T10:00 2027-01-27T14:00');
    for (const h of ['bob', 'cb1', 'cb2', 'cb3']) {
      const poll = await buttons(toPerson(h, 'meeting-poll:1:'));
      const answer = await click(
        h,
        '2027-01-22T12:00',
        pick(poll, (d) => d.slot === (h === 'cb3' ? 2 : 1) && d.yes === true),
      );
      // Answered within the invoke: the refreshed poll, or the sentence saying what was recorded (R74).
      expect(
        answer.kind === 'card' || /^Your answer: you can attend slot/.test(answer.text),
        answer.text,
      ).toBe(true);
    }
    const meeting = (await mod(1))?.meetings.at(-1);
    expect(Object.keys(meeting?.availability ?? {}).sort()).toEqual([
      id('bob'),
      id('cb1'),
      id('cb2'),
      id('cb3'),
    ]);
    await sec('sam', '2027-01-22T15:00', 'meeting confirm MP001 1');
    for (const h of ['bob', 'cb1', 'cb2'])
      await click(
        h,
        '2027-01-23T09:00',
        pick(await buttons(toPerson(h, 'meeting:1:')), (d) => d.yes === true),
      );
    const cant = await click(
      'cb3',
      '2027-01-23T09:00',
      pick(await buttons(toPerson('cb3', 'meeting:1:')), (d) => d.yes === false),
    );
    expect(cant.kind === 'card' || /Recorded|can't|cannot/i.test(cant.text), cant.text).toBe(true);
    expect((await mod(1))?.meetings.at(-1)?.attendance).toEqual({
      [id('bob')]: true,
      [id('cb1')]: true,
      [id('cb2')]: true,
      [id('cb3')]: false,
    });
  });

  it('R33–R36: a decision ballot voted with Action.Execute; re-sent invokes and double clicks → one vote each, closed', async () => {
    for (const [w, step] of [
      ['25T10:00', 'requirements done'],
      ['25T10:05', 'dcc-pa na no DCC change'],
      ['26T10:00', 'legal-text done'],
      ['27T10:00', 'benefits done'],
    ])
      await sec('sam', `2027-01-${w}`, `step MP001 ${step}`);
    await sec('sam', '2027-01-28T10:00', 'consult open MP001');
    const respond = await buttons((n) => n.card?.key.includes('consult') ?? false);
    expect(respond.map((b) => b.verb)).toContain('respond');
    // Slack's Respond modal; here its twin, typed by Bob in his 1:1 chat.
    await sec('bob', '2027-02-03T14:00', 'respond MP001 org="Bob Energy" S0=support');
    await bot.engine.runDue(london('2027-02-19T17:00'));
    const items =
      'background,solutions,requirements,legal-text,impacts-costs,implementation,benefits,wg-conclusions,views,dcc-assessment';
    await sec('sam', '2027-02-22T10:00', `report MP001 modification https://example.org/r1 items=${items}`);
    await sec('sam', '2027-02-22T10:05', 'step MP001 draft-report done');
    await sec('sam', '2027-02-23T10:00', 'ballot open MP001 sufficiency');
    const sufficiency = await buttons(toChannel('change-board'));
    for (const cb of CB)
      await click(
        cb,
        '2027-02-23T11:00',
        pick(sufficiency, (d) => d.option === (cb === 'cb4' ? 'more-work' : 'sufficient')),
      );
    await sec('chair', '2027-02-25T10:00', 'panel approve-report MP001', CHANNELS.panel);
    await sec('sam', '2027-02-25T10:30', 'consult open MP001');
    await bot.engine.runDue(london('2027-03-18T17:00'));
    await sec('sam', '2027-03-19T10:00', 'ballot open MP001 decision');

    const ballot = await buttons(toChannel('change-board'));
    const ballotId = String(ballot[0]?.data.ballot);
    const votesBefore = await events();
    for (const [i, cb] of CB.entries()) {
      const b = pick(ballot, (d) => d.option === (cb === 'cb4' ? 'reject' : 'approve'));
      // The same invoke delivered five times at once (Teams re-sends when the answer is slow)…
      const invoke = executeInvoke(bot.fake.url, cb, b);
      bot.clock.now = london('2027-03-19T11:00');
      const storm = await Promise.all([1, 2, 3, 4, 5].map(() => bot.post(invoke)));
      expect(storm.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      // R36: every delivery of it gets the same answer, the refreshed card; R74: it says, for the
      // clicker, what was recorded.
      const cards = storm.map(invokeAnswer).filter((a) => a.kind === 'card');
      expect(cards).toHaveLength(5);
      expect(new Set(storm.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(cards[0]?.text).toContain(
        `Your vote: ${cb === 'cb4' ? 'Reject' : 'Approve'} on the Change Board's decision ballot for MP001`,
      );
      if (i < CB.length - 1) expect(cards[0]?.text).toContain(`${i + 1} of 5 voted`);
      else {
        // R35: the last vote's answer is the closed card: the outcome and tally, no buttons left.
        expect(cards[0]?.text).toContain('The ballot is closed');
        expect(cards[0]?.text).toContain('Passed');
        // No buttons: its one Action.Execute is the refresh that draws it per reader (R74).
        expect(cards[0]?.text).not.toContain('ActionSet');
        expect(cards[0]?.text.match(/Action\.Execute/g)).toHaveLength(1);
        expect(cards[0]?.text).toContain('"verb":"refresh"');
      }
      // …then a double click: a new activity id, the same option.
      const again = await click(cb, '2027-03-19T11:00', b);
      expect(again.kind).toBe('message');
      if (i < CB.length - 1) expect(again.text).toMatch(/already recorded/);
    }
    const rows = await query<{ voter: string; option: string }>(
      await db.store(),
      `select voter, option from votes where ballot_id = '${ballotId}' order by voter`,
    );
    expect(rows).toEqual(CB.map((cb) => ({ voter: id(cb), option: cb === 'cb4' ? 'reject' : 'approve' })));
    const cast = await count(
      await db.store(),
      'events',
      `type = 'VoteCast' and payload->>'ballotId' = '${ballotId}'`,
    );
    expect(cast).toBe(5);
    const closed = (await mod(1))?.ballots.find((b) => b.id === ballotId);
    expect(closed).toMatchObject({ status: 'closed', passed: true });
    // Five invokes wrote (the fifth also closed the ballot); the 20 re-sends and 5 double clicks nothing.
    const written = await query<{ delivery_id: string | null; type: string }>(
      await db.store(),
      `select delivery_id, type from events order by id offset ${votesBefore}`,
    );
    expect(new Set(written.map((r) => r.delivery_id)).size).toBe(5);
    expect(written.filter((r) => r.type === 'VoteCast')).toHaveLength(5);
    expect(written.map((r) => r.type)).toContain('BallotClosed');
  });

  it('R21–R26: a Fast Track approved unanimously by the Panel with Action.Execute; the window closes with no objection', async () => {
    const raised = await sec(
      'chair',
      '2027-04-05T09:00',
      'panel raise-fasttrack title="Rename the TSC" problem="It was renamed"',
      CHANNELS.panel,
    );
    const ref = /DP\d{3}/.exec(raised)?.[0] as string;
    await sec('chair', '2027-04-05T09:05', `panel fasttrack ${ref} implement=2027-06-24`, CHANNELS.panel);
    const ballot = await buttons(toChannel('panel'));
    for (const h of PANEL)
      await click(
        h,
        '2027-04-06T10:00',
        pick(ballot, (d) => d.ref === ref && d.option === 'approve'),
      );
    await sec('chair', '2027-04-06T10:30', `ballot close ${ref}`, CHANNELS.panel);
    await bot.engine.runDue(london('2027-05-10T09:00'));
    const m = (await bot.engine.modifications()).find((x) => x.title === 'Rename the TSC');
    expect(m?.status).toBe('approved');
  });

  it('R24: a Fast Track objected to: the announcement shows Object, the objection is its twin typed', async () => {
    const raised = await sec(
      'alice',
      '2027-05-10T09:00',
      'raise title="Fix cross-references" problem="D3.4 points nowhere" fasttrack',
    );
    const ref = /DP\d{3}/.exec(raised)?.[0] as string;
    await sec('chair', '2027-05-13T10:00', `panel fasttrack ${ref} implement=2027-07-01`, CHANNELS.panel);
    const ballot = await buttons(toChannel('panel'));
    for (const h of PANEL)
      await click(
        h,
        '2027-05-13T10:05',
        pick(ballot, (d) => d.ref === ref && d.option === 'approve'),
      );
    await sec('chair', '2027-05-13T10:30', `ballot close ${ref}`, CHANNELS.panel);
    const announcement = await buttons(toChannel('announcements'));
    expect(announcement.map((b) => b.verb)).toContain('object');
    await sec('bob', '2027-05-20T15:00', `object ${ref} "We rely on the current wording"`, CHANNELS.announce);
    const m = (await bot.engine.modifications()).find((x) => x.title === 'Fix cross-references');
    expect(m?.fastTrack?.objection).toEqual({ by: id('bob'), reason: 'We rely on the current wording' });
    // An objection after the window would be refused; a second one from Bob writes nothing new either.
    const before = await events();
    const { reply } = await bot.say(personalMessage(bot.fake.url, 'bob', `object ${ref} "Again"`));
    expect(reply).toBeDefined();
    expect(await events()).toBe(before);
  });
});
