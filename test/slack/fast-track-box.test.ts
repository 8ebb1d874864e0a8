// R9, R43: the raise form's Fast Track field is one box, ticked to ask for Fast Track and left empty
// not to. Through the real Slack app on the local fake Slack: the modal as opened, and its submission
// with and without the tick, read back from the recorded Draft Proposal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputBlock } from '../../adapters/slack/render/modals.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';

const db = slackDatabase();
const U = slackUser;

describe(`the raise modal's Fast Track box, on ${db.name}`, () => {
  let bot: SlackBot;

  /** Opens the raise modal as alice and returns the view the fake recorded. */
  const openRaise = async (): Promise<Record<string, unknown>> => {
    const before = bot.fake.views.size;
    const res = await bot.command(U('alice'), 'raise');
    expect(res.status).toBe(200);
    expect(bot.fake.views.size).toBe(before + 1);
    return [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
  };
  /** Submits the raise modal and returns the Draft Proposal it recorded. */
  const raise = async (title: string, fasttrack?: string[]) => {
    const view = await openRaise();
    const answers = { title, problem: 'A problem', ...(fasttrack ? { fasttrack } : {}) };
    const res = await bot.submit({ user: U('alice'), view, answers });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const m = (await bot.engine.modifications()).find((x) => x.title === title);
    if (!m) throw new Error(`${title} was not raised`);
    return m;
  };

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2027-01-04T09:00');
  }, 120_000);
  afterAll(() => bot?.close());

  it('the field is one optional checkbox, its text asking for Fast Track (no "no" box)', async () => {
    const view = await openRaise();
    const block = (view.blocks as InputBlock[]).find((b) => b.block_id === 'fasttrack');
    expect(block?.optional).toBe(true);
    expect(block?.element).toMatchObject({ type: 'checkboxes', action_id: 'fasttrack' });
    const options = block?.element.type === 'checkboxes' ? block.element.options : [];
    expect(options.map((o) => [o.value, o.text.text])).toEqual([
      ['yes', 'Request Fast Track (a housekeeping change)'],
    ]);
  });

  it('R9: left unticked, the DP is raised without a Fast Track request', async () => {
    const m = await raise('Not a housekeeping change');
    expect(m.fastTrackRequested).toBe(false);
  });

  it('R9: ticked, the DP is raised with a Fast Track request', async () => {
    const m = await raise('A housekeeping change', ['yes']);
    expect(m.fastTrackRequested).toBe(true);
  });

  it('a ticked value the box never offered (a modal from before, a forged one) is not a request', async () => {
    const m = await raise('An old modal answered no', ['no']);
    expect(m.fastTrackRequested).toBe(false);
  });
});
