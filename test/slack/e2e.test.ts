// The whole process through Slack ("How to test it"): the real Bolt app over HTTP, signed
// slash commands, button clicks and modal submissions, the Web API on the local fake, PostgreSQL.
// Buttons are taken from the cards the core put in the outbox, rendered as Slack would show them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import { count, query } from '../support/databases.ts';
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
import type { Answer } from '../support/slack-requests.ts';
import { actionTs, blockActionsBody, post, sign } from '../support/slack-requests.ts';

const db = slackDatabase();
/** Every person's Slack id: U + handle, linked at import (R1). */
const U = slackUser;
const CB = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'];
const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

describe(`the process through Slack on ${db.name}`, () => {
  let bot: SlackBot;
  const events = async () => count(await db.store(), 'events');

  /** `/sec <text>` by `handle` at London time `when`; it must be accepted (it writes events). */
  async function sec(handle: string, when: string, text: string, channel?: string): Promise<string> {
    bot.clock.now = london(when);
    const before = await events();
    const res = await bot.command(U(handle), text, channel);
    const reply = String(res.json?.text ?? '');
    expect(await events(), `${handle}: ${text} → ${reply}`).toBeGreaterThan(before);
    return reply;
  }

  const buttons = async (match: (n: Notification) => boolean) => outboxButtons(await db.store(), match);
  const toChannel = (channel: string) => (n: Notification) =>
    n.to.kind === 'channel' && n.to.channel === channel;
  const toPerson = (handle: string, key: string) => (n: Notification) =>
    n.to.kind === 'person' && n.to.person === id(handle) && (n.card?.key.startsWith(key) ?? false);
  async function click(handle: string, when: string, b: Button, ts = actionTs()) {
    bot.clock.now = london(when);
    const res = await bot.click({ user: U(handle), actionId: b.actionId, value: b.value, actionTs: ts });
    expect(res.status).toBe(200);
    return res;
  }

  /** A button that opens a form: the modal opens on the trigger_id, then is submitted with `answers`. */
  async function clickAndSubmit(handle: string, when: string, b: Button, answers: Record<string, Answer>) {
    const opened = bot.fake.calls.filter((c) => c.method === 'views.open').length;
    await click(handle, when, b);
    expect(bot.fake.calls.filter((c) => c.method === 'views.open').length).toBe(opened + 1);
    const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
    const before = await events();
    const res = await bot.submit({ user: U(handle), view, answers });
    expect(res.text, JSON.stringify(res.json)).toBe('');
    expect(await events()).toBeGreaterThan(before);
  }
  const mod = async (n: number) => (await bot.engine.modifications()).find((m) => m.number === n);

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store());
    await sec('ada', '2027-01-04T09:00', 'admin channel change-board', 'C0BOARD');
    await sec('ada', '2027-01-04T09:01', 'admin channel panel', 'C0PANEL');
    await sec('ada', '2027-01-04T09:02', 'admin channel announcements', 'C0ANNOUNCE');
  }, 60_000);
  afterAll(() => bot?.close());

  it('R5, R10–R12: a DP raised with /sec, its IAR through the form, views given with the button and modal', async () => {
    const raised = await sec(
      'alice',
      '2027-01-11T09:00',
      'raise title="Faster switching" problem="Switching takes too long" solution="Shorten it"',
    );
    expect(raised).toMatch(/DP001/);
    // IAR through its form: `/sec iar DP001` opens it about DP001; the answers go back as its twin.
    bot.clock.now = london('2027-01-12T10:00');
    expect((await bot.command(U('sam'), 'iar DP001')).text).toBe('');
    const iar = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(iar.callback_id).toBe('sec:form:iar');
    const ok = await bot.submit({
      user: U('sam'),
      view: iar,
      answers: { impacts: 'Suppliers and the DCC', route: 'refinement' },
    });
    expect(ok.text).toBe('');
    expect((await mod(1))?.iar).toMatchObject({ impacts: 'Suppliers and the DCC', route: 'refinement' });
    await sec('sam', '2027-01-12T10:05', 'views open DP001');
    const give = one(await buttons(toChannel('change-board')), () => true);
    const stances = ['support', 'support', 'concerns', 'support', 'oppose'];
    for (const [i, cb] of CB.entries()) {
      await clickAndSubmit(cb, `2027-01-13T0${i}:30`, give, {
        stance: stances[i] as string,
        rationale: `Because ${cb}`,
      });
    }
    const views = await query<{ n: number | string }>(
      await db.store(),
      `select count(*) as n from events where type = 'ViewGiven'`,
    );
    expect(Number(views[0]?.n)).toBe(5);
    await sec('sam', '2027-01-14T09:00', 'views close DP001');
  });

  it('R16: the Panel routes it to Refinement; a meeting is proposed, slots picked and attendance confirmed with buttons', async () => {
    await sec('chair', '2027-01-21T10:00', 'panel route DP001 refinement authority');
    expect((await mod(1))?.isMP).toBe(true);
    await sec('sam', '2027-01-22T10:00', 'wg form MP001 bob cb1 cb2 cb3');
    await sec('sam', '2027-01-22T11:00', 'meeting propose MP001 2027-01-26T10:00 2027-01-27T14:00');
    for (const h of ['bob', 'cb1', 'cb2', 'cb3']) {
      const poll = await buttons(toPerson(h, 'meeting-poll:1:'));
      await click(
        h,
        '2027-01-22T12:00',
        one(poll, (v) => v.slot === (h === 'cb3' ? 2 : 1) && v.yes === true),
      );
    }
    const meeting = (await mod(1))?.meetings.at(-1);
    expect(Object.keys(meeting?.availability ?? {}).sort()).toEqual([
      id('bob'),
      id('cb1'),
      id('cb2'),
      id('cb3'),
    ]);
    await sec('sam', '2027-01-22T15:00', 'meeting confirm MP001 1');
    for (const h of ['bob', 'cb1', 'cb2']) {
      await click(
        h,
        '2027-01-23T09:00',
        one(await buttons(toPerson(h, 'meeting:1:')), (v) => v.yes === true),
      );
    }
    await click(
      'cb3',
      '2027-01-23T09:00',
      one(await buttons(toPerson('cb3', 'meeting:1:')), (v) => v.yes === false),
    );
    expect((await mod(1))?.meetings.at(-1)?.attendance).toEqual({
      [id('bob')]: true,
      [id('cb1')]: true,
      [id('cb2')]: true,
      [id('cb3')]: false,
    });
    await eventually(() => bot.fake.ephemerals.some((e) => e.user === U('cb3')));
  });

  it('R33–R36: a Change Board decision ballot voted with buttons, duplicates and double clicks → one vote each, closed', async () => {
    for (const [w, step] of [
      ['25T10:00', 'requirements done'],
      ['25T10:05', 'dcc-pa na no DCC change'],
      ['26T10:00', 'legal-text done'],
      ['27T10:00', 'benefits done'],
    ])
      await sec('sam', `2027-01-${w}`, `step MP001 ${step}`);
    await sec('sam', '2027-01-28T10:00', 'consult open MP001');
    await clickAndSubmit(
      'bob',
      '2027-02-03T14:00',
      one(await buttons((n) => n.card?.key.includes('consult') ?? false), () => true),
      {
        org: 'Bob Energy',
        S0: 'support',
      },
    );
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
        one(sufficiency, (v) => v.option === (cb === 'cb4' ? 'more-work' : 'sufficient')),
      );
    await sec('chair', '2027-02-25T10:00', 'panel approve-report MP001');
    await sec('sam', '2027-02-25T10:30', 'consult open MP001');
    await bot.engine.runDue(london('2027-03-18T17:00'));
    await sec('sam', '2027-03-19T10:00', 'ballot open MP001 decision');

    const ballot = await buttons(toChannel('change-board'));
    const ballotId = String(ballot[0]?.v.ballot);
    const votesBefore = await events();
    bot.clock.now = london('2027-03-19T11:00');
    for (const [i, cb] of CB.entries()) {
      const b = one(ballot, (v) => v.option === (cb === 'cb4' ? 'reject' : 'approve'));
      // The same signed click delivered five times at once (Slack retries, a replaying proxy)…
      const req = sign(
        blockActionsBody({ user: U(cb), actionId: b.actionId, value: b.value, actionTs: actionTs() }),
      );
      const storm = await Promise.all([1, 2, 3, 4, 5].map(() => post(bot.url, req)));
      expect(storm.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      // …then a double click: a new action_ts, the same option.
      await click(cb, '2027-03-19T11:00', b);
      if (i < CB.length - 1)
        await eventually(() =>
          bot.fake.ephemerals.find((e) => e.user === U(cb) && /already recorded/.test(e.text)),
        );
    }
    const rows = await query<{ voter: string; option: string }>(
      await db.store(),
      `select voter, option from votes where ballot_id = '${ballotId}' order by voter`,
    );
    expect(rows).toEqual(CB.map((cb) => ({ voter: id(cb), option: cb === 'cb4' ? 'reject' : 'approve' })));
    const cast = await query<{ n: number | string }>(
      await db.store(),
      `select count(*) as n from events where type = 'VoteCast' and payload->>'ballotId' = '${ballotId}'`,
    );
    expect(Number(cast[0]?.n)).toBe(5);
    const closed = (await mod(1))?.ballots.find((b) => b.id === ballotId);
    expect(closed).toMatchObject({ status: 'closed', passed: true });
    // Five clicks wrote (the fifth also closed the ballot); the 20 repeats and 5 double clicks nothing.
    const written = await query<{ delivery_id: string | null; type: string }>(
      await db.store(),
      `select delivery_id, type from events order by id offset ${votesBefore}`,
    );
    expect(new Set(written.map((r) => r.delivery_id)).size).toBe(5);
    expect(written.filter((r) => r.type === 'VoteCast')).toHaveLength(5);
    expect(written.map((r) => r.type)).toContain('BallotClosed');
  });

  it('R21–R26: a Fast Track approved unanimously by the Panel with buttons; the window closes with no objection', async () => {
    const raised = await sec(
      'chair',
      '2027-04-05T09:00',
      'panel raise-fasttrack title="Rename the TSC" problem="It was renamed"',
    );
    const ref = /DP\d{3}/.exec(raised)?.[0] as string;
    await sec('chair', '2027-04-05T09:05', `panel fasttrack ${ref} implement=2027-06-24`);
    const ballot = await buttons(toChannel('panel'));
    for (const h of PANEL)
      await click(
        h,
        '2027-04-06T10:00',
        one(ballot, (v) => v.ref === ref && v.option === 'approve'),
      );
    await sec('chair', '2027-04-06T10:30', `ballot close ${ref}`);
    await bot.engine.runDue(london('2027-05-10T09:00'));
    const m = (await bot.engine.modifications()).find((x) => x.title === 'Rename the TSC');
    expect(m?.status).toBe('approved');
  });

  it('R24: a Fast Track objected to with the Object button and its reason form', async () => {
    const raised = await sec(
      'alice',
      '2027-05-10T09:00',
      'raise title="Fix cross-references" problem="D3.4 points nowhere" fasttrack',
    );
    const ref = /DP\d{3}/.exec(raised)?.[0] as string;
    await sec('chair', '2027-05-13T10:00', `panel fasttrack ${ref} implement=2027-07-01`);
    const ballot = await buttons(toChannel('panel'));
    for (const h of PANEL)
      await click(
        h,
        '2027-05-13T10:05',
        one(ballot, (v) => v.ref === ref && v.option === 'approve'),
      );
    await sec('chair', '2027-05-13T10:30', `ballot close ${ref}`);
    const object = one(await buttons(toChannel('announcements')), (v) =>
      String(v.ref).endsWith(ref.slice(2)),
    );
    await clickAndSubmit('bob', '2027-05-20T15:00', object, { reason: 'We rely on the current wording' });
    const m = (await bot.engine.modifications()).find((x) => x.title === 'Fix cross-references');
    expect(m?.fastTrack?.objection).toEqual({ by: id('bob'), reason: 'We rely on the current wording' });
  });

  it('QUALITY.md injection: a title with <!channel>, a mention and a link reaches the channel as text', async () => {
    // Earlier messages are not under test here: only what this raise and views open send is delivered.
    await query(await db.store(), `update outbox set status = 'sent' where status = 'pending'`);
    // Slack sends a typed @channel as <!channel> and a typed "<" as &lt;: both must stay text.
    const title = 'Hey <!channel> &lt;!everyone&gt; <@UCB1> <http://evil.example|click>';
    const raised = await sec(
      'alice',
      '2027-06-01T09:00',
      `raise title="${title}" problem="[click](http://x)"`,
    );
    const ref = /DP\d{3}/.exec(raised)?.[0] as string;
    await sec('sam', '2027-06-01T09:30', `iar ${ref} impacts="None" route=refinement`);
    await sec('sam', '2027-06-01T10:00', `views open ${ref}`);
    const store = await db.store();
    const port = platformStore(store.db);
    const client = deliveryClient('xoxb-test-token', { apiUrl: bot.fake.url, timeoutMs: 2_000 });
    const fan = fanOut([slackDeliverer({ client, port, pacer: new Pacer({ intervalMs: 10 }) })], port);
    const posted = bot.fake.calls.length;
    await deliverDue(store, [fan], london('2027-06-01T10:01'));
    const posts = bot.fake.calls.slice(posted).filter((c) => c.method === 'chat.postMessage');
    const board = posts.filter((c) => c.body.channel === 'C0BOARD');
    expect(board.length).toBeGreaterThan(0);
    for (const c of posts) {
      const shown = JSON.stringify([c.body.text, c.body.blocks]);
      expect(shown).not.toMatch(/<!channel>|<!everyone>|<@UCB1>|<http/);
    }
    const card = JSON.stringify(board.map((c) => c.body.blocks));
    expect(card).toContain('&lt;!channel&gt;');
    expect(card).toContain('&lt;@UCB1&gt;');
  });
});
