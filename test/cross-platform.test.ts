// One ballot, voters on Slack and on Teams (R1, R33–R36): the real Bolt app
// and the real Teams app on one HTTP server and one engine, signed Slack clicks and Teams Action.Execute
// invokes over HTTP. cb1 is linked on both platforms and clicks on both; cb4 is imported with Slack only
// and is linked on Teams by the e-mail (UPN) the activity carries. Each person counts once, whichever
// platform they clicked on, and the closed tally is exact. On PGlite and on PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { count, eachDatabase, query } from './support/databases.ts';
import { PEOPLE, id, london } from './support/directory.ts';
import type { Button } from './support/slack-bot.ts';
import { eventually, one, outboxButtons } from './support/slack-bot.ts';
import { actionTs, blockActionsBody, post, sign } from './support/slack-requests.ts';
import { aad, executeInvoke, postActivity } from './support/teams-activities.ts';
import type { ExecuteButton, TeamsBot } from './support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from './support/teams-bot.ts';
import type { Notification } from '../src/app/notification.ts';
import { runSteps, toDecisionBallot } from './support/journeys.ts';

/** Slack user ids: U + handle. */
const U = (handle: string) => `U${handle.toUpperCase()}`;
const isBallot = (n: Notification) => n.card?.key.startsWith('ballot:') ?? false;

eachDatabase('one decision ballot voted on Slack and Teams', (h) => {
  let bot: TeamsBot;
  let slackButtons: Button[];
  let teamsButtons: ExecuteButton[];
  let ballotId: string;
  const now = london('2027-03-01T09:00');
  const events = () => count(h.store, 'events');
  const voteCasts = () =>
    count(h.store, 'events', `type = 'VoteCast' and payload->>'ballotId' = '${ballotId}'`);

  async function slackClick(handle: string, option: string, ts = actionTs()) {
    const b = one(slackButtons, (v) => v.option === option);
    const req = sign(
      blockActionsBody({ user: U(handle), actionId: b.actionId, value: b.value, actionTs: ts }),
    );
    const res = await post(bot.url, req);
    expect(res.status).toBe(200);
    return req;
  }
  async function teamsClick(handle: string, option: string, from: Record<string, unknown> = {}) {
    const b = pick(teamsButtons, (d) => d.option === option);
    const a = executeInvoke(bot.fake.url, handle, b);
    a.from = { ...(a.from as object), ...from };
    const res = await postActivity(bot.url, a);
    expect(res.status).toBe(200);
    return { activity: a, answer: invokeAnswer(res) };
  }
  const tally = async () =>
    query<{ voter: string; option: string }>(
      h.store,
      `select voter, option from votes where ballot_id = '${ballotId}' order by voter`,
    );

  beforeAll(async () => {
    bot = await startTeamsBot(h.store, { now, slack: true });
    // Everyone on Slack; everyone but cb4 also linked on Teams (cb4 will be linked by e-mail).
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({
        ...p,
        slack: U(p.handle ?? ''),
        ...(p.handle === 'cb4' ? {} : { teams: aad(p.handle ?? '') }),
      })),
      { source: 'test', now },
    );
    const steps = toDecisionBallot('Cross-platform');
    await runSteps(bot.engine, steps, now);
    slackButtons = await outboxButtons(h.store, isBallot);
    teamsButtons = await outboxExecuteButtons(h.store, isBallot);
    ballotId = String(slackButtons[0]?.v.ballot);
    // The same ballot's buttons on both platforms.
    expect(teamsButtons.map((b) => b.data.ballot)).toEqual(slackButtons.map((b) => b.v.ballot));
    expect(teamsButtons.map((b) => b.data.option)).toEqual(['approve', 'reject', 'abstain']);
  }, 60_000);
  afterAll(() => bot?.close());

  it('R1, R36: cb1 votes on Slack, then clicks the same option on Teams: one vote, the second write-free', async () => {
    await slackClick('cb1', 'approve');
    expect(await tally()).toEqual([{ voter: id('cb1'), option: 'approve' }]);
    const before = await events();
    const { answer } = await teamsClick('cb1', 'approve');
    expect(answer.kind).toBe('message');
    expect(answer.text).toMatch(/already/i);
    expect(await events()).toBe(before);
    expect(await voteCasts()).toBe(1);
  });

  it('R36: Slack retries and Teams re-sent invokes from other voters are each counted once', async () => {
    // cb2 on Slack: the same signed click five times at once, then a double click.
    const req = sign(
      blockActionsBody({
        user: U('cb2'),
        actionId: one(slackButtons, (v) => v.option === 'approve').actionId,
        value: one(slackButtons, (v) => v.option === 'approve').value,
        actionTs: actionTs(),
      }),
    );
    const storm = await Promise.all([1, 2, 3, 4, 5].map(() => post(bot.url, req)));
    expect(storm.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await slackClick('cb2', 'approve');
    await slackClick('cb3', 'reject');
    // cb5 on Teams: the same invoke three times at once (Teams retries on a slow answer).
    const b = pick(teamsButtons, (d) => d.option === 'abstain');
    const invoke = executeInvoke(bot.fake.url, 'cb5', b);
    const resent = await Promise.all([1, 2, 3].map(() => postActivity(bot.url, invoke)));
    expect(resent.map((r) => r.status)).toEqual([200, 200, 200]);
    // R36: each delivery of the one invoke is answered alike, with the refreshed card.
    expect(resent.map(invokeAnswer).filter((x) => x.kind === 'card')).toHaveLength(3);
    expect(new Set(resent.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await voteCasts()).toBe(4);
    expect(await tally()).toEqual([
      { voter: id('cb1'), option: 'approve' },
      { voter: id('cb2'), option: 'approve' },
      { voter: id('cb3'), option: 'reject' },
      { voter: id('cb5'), option: 'abstain' },
    ]);
  });

  it('R1, R33: cb1 changes their vote on Teams; the latest counts and they are still one voter', async () => {
    const { answer } = await teamsClick('cb1', 'reject');
    expect(answer.kind, answer.text).toBe('card');
    expect(answer.text).toContain('4 of 5 voted');
    expect(await tally()).toContainEqual({ voter: id('cb1'), option: 'reject' });
    expect((await tally()).filter((r) => r.voter === id('cb1'))).toHaveLength(1);
    // Slack shows the same: cb1 clicking reject there now is already recorded.
    const before = await events();
    await slackClick('cb1', 'reject');
    await eventually(() =>
      bot.slackFake?.ephemerals.find((e) => e.user === U('cb1') && /already/i.test(e.text)),
    );
    expect(await events()).toBe(before);
  });

  it('R1, R34, R35: cb4, linked on Teams by e-mail, casts the last vote; the ballot closes with the exact tally', async () => {
    const before = await count(h.store, 'identities');
    const { answer } = await teamsClick('cb4', 'approve', { userPrincipalName: 'CB4@example.org' });
    expect(answer.kind, answer.text).toBe('card');
    // R35: the answer is the closed card, with the outcome and no buttons left.
    expect(answer.text).toContain('The ballot is closed');
    expect(answer.text).toContain('Failed');
    // No buttons: its one Action.Execute is the refresh that draws it per reader (R74).
    expect(answer.text).not.toContain('ActionSet');
    expect(answer.text.match(/Action\.Execute/g)).toHaveLength(1);
    expect(await count(h.store, 'identities')).toBe(before + 1);
    // Now linked: their Slack click is the same person, already voted (and the ballot is closed).
    const cast = await voteCasts();
    await slackClick('cb4', 'reject');
    await eventually(() => bot.slackFake?.ephemerals.find((e) => e.user === U('cb4')));
    expect(await voteCasts()).toBe(cast);

    expect(await tally()).toEqual([
      { voter: id('cb1'), option: 'reject' },
      { voter: id('cb2'), option: 'approve' },
      { voter: id('cb3'), option: 'reject' },
      { voter: id('cb4'), option: 'approve' },
      { voter: id('cb5'), option: 'abstain' },
    ]);
    const ballot = (await bot.engine.modifications())[0]?.ballots.find((b) => b.id === ballotId);
    expect(ballot?.status).toBe('closed');
    // 2 for, 2 against, 1 abstention: a tie fails (R35). Counting cb1 twice would have passed it.
    expect(ballot?.tallies?.[0]).toMatchObject({
      counts: { approve: 2, reject: 2, abstain: 1 },
      for: 2,
      against: 2,
      voted: 5,
      eligible: 5,
      passed: false,
    });
    expect(ballot?.passed).toBe(false);
    // One VoteCast per click that counted: cb1 twice (approve, then the change), the other four once.
    expect(await voteCasts()).toBe(6);
    expect(await count(h.store, 'events', `type = 'BallotClosed'`)).toBe(1);
  });
});
