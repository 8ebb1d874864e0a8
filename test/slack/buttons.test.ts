// Buttons that outlive what they were made for, through the real Slack app (signed block_actions over
// HTTP, the Web API on the local fake, the outbox delivered by the Slack notifier): a click acts only on
// the ballot or poll its button carries, never on a later or another one, and is refused saying why
// (R36, R75); every accepted click is confirmed privately with exactly what was recorded and until when
// it can be changed (R74); when a ballot closes or a poll is confirmed, the DMs that carried their
// buttons (reminders, polls) are updated in place without them, saying why (R75).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import { query } from '../support/databases.ts';
import { id, london } from '../support/directory.ts';
import type { Button, SlackBot } from '../support/slack-bot.ts';
import {
  one,
  outboxButtons,
  slackDatabase,
  slackUser,
  startSlackBotWithPeople,
} from '../support/slack-bot.ts';
import type { FakeMessage } from '../support/fake-slack.ts';
import { actionTs } from '../support/slack-requests.ts';

const db = slackDatabase();
const U = slackUser;
const BOARD = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'];
const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

/** DP001 in Refinement with its Working Group and every step before the sufficiency vote done. */
const DRAFTED: [string, string][] = [
  ['alice', 'raise title="Faster switching" problem="Switching takes too long"'],
  ['bob', 'raise title="Second one" problem="Another problem" fasttrack'],
  ['sam', 'iar DP001 impacts="Suppliers" route=refinement'],
  ['chair', 'panel route DP001 refinement self-governance'],
  ['sam', 'wg form DP001 bob cb1 cb2 cb3 cb5'],
  ['sam', 'step DP001 requirements done'],
  ['sam', 'step DP001 dcc-pa na no DCC involvement'],
  ['sam', 'step DP001 legal-text done'],
  ['sam', 'step DP001 benefits done'],
  ['sam', 'consult open DP001'],
  ['sam', 'consult close DP001'],
  ['sam', 'report DP001 modification https://example.org/mr-draft'],
  ['sam', 'step DP001 draft-report done'],
];

describe(`buttons and what they act on, through Slack on ${db.name}`, () => {
  let bot: SlackBot;

  async function type(handle: string, when: string, text: string): Promise<string> {
    bot.clock.now = london(when);
    const r = await bot.engine.ask(text, id(handle), bot.clock.now, { platform: 'cli' });
    if (!r.ok) throw new Error(`${handle} "${text}" was refused: ${r.reply}`);
    return r.reply;
  }
  const buttons = async (match: (n: Notification) => boolean) => outboxButtons(await db.store(), match);
  const card = (prefix: string) => (n: Notification) => n.card?.key.startsWith(prefix) ?? false;
  const votes = async () =>
    query<{ ballot_id: string; voter: string; option: string }>(
      await db.store(),
      'select ballot_id, voter, option from votes order by ballot_id, voter',
    );
  /** A signed click by `handle`; its private answer (the ephemeral Slack shows only to them). */
  async function click(handle: string, when: string, b: Pick<Button, 'actionId' | 'value'>): Promise<string> {
    bot.clock.now = london(when);
    const e = await bot.clickAnswered({
      user: U(handle),
      actionId: b.actionId,
      value: b.value,
      actionTs: actionTs(),
    });
    return e.text;
  }
  /** Delivers everything due in the outbox to the fake Slack. */
  async function deliver(): Promise<void> {
    const store = await db.store();
    const port = platformStore(store.db);
    const client = deliveryClient('xoxb-test-token', { apiUrl: bot.fake.url, timeoutMs: 2_000 });
    const fan = fanOut([slackDeliverer({ client, port, pacer: new Pacer({ intervalMs: 1 }) })], port);
    while ((await deliverDue(store, [fan], bot.clock.now)).claimed > 0);
  }
  /** Every message the fake holds (DMs and channels), with where it is. */
  const shown = (): (FakeMessage & { channel: string })[] =>
    [...bot.fake.messages.entries()].flatMap(([channel, ms]) => ms.map((m) => ({ ...m, channel })));
  const hasButtons = (m: FakeMessage) => JSON.stringify(m.blocks ?? []).includes('"actions"');

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2026-12-01T09:00');
    for (const [name, channel] of [
      ['change-board', 'C0BOARD'],
      ['panel', 'C0PANEL'],
      ['announcements', 'C0ANNOUNCE'],
    ] as const) {
      const res = await bot.command(U('ada'), `admin channel ${name}`, channel);
      expect(res.status).toBe(200);
    }
    for (const [h, text] of DRAFTED) await type(h, '2026-12-01T10:00', text);
  }, 120_000);
  afterAll(() => bot?.close());

  it('R36 R75: a click carrying a ballot the modification does not have is refused and counts nowhere', async () => {
    await type('chair', '2026-12-01T11:00', 'panel fasttrack DP002');
    const approve = one(
      await buttons((n) => n.card?.key === 'ballot:2:fasttrack-1'),
      (v) => v.option === 'approve',
    );
    // The same signed click, its value naming a ballot DP002 never had (a forged or mixed-up card).
    const forged = { ...approve, value: JSON.stringify({ ...approve.v, ballot: 'decision-9' }) };
    const said = await click('pm1', '2026-12-01T11:05', forged);
    expect(said).toBe('That button is not for a ballot on DP002; your vote was not counted.');
    expect(await votes()).toEqual([]);
    // R74: the real button is confirmed privately with what was recorded and until when it can change.
    expect(await click('pm1', '2026-12-01T11:06', approve)).toBe(
      "Your vote: Approve on the Panel's Fast Track ballot for DP002; you can change it until the chair closes the ballot.",
    );
    expect(await votes()).toEqual([{ ballot_id: 'fasttrack-1', voter: id('pm1'), option: 'approve' }]);
    for (const h of PANEL.filter((x) => x !== 'pm1')) await type(h, '2026-12-01T11:10', 'vote DP002 approve');
    await type('chair', '2026-12-01T11:30', 'ballot close DP002');
  });

  it('R34 R75: the reminder DMs lose their vote buttons when the ballot closes; an old click is refused with the dates; R74 confirms a vote', async () => {
    await type('sam', '2026-12-01T12:00', 'ballot open MP001 sufficiency');
    const first = await buttons(card('ballot:1:sufficiency-1'));
    // R34: the reminder one Working Day before the close goes to each voter, with the vote buttons.
    bot.clock.now = london('2026-12-07T17:30');
    await bot.engine.runDue(bot.clock.now);
    await deliver();
    const reminders = shown().filter((m) => m.text.startsWith('You have not voted'));
    expect(reminders.length).toBeGreaterThanOrEqual(BOARD.length);
    for (const m of reminders) expect(hasButtons(m)).toBe(true);
    // R74 on Slack: the ephemeral says what was recorded and until when it can be changed.
    expect(
      await click(
        'cb2',
        '2026-12-08T09:00',
        one(first, (v) => v.option === 'more-work'),
      ),
    ).toBe(
      "Your vote: More work needed on the Change Board's sufficiency ballot for MP001; you can change it until the ballot closes (at the latest Tue 8 Dec 2026, 17:00).",
    );
    // SECAS closes it with that one vote: it fails (more work), so a second sufficiency ballot follows.
    await type('sam', '2026-12-08T10:00', 'ballot close MP001');
    await deliver();
    // R75: each reminder DM is the same message, edited in place, without buttons, saying why.
    for (const r of reminders) {
      const now = shown().find((m) => m.channel === r.channel && m.ts === r.ts) as FakeMessage;
      expect(now.edits, r.channel).toBeGreaterThan(0);
      expect(hasButtons(now), r.channel).toBe(false);
      expect(JSON.stringify(now.blocks)).toContain('This ballot closed on Tue 8 Dec 2026, 10:00: Failed');
    }
    await type('sam', '2026-12-09T10:00', 'step MP001 draft-report done');
    await type('sam', '2026-12-09T10:05', 'ballot open MP001 sufficiency');
    // The old card's button, clicked after the second ballot opened: refused, never counted there.
    const said = await click(
      'cb1',
      '2026-12-09T11:00',
      one(first, (v) => v.option === 'sufficient'),
    );
    expect(said).toBe(
      "The Change Board's sufficiency ballot for MP001 of Tue 1 Dec 2026 closed on Tue 8 Dec 2026, 10:00; your vote was not counted. A new one, opened Wed 9 Dec 2026, 10:05, is open until Wed 16 Dec 2026, 17:00: vote there with its buttons or /sec vote MP001 sufficient|more-work.",
    );
    expect((await votes()).filter((v) => v.ballot_id === 'sufficiency-2')).toEqual([]);
    // The new card's button counts in the new ballot.
    const second = await buttons(card('ballot:1:sufficiency-2'));
    await click(
      'cb1',
      '2026-12-09T11:05',
      one(second, (v) => v.option === 'sufficient'),
    );
    expect((await votes()).filter((v) => v.ballot_id === 'sufficiency-2')).toEqual([
      { ballot_id: 'sufficiency-2', voter: id('cb1'), option: 'sufficient' },
    ]);
  });

  it('R40 R75: a confirmed poll retires every poll DM; an old poll button records nothing in a new poll', async () => {
    await type('sam', '2026-12-09T12:00', 'meeting propose MP001 2026-12-15T10:00 2026-12-16T14:00');
    const poll = await buttons(
      (n) => n.to.kind === 'person' && n.to.person === id('bob') && card('meeting-poll:')(n),
    );
    await deliver();
    const polls = shown().filter((m) => m.text.startsWith('SECAS proposes these times'));
    expect(polls).toHaveLength(6);
    for (const m of polls) expect(hasButtons(m)).toBe(true);
    expect(
      await click(
        'bob',
        '2026-12-09T12:10',
        one(poll, (v) => v.slot === 2 && v.yes === true),
      ),
    ).toBe(
      'Your answer: you can attend slot 2 (Wed 16 Dec 2026, 14:00) of the MP001 Working Group meeting poll; you can change it until SECAS confirms the time.',
    );
    await type('sam', '2026-12-09T13:00', 'meeting confirm MP001 2');
    await deliver();
    for (const p of polls) {
      const now = shown().find((m) => m.channel === p.channel && m.ts === p.ts) as FakeMessage;
      expect(now.edits, p.channel).toBeGreaterThan(0);
      expect(hasButtons(now), p.channel).toBe(false);
      expect(JSON.stringify(now.blocks)).toContain('SECAS confirmed Wed 16 Dec 2026, 14:00.');
    }
    // A new poll: the old poll's button is refused, and the new poll has no answer from it.
    await type('sam', '2026-12-09T14:00', 'meeting propose MP001 2026-12-17T10:00 2026-12-18T14:00');
    const said = await click(
      'cb1',
      '2026-12-09T14:05',
      one(poll, (v) => v.slot === 1 && v.yes === true),
    );
    expect(said).toBe(
      'The MP001 meeting poll is closed (SECAS confirmed Wed 16 Dec 2026, 14:00); your answer was not recorded.',
    );
    const m = (await bot.engine.modifications()).find((x) => x.number === 1);
    expect(m?.meetings.at(-1)?.availability).toEqual({});
  });
});
