// A form command typed without its fields on Teams (R43, R71, R77): the real Teams app over HTTP answers
// with a card whose button opens the dialog. The card says what the form is for once (the dialog's own
// title is the form's name, as Slack's modal), and its "Or type:" line is the command for the reference
// that was typed, in the form typed in that conversation: "@SEC Change Bot withdraw DP001 <reason>" in
// a channel, "view DP001 support|…" in the 1:1 chat.
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import { eachDatabase } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { startTeamsBot } from '../support/teams-bot.ts';
import type { Activity } from '../support/teams-activities.ts';
import { aad, channelMention, personalMessage } from '../support/teams-activities.ts';

eachDatabase('Teams form prompt', (h) => {
  let bot: TeamsBot;

  /** The prompt card's lines as a person reads them, and its fallback text, for a typed line. */
  const prompt = async (a: Activity): Promise<{ lines: string[]; fallback: string }> => {
    const before = bot.fake.sent.length;
    expect((await bot.post(a)).status).toBe(200);
    const body = bot.fake.sent.slice(before).at(-1)?.body as { attachments?: { content: IAdaptiveCard }[] };
    const card = body.attachments?.[0]?.content;
    if (!card) throw new Error(`no card in the reply: ${JSON.stringify(body)}`);
    return {
      lines: card.body.flatMap((e) => (e.type === 'TextBlock' ? [unescapeMarkdown(e.text)] : [])),
      fallback: unescapeMarkdown(card.fallbackText ?? ''),
    };
  };

  beforeAll(async () => {
    bot = await startTeamsBot(h.store, { now: london('2027-01-11T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
  });

  it('R71 R43 R77: `withdraw DP001` in a channel: the title once, the hint for DP001 with the @mention', async () => {
    const { lines, fallback } = await prompt(channelMention(bot.fake.url, 'alice', 'withdraw DP001'));
    expect(lines).toEqual(['Withdraw DP001.', 'Or type: @SEC Change Bot withdraw DP001 <reason>']);
    expect(fallback).toBe('Withdraw DP001. Or type: @SEC Change Bot withdraw DP001 <reason>');
  });

  it('R71 R43 R77: `object dp001` in a channel names DP001 in the title and the hint', async () => {
    const { lines } = await prompt(channelMention(bot.fake.url, 'alice', 'object dp001'));
    expect(lines).toEqual([
      'Object to Fast Track for DP001.',
      'Or type: @SEC Change Bot object DP001 <reason>',
    ]);
  });

  it('R71 R43 R77: `view DP001` in the 1:1 chat: the title once, the hint for DP001 bare', async () => {
    const { lines } = await prompt(personalMessage(bot.fake.url, 'cb1', 'view DP001'));
    expect(lines[0]).toBe('Your view on DP001.');
    expect(lines[1]).toMatch(/^Or type: view DP001 support\|concerns\|oppose /);
    expect(lines.join('\n')).not.toMatch(/<ref>|Give your view:|@SEC Change Bot/);
  });

  it('R43: `raise` (about no modification yet) keeps the form title and the whole usage', async () => {
    const { lines } = await prompt(personalMessage(bot.fake.url, 'alice', 'raise'));
    expect(lines[0]).toBe('Raise a Draft Proposal');
    expect(lines[1]).toMatch(/^Or type: raise title="…" problem="…"/);
  });
});
