// R81, R74 on Slack: a vote clicked on the `mine` card (the private answer to /sec mine) is answered
// by drawing that card again in its place, through the click's response_url, with what was recorded
// on top and the vote gone from the list; the same vote clicked on the ballot's card in the channel
// is answered with the sentence below it, as before. The real Bolt app against the local fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINE_BLOCK } from '../../adapters/slack/render/blocks.ts';
import { count } from '../support/databases.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';
import { actionTs } from '../support/slack-requests.ts';

const db = slackDatabase();

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id: string; value: string; text?: { text: string } }[];
};

const textOf = (blocks: Block[]): string => blocks.map((b) => b.text?.text ?? '').join('\n');

describe(`R81 Slack: a vote from the mine card on ${db.name}`, () => {
  let bot: SlackBot;
  const mine = async (handle: string) => {
    const res = await bot.command(slackUser(handle), 'mine');
    expect(res.status).toBe(200);
    return (res.json?.blocks ?? []) as Block[];
  };
  const approveOn = (blocks: Block[]) => {
    const row = blocks.find(
      (b) => b.type === 'actions' && b.elements?.some((e) => e.text?.text === 'Approve'),
    );
    const button = row?.elements?.find((e) => e.text?.text === 'Approve');
    if (!row || !button) throw new Error(`no Approve button in ${JSON.stringify(blocks)}`);
    return { row, button };
  };

  beforeAll(async () => {
    bot = await startSlackBotWithPeople(await db.store(), '2027-01-04T09:00');
    for (const line of [
      'panel raise-fasttrack title="Rename a committee" problem="The name changed"',
      'panel fasttrack DP001',
    ]) {
      const r = await bot.command(slackUser('chair'), line);
      expect(String(r.json?.text), line).not.toMatch(/^Sorry|Usage|not registered/);
    }
  }, 60_000);
  afterAll(() => bot?.close());

  /**
   * `handle` clicks Approve from their mine card's buttons, on that card (its block id) or, without
   * it, as the same button on the ballot's card in the channel; the private answer that came of it.
   */
  const approve = async (handle: string, where: 'on mine' | 'in the channel') => {
    const { row, button } = approveOn(await mine(handle));
    return bot.clickAnswered({
      user: slackUser(handle),
      actionId: button.action_id,
      value: button.value,
      actionTs: actionTs(),
      ...(where === 'on mine' && row.block_id
        ? { channel: 'C0PRIVATE', blockId: row.block_id }
        : { channel: 'C0PANEL' }),
    });
  };

  it('the mine card marks its button rows, so that a click says where it was', async () => {
    const { row } = approveOn(await mine('pm1'));
    expect(row.block_id?.startsWith(MINE_BLOCK)).toBe(true);
  });

  it('a vote clicked there redraws the card in place: the vote recorded on top, nothing left to do', async () => {
    const votes = await count(await db.store(), 'votes');
    const answer = await approve('pm1', 'on mine');
    expect(await count(await db.store(), 'votes')).toBe(votes + 1);
    expect(answer.via).toBe('response_url');
    expect(answer.replaced).toBe(true);
    const text = textOf((answer.blocks ?? []) as Block[]);
    expect(text).toContain('What you owe');
    expect(text).toContain("Your vote: Approve on the Panel's Fast Track ballot for DP001");
    expect(text).toContain('You owe nothing right now.');
  });

  it('the same vote clicked on the ballot card in the channel is answered below it with the sentence', async () => {
    const answer = await approve('pm3', 'in the channel');
    expect(answer.replaced).toBeUndefined();
    expect(answer.text).toContain("Your vote: Approve on the Panel's Fast Track ballot for DP001");
  });
});
