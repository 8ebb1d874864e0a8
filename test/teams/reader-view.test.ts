// R74 on Teams: a ballot card in a channel is drawn per reader. The card carries a `refresh` action,
// so each member's Teams asks the bot for their own version as they open it and whenever the outbox
// updates it; the clicker's "Your vote: …" line then survives the update everyone gets about a second
// later (before, the update put the plain card back in its place). The refresh is a read: nothing is
// written. A stranger is told they are not registered (R66); a key the bot never made is out of date.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { renderCard } from '../../adapters/teams/render/card.ts';
import { count, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import { aad, executeInvoke } from '../support/teams-activities.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from '../support/teams-bot.ts';

const db = slackDatabase();
const KEY = 'ballot:1:fasttrack-1';

describe(`Teams: the ballot card drawn for each reader, on ${db.name}`, () => {
  let bot: TeamsBot;

  async function type(handle: string, when: string, text: string): Promise<void> {
    bot.clock.now = london(when);
    const r = await bot.engine.ask(text, id(handle), bot.clock.now, { platform: 'cli' });
    if (!r.ok) throw new Error(`${handle} "${text}" was refused: ${r.reply}`);
  }
  const newest = async (key: string): Promise<Notification> => {
    const rows = await query<{ payload: Notification }>(
      await db.store(),
      'select payload from outbox order by id desc',
    );
    const n = rows.map((r) => r.payload).find((p) => p.card?.key === key);
    if (!n) throw new Error(`no ${key} card in the outbox`);
    return n;
  };
  /** A refresh invoke as Teams sends it when `handle` opens the card (or picks Refresh from its menu). */
  const refresh = (handle: string, data: Record<string, unknown>, trigger = 'automatic') => {
    const a = executeInvoke(bot.fake.url, handle, { verb: 'refresh', data });
    return bot.post({ ...a, value: { ...(a.value as object), trigger } });
  };
  const events = async () => count(await db.store(), 'events');

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now: london('2026-12-01T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
    await type('alice', '2026-12-01T09:30', 'raise title="Faster switching" problem="Too slow" fasttrack');
    await type('chair', '2026-12-01T10:00', 'panel fasttrack DP001');
  }, 60_000);
  afterAll(() => bot?.close());

  it('the channel card carries a refresh for every reader (no user list), and a card the same for all does not', async () => {
    const card = renderCard((await newest(KEY)).card!);
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: 'refresh',
        data: { action: 'refresh', card: KEY },
      },
    });
    const rows = await query<{ payload: Notification }>(await db.store(), 'select payload from outbox');
    const others = rows.flatMap((r) =>
      r.payload.card && r.payload.card.key !== KEY ? [r.payload.card] : [],
    );
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) expect(renderCard(c).refresh, c.key).toBeUndefined();
  });

  it('the clicker’s line comes back on refresh, after the update; another member sees what they have not done', async () => {
    const approve = pick(
      await outboxExecuteButtons(await db.store(), (n) => n.card?.key === KEY),
      (d) => d.option === 'approve',
    );
    bot.clock.now = london('2026-12-01T10:30');
    const clicked = invokeAnswer(await bot.click('pm1', approve, randomUUID()));
    expect(clicked.kind).toBe('card');
    // The click's own answer keeps the refresh, so the card stays drawn per reader after it.
    expect(clicked.text).toContain('"verb":"refresh"');
    const written = await events();
    bot.clock.now = london('2026-12-01T10:31');
    const mine = invokeAnswer(await refresh('pm1', { action: 'refresh', card: KEY }));
    expect(mine.kind).toBe('card');
    expect(mine.text).toContain(
      "Your vote: Approve on the Panel's Fast Track ballot for DP001; you can change it until the chair closes the ballot.",
    );
    expect(mine.text).toContain('1 of 5 voted');
    const other = invokeAnswer(await refresh('pm2', { action: 'refresh', card: KEY }, 'manual'));
    expect(other.kind).toBe('card');
    expect(other.text).toContain(
      'You have not voted on this ballot yet. It is open until the Panel chair closes it.',
    );
    expect(other.text).not.toContain('Your vote');
    // Someone with no seat sees the card as everyone does.
    const proposer = invokeAnswer(await refresh('alice', { action: 'refresh', card: KEY }));
    expect(proposer.kind).toBe('card');
    expect(proposer.text).toContain('1 of 5 voted');
    expect(proposer.text).not.toContain('Your vote');
    expect(proposer.text).not.toContain('You have not voted');
    expect(await events()).toBe(written);
  });

  it('R66: a stranger is told they are not registered; a key the bot never made, or none, is out of date', async () => {
    const stranger = invokeAnswer(await refresh('stranger', { action: 'refresh', card: KEY }));
    expect(stranger).toEqual({ kind: 'message', text: 'You are not registered; ask an admin.' });
    for (const data of [
      { card: 'ballot:1:nope' },
      { card: 'ballot:9:fasttrack-1' },
      { card: 'status:1' },
      { card: 42 },
      {},
    ]) {
      const r = invokeAnswer(await refresh('pm1', data));
      expect(r.kind, JSON.stringify(data)).toBe('message');
      expect(r.text).toContain('That button is out of date; nothing was recorded.');
    }
  });
});
