// Duplicate storms (QUALITY.md reliability goal 1; R36, R46, R8): the real Bolt app and
// the real Teams app on one HTTP server and one engine on PostgreSQL, signed Slack clicks and Teams
// Action.Execute invokes over HTTP, all at once. 200 identical Slack deliveries, 50 Slack double
// clicks, a Teams invoke re-sent 200 times with one activity id, 50 Teams double clicks (a re-send
// with a new activity id) and 20 typed `sec vote` lines re-sent by Teams (50 times with one id, then
// with new ids): exactly one vote row per voter, one VoteCast event per real change (122), and
// after draining the outbox through the real deliverers (fanOut, as src/main.ts builds them), exactly
// one card update per real change at the fake Slack Web API and at the fake Bot Connector.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../../db/open.ts';
import { SUPERSEDED } from '../../db/outbox-store.ts';
import { auditVerify } from '../../src/app/hash.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import type { Command } from '../../src/domain/commands.ts';
import { count, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import type { Button } from '../support/slack-bot.ts';
import { eventually, one, outboxButtons } from '../support/slack-bot.ts';
import { actionTs, blockActionsBody, post, sign } from '../support/slack-requests.ts';
import { aad, executeInvoke, personalMessage, postActivity } from '../support/teams-activities.ts';
import type { ExecuteButton, TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from '../support/teams-bot.ts';
import { drainOutbox, loadDatabase, outboxStatuses, platformDeliverer } from './support-load.ts';
import { runSteps, toDecisionBallot } from '../support/journeys.ts';

const db = loadDatabase();
const U = (handle: string) => `U${handle.toUpperCase()}`;
const isBallot = (n: Notification) => n.card?.key.startsWith('ballot:') ?? false;
const SLACK_BOARD = 'C0BOARD';
const TEAMS_BOARD = '19:board@thread.tacv2';
/** 50 Slack voters and 50 Teams voters besides cb1 (Slack storm) and cb2 (Teams storm). */
const SLACK_VOTERS = Array.from({ length: 50 }, (_, i) => `sv${String(i + 1).padStart(2, '0')}`);
const TEAMS_VOTERS = Array.from({ length: 50 }, (_, i) => `tv${String(i + 1).padStart(2, '0')}`);
/** 20 Teams voters who type `sec vote` in their 1:1 chat, the message re-sent by Teams. */
const TYPED_VOTERS = Array.from({ length: 20 }, (_, i) => `ty${String(i + 1).padStart(2, '0')}`);
/** Seats: cb1–cb5 and the 100 voters, plus ten who never vote, so the ballot stays open. */
const IDLE = Array.from({ length: 10 }, (_, i) => `idle${i + 1}`);
const SEATS = 5 + SLACK_VOTERS.length + TEAMS_VOTERS.length + TYPED_VOTERS.length + IDLE.length;
/** Real changes: cb1, cb2, the Slack and Teams double-clickers and the typists, one vote each. */
const CHANGES = 2 + SLACK_VOTERS.length + TEAMS_VOTERS.length + TYPED_VOTERS.length;

describe('duplicate storms on Slack and Teams, one ballot, PostgreSQL', () => {
  let store: OpenStore;
  let bot: TeamsBot;
  let deliverer: Deliverer;
  let slackButtons: Button[];
  let teamsButtons: ExecuteButton[];
  let ballotId: string;
  const now = london('2027-03-01T09:00');
  const voteCasts = () =>
    count(store, 'events', `type = 'VoteCast' and payload->>'ballotId' = '${ballotId}'`);
  const voteRows = () => count(store, 'votes', `ballot_id = '${ballotId}'`);
  const votesOf = (handles: readonly string[]) =>
    count(
      store,
      'votes',
      `ballot_id = '${ballotId}' and voter in (${handles.map((h) => `'${id(h)}'`).join(',')})`,
    );
  /** The outbox drained by one deliverDue loop: versions of the card go out in order, none skipped. */
  const drain = () =>
    drainOutbox(store, deliverer, { limit: 50, clock: () => new Date(now.getTime() + 86_400_000) });
  const slackButton = (option: string) => one(slackButtons, (v) => v.option === option);
  const slackClick = (handle: string, option: string, ts = actionTs()) =>
    sign(
      blockActionsBody({
        user: U(handle),
        actionId: slackButton(option).actionId,
        value: slackButton(option).value,
        actionTs: ts,
        channel: SLACK_BOARD,
      }),
    );
  const teamsInvoke = (handle: string, option: string, activityId = randomUUID()) =>
    executeInvoke(
      bot.fake.url,
      handle,
      pick(teamsButtons, (d) => d.option === option),
      activityId,
    );
  /** The card's message on each platform, as fanOut recorded it. */
  const cardAt = async (platform: string) => {
    const rows = await query<{ channel: string; ts: string }>(
      store,
      `select distinct channel, ts from platform_messages where platform = '${platform}' and card_key like 'ballot:%'`,
    );
    expect(rows).toHaveLength(1);
    return rows[0] as { channel: string; ts: string };
  };
  const slackUpdates = (ts: string) =>
    bot.slackFake?.calls.filter((c) => c.method === 'chat.update' && c.body.ts === ts && c.status === 200) ??
    [];
  const slackPosts = (channel: string) =>
    bot.slackFake?.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel) ?? [];

  beforeAll(async () => {
    store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now, slack: true });
    const extra = [...SLACK_VOTERS, ...TEAMS_VOTERS, ...TYPED_VOTERS, ...IDLE].map((handle) => ({
      email: `${handle}@example.org`,
      name: handle.toUpperCase(),
      handle,
      roles: ['change_board' as const],
      group: 'suppliers',
    }));
    await bot.engine.importPeople(
      [...PEOPLE, ...extra].map((p) => ({ ...p, slack: U(p.handle ?? ''), teams: aad(p.handle ?? '') })),
      { source: 'test', now },
    );
    const steps: [string, Command][] = [
      ['ada', { type: 'admin-channel', channel: 'change-board', platform: 'slack', channelId: SLACK_BOARD }],
      ['ada', { type: 'admin-channel', channel: 'change-board', platform: 'teams', channelId: TEAMS_BOARD }],
      ['ada', { type: 'admin-channel', channel: 'panel', platform: 'slack', channelId: 'C0PANEL' }],
      [
        'ada',
        { type: 'admin-channel', channel: 'panel', platform: 'teams', channelId: '19:panel@thread.tacv2' },
      ],
      ['ada', { type: 'admin-channel', channel: 'announcements', platform: 'slack', channelId: 'C0ANN' }],
      [
        'ada',
        {
          type: 'admin-channel',
          channel: 'announcements',
          platform: 'teams',
          channelId: '19:ann@thread.tacv2',
        },
      ],
      ...toDecisionBallot('Storms'),
    ];
    await runSteps(bot.engine, steps, now);
    slackButtons = await outboxButtons(store, isBallot);
    teamsButtons = await outboxExecuteButtons(store, isBallot);
    ballotId = String(slackButtons[0]?.v.ballot);
    const fake = bot.slackFake;
    if (!fake) throw new Error('the Slack app is not running');
    // The real deliverers, unpaced here (rates are platform-faults.test.ts's subject).
    deliverer = platformDeliverer(store, {
      slackApiUrl: fake.url,
      teamsServiceUrl: bot.fake.url,
      slackPacer: { intervalMs: 0 },
      teamsPacer: { intervalMs: 0 },
    });
    // Everything the set-up said is delivered first: the ballot card is then shown once on each platform.
    const first = await drain();
    expect(first.failed + first.unknown).toBe(0);
    expect(await outboxStatuses(store)).toEqual({ sent: expect.any(Number) });
  }, 120_000);
  afterAll(() => bot?.close());

  it('R36, R8: 200 identical signed Slack deliveries of one click at once: one vote row, one VoteCast, one private reply', async () => {
    const before = await count(store, 'events');
    const req = slackClick('cb1', 'approve');
    // Some copies carry Slack's retry headers, as its redeliveries do; the body and signature are the same.
    const retry = (i: number): Record<string, string> =>
      i % 4 ? { 'x-slack-retry-num': String(i % 4), 'x-slack-retry-reason': 'http_timeout' } : {};
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => post(bot.url, req, retry(i))));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(200);
    expect(await voteCasts()).toBe(1);
    expect(await voteRows()).toBe(1);
    expect(await count(store, 'events')).toBe(before + 1);
    expect(await count(store, 'deliveries', `delivery_id like 'slack:${U('cb1')}:%'`)).toBe(1);
    // The first delivery is answered privately; its 199 repeats were answered the first time.
    await eventually(() => bot.slackFake?.ephemerals.filter((e) => e.user === U('cb1')).length === 1);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(bot.slackFake?.ephemerals.filter((e) => e.user === U('cb1'))).toHaveLength(1);
  });

  it('R36: 50 Slack voters double-click (distinct action_ts, same option), all 100 clicks at once: 50 votes, 50 VoteCast', async () => {
    const before = await voteCasts();
    const clicks = SLACK_VOTERS.flatMap((h, i) => {
      const option = ['approve', 'reject', 'abstain'][i % 3] as string;
      return [slackClick(h, option), slackClick(h, option)];
    });
    const answers = await Promise.all(clicks.map((c) => post(bot.url, c)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(100);
    expect((await voteCasts()) - before).toBe(50);
    expect(await votesOf(SLACK_VOTERS)).toBe(50);
    expect(await voteRows()).toBe(51);
    // Both clicks are distinct deliveries (both recorded); the second finds the vote already there.
    expect(await count(store, 'deliveries', `delivery_id like 'slack:USV%'`)).toBe(100);
    const replies = await eventually(() => {
      const r = bot.slackFake?.ephemerals.filter((e) => e.user.startsWith('USV')) ?? [];
      return r.length === 100 && r;
    }, 10_000);
    expect(replies.filter((e) => /already/i.test(e.text))).toHaveLength(50);
  });

  it('R36, R8: a Teams invoke re-sent 200 times with the same activity id at once: one vote, one VoteCast, the same refreshed card for each', async () => {
    const before = await voteCasts();
    const invoke = teamsInvoke('cb2', 'reject');
    const answers = await Promise.all(Array.from({ length: 200 }, () => postActivity(bot.url, invoke)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(200);
    const kinds = answers.map(invokeAnswer);
    // Every delivery gets the first one's answer, the refreshed card (R36), written once.
    expect(kinds.filter((k) => k.kind === 'card')).toHaveLength(200);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await voteCasts()) - before).toBe(1);
    expect(await votesOf(['cb2'])).toBe(1);
    expect(await count(store, 'deliveries', `delivery_id = 'teams:invoke:${String(invoke.id)}'`)).toBe(1);
  });

  it('R36: 50 Teams voters double-click (a re-send with a new activity id), all at once: 50 votes, 50 VoteCast', async () => {
    const before = await voteCasts();
    const invokes = TEAMS_VOTERS.flatMap((h, i) => {
      const option = ['approve', 'reject', 'abstain'][i % 3] as string;
      return [teamsInvoke(h, option), teamsInvoke(h, option)];
    });
    const answers = await Promise.all(invokes.map((a) => postActivity(bot.url, a)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(100);
    const kinds = answers.map(invokeAnswer);
    // Per voter: one click changed the ballot (the refreshed card), the other found it already recorded.
    expect(kinds.filter((k) => k.kind === 'card')).toHaveLength(50);
    expect(kinds.filter((k) => k.kind === 'message' && /already/i.test(k.text))).toHaveLength(50);
    for (let i = 0; i < TEAMS_VOTERS.length; i++)
      expect(new Set([kinds[2 * i]?.kind, kinds[2 * i + 1]?.kind])).toEqual(new Set(['card', 'message']));
    expect((await voteCasts()) - before).toBe(50);
    expect(await votesOf(TEAMS_VOTERS)).toBe(50);
    expect(await voteRows()).toBe(102);
  });

  it('R36: a typed `sec vote` re-sent by Teams 50 times with one activity id, then again with new ids (the 15 s turn re-sent): 20 votes, 20 VoteCast', async () => {
    const before = await voteCasts();
    const line = (h: string) =>
      personalMessage(bot.fake.url, h, `sec vote ${String(slackButton('approve').v.ref)} approve`);
    const [first, ...rest] = TYPED_VOTERS;
    // One message delivered 50 times with the same id, all at once.
    const same = line(String(first));
    const storm = await Promise.all(Array.from({ length: 50 }, () => postActivity(bot.url, same)));
    expect(storm.filter((a) => a.status === 200)).toHaveLength(50);
    expect(await count(store, 'deliveries', `delivery_id = 'teams:${String(same.id)}'`)).toBe(1);
    // The others: each line twice at once, with two activity ids.
    const twice = await Promise.all(
      rest.flatMap((h) => [line(h), line(h)]).map((a) => postActivity(bot.url, a)),
    );
    expect(twice.filter((a) => a.status === 200)).toHaveLength(2 * rest.length);
    // And the first typist's line re-sent with a new id after it was answered.
    expect((await postActivity(bot.url, line(String(first)))).status).toBe(200);
    expect((await voteCasts()) - before).toBe(TYPED_VOTERS.length);
    expect(await votesOf(TYPED_VOTERS)).toBe(TYPED_VOTERS.length);
    expect(await voteRows()).toBe(CHANGES);
  });

  it('R46, R36: after the storms, the outbox holds one ballot card version per real change; the newest reaches Slack and Teams in place, the older ones are superseded, never an extra update', async () => {
    const changes = await voteCasts();
    expect(changes).toBe(CHANGES);
    const slackCard = await cardAt('slack');
    const teamsCard = await cardAt('teams');
    const slackBefore = slackUpdates(slackCard.ts).length;
    const slackPostsBefore = slackPosts(SLACK_BOARD).length;
    const teamsBefore = bot.fake.updated.filter((u) => u.id === teamsCard.ts).length;
    const teamsSendsBefore = bot.fake.sent.filter((s) => s.conversation === TEAMS_BOARD).length;
    // One outbox row per VoteCast for the card (each with its own key), pending.
    const pendingCards = await count(
      store,
      'outbox',
      `status = 'pending' and key like '%:change-board:ballot:%'`,
    );
    expect(pendingCards).toBe(changes);

    const r = await drain();
    expect(r.failed + r.unknown).toBe(0);
    expect(await outboxStatuses(store)).toEqual({ sent: expect.any(Number) });
    // At most one update per real change, in place, on each platform (fewer: a version claimed after a
    // newer one exists is settled unsent, db/outbox-store.ts claimOutbox); nothing posted anew.
    const slackMade = slackUpdates(slackCard.ts).length - slackBefore;
    const teamsMade = bot.fake.updated.filter((u) => u.id === teamsCard.ts).length - teamsBefore;
    const superseded = await count(store, 'outbox', `last_error = '${SUPERSEDED}'`);
    expect(slackMade).toBeGreaterThanOrEqual(1);
    expect(teamsMade).toBeGreaterThanOrEqual(1);
    expect(slackMade).toBeLessThanOrEqual(changes);
    expect(teamsMade).toBe(slackMade);
    // Every version is accounted for: shown (one update each) or superseded.
    expect(slackMade + superseded).toBeGreaterThanOrEqual(changes);
    expect(slackPosts(SLACK_BOARD).length - slackPostsBefore).toBe(0);
    expect(bot.fake.sent.filter((s) => s.conversation === TEAMS_BOARD).length - teamsSendsBefore).toBe(0);
    // The shown card is the newest version: every real change counted, once.
    const progress = `${CHANGES} of ${SEATS} voted`;
    const shown = bot.slackFake?.messages.get(SLACK_BOARD)?.find((m) => m.ts === slackCard.ts);
    expect(JSON.stringify(shown?.blocks)).toContain(progress);
    const lastTeams = bot.fake.updated.filter((u) => u.id === teamsCard.ts).at(-1);
    expect(JSON.stringify(lastTeams?.body)).toContain(progress);
    // Every delivery is recorded once per platform: 2 rows per outbox row.
    const sent = await count(store, 'outbox', `status = 'sent'`);
    expect(await count(store, 'platform_messages')).toBeLessThanOrEqual(2 * sent);
    expect(await count(store, 'platform_messages', `card_key like 'ballot:%'`)).toBe(2 * (slackMade + 1));
    const audit = await auditVerify(store);
    expect(audit.ok, JSON.stringify(audit)).toBe(true);
  });
});
