// R77: in a Teams channel or group chat the bot hears only @mentions, so every command a message names,
// not only the hints of a card, reads "@SEC Change Bot <command>" there; in the 1:1 chat it is bare. The
// core marks each command once (src/views/hints.ts); the Teams sinks translate the marks, and the fake
// connector refuses any payload that still holds one (test/support/command-mark.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/teams/render/card.ts';
import { viewsCard } from '../../src/views/cards.ts';
import { resetStore } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { Scenario } from '../support/scenario.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import type { Activity } from '../support/teams-activities.ts';
import { aad, channelMention, personalMessage } from '../support/teams-activities.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { startTeamsBot } from '../support/teams-bot.ts';
import { COMMAND_MARK } from '../support/command-mark.ts';

const db = slackDatabase();
const PANEL = '19:panelchannel@thread.tacv2';

/** `@SEC Bot <text>` typed by `handle` in a Teams channel. */
function inChannel(serviceUrl: string, handle: string, text: string): Activity {
  const a = channelMention(serviceUrl, handle, text);
  const data = a.channelData as Record<string, unknown>;
  return {
    ...a,
    conversation: { ...(a.conversation as object), id: `${PANEL};messageid=${Date.now()}` },
    channelData: { ...data, teamsChannelId: PANEL, channel: { id: PANEL } },
  };
}

describe(`commands named in Teams messages (R77) on ${db.name}`, () => {
  let bot: TeamsBot;
  const say = async (a: Activity) => {
    const { status, reply } = await bot.say(a);
    expect(status).toBe(200);
    return reply ?? '';
  };

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startTeamsBot(store, { now: london('2027-01-11T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
    await say(personalMessage(bot.fake.url, 'alice', 'raise title="Faster switching" problem="Slow"'));
    await say(personalMessage(bot.fake.url, 'alice', 'raise title="Clearer bills" problem="Unclear"'));
  }, 60_000);
  afterAll(() => bot?.close());

  it('in a channel a reply names its next command in the @mention form', async () => {
    const reply = await say(inChannel(bot.fake.url, 'sam', 'iar DP001 impacts="Suppliers" route=refinement'));
    expect(reply).toContain('Next: @SEC Change Bot views open DP001.');
    expect(reply).not.toContain(COMMAND_MARK);
  });

  it('in the 1:1 chat the same reply names it bare', async () => {
    const reply = await say(
      personalMessage(bot.fake.url, 'sam', 'iar DP002 impacts="Suppliers" route=refinement'),
    );
    expect(reply).toContain('Next: views open DP002.');
    expect(reply).not.toContain('@SEC');
    expect(reply).not.toContain(COMMAND_MARK);
    expect(bot.fake.markLeaks).toEqual([]);
  });

  it('the fake connector refuses a payload with a mark, naming it', async () => {
    const res = await fetch(`${bot.fake.url}/v3/conversations/a%3Adm-alice/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: `Type: ${COMMAND_MARK}mine${COMMAND_MARK}` }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/U\+2063/);
    // Taken back, so this deliberate leak does not fail the file at close.
    expect(bot.fake.markLeaks.splice(0)).toHaveLength(1);
  });
});

describe('a card hint on Teams (R43, R77)', () => {
  it('reads in the @mention form in a channel and bare in the 1:1 chat, with no mark either way', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    const card = viewsCard(s.mod(1), s.ctx('cb1'));
    const channel = JSON.stringify(renderCard(card, { mention: '@SEC Change Bot' }));
    const personal = JSON.stringify(renderCard(card));
    expect(channel).toContain('Or type: @SEC Change Bot view DP001 support|concerns|oppose');
    expect(personal).toContain('Or type: view DP001 support|concerns|oppose');
    for (const shown of [channel, personal]) expect(shown).not.toContain(COMMAND_MARK);
  });
});
