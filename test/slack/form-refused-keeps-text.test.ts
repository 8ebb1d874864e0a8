// R45, R74: a form refused on submit closes (what refused it is not the person's to fix: the views
// closed while the modal was open), and the longer text the person wrote comes back under the refusal
// so it is not lost. Through the real Slack app on the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { eventually, slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';

const db = slackDatabase();
const U = slackUser;
const BOARD = 'C0BOARD';
const RATIONALE = 'It moves switching forward a week.\nThe costs fall on suppliers, who agree.';

describe(`a refused form gives back what was written, on ${db.name}`, () => {
  let bot: SlackBot;
  const as = async (handle: string, text: string) => {
    const r = await bot.engine.ask(text, id(handle), bot.clock.now);
    expect(r.ok, r.reply).toBe(true);
  };

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2026-12-01T09:00');
    await bot.command(U('ada'), 'admin channel change-board', BOARD);
    bot.clock.now = london('2026-12-01T09:30');
    await as('alice', 'raise title="T1" problem="P1"');
    await as('sam', 'iar DP001 impacts="Suppliers" route=refinement');
    await as('sam', 'views open DP001');
  }, 120_000);
  afterAll(() => bot?.close());

  it('the views close while the modal is open: the refusal, then the rationale and comments as written', async () => {
    const res = await bot.command(U('cb1'), 'view DP001', BOARD);
    expect(res.status).toBe(200);
    const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(view.callback_id).toBe('sec:form:view');
    await as('sam', 'views close DP001');
    const before = bot.fake.ephemerals.length;
    const sent = await bot.submit({
      user: U('cb1'),
      view,
      answers: { stance: 'support', rationale: RATIONALE, comments: 'Thanks.' },
    });
    expect(sent.status).toBe(200);
    expect(sent.text, 'the modal closed').toBe('');
    const told = await eventually(() => bot.fake.ephemerals.slice(before).find((e) => e.user === U('cb1')));
    const text = told.text;
    expect(text).toMatch(/view/i);
    expect(text).toContain('What you wrote, so it is not lost:');
    expect(text).toContain('Rationale and merits:');
    expect(text).toContain('It moves switching forward a week.');
    expect(text).toContain('The costs fall on suppliers, who agree.');
    expect(text).toContain('Other comments:\nThanks.');
    // Nothing was recorded.
    const m = (await bot.engine.modifications()).find((x) => x.number === 1);
    expect(Object.keys(m?.views?.byPerson ?? {})).toEqual([]);
  });
});
