// What a typed line means as its writer meant it: mentions in free text, one-line titles, and the
// ways people type a value (R44, R71, R72).
// R44 R71: a person mentioned inside free text is stored as the person saw it in the box, "@Bob Lee",
// not as the platform wrote it into the message (`<at>Bob Lee</at>`, `<@UBOB|bob>`), which would reach
// the other platform, the register and the DMs as markup. The same characters typed as text, and a
// mention in a person's field, are left as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import { resetStore } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { slackDatabase, slackUser, startSlackBotWithPeople } from '../support/slack-bot.ts';
import type { Activity } from '../support/teams-activities.ts';
import { account, aad, channelMention } from '../support/teams-activities.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { startTeamsBot } from '../support/teams-bot.ts';

const db = slackDatabase();

const problemOf = async (
  bot: { engine: { modifications(): Promise<readonly { number: number; problem?: string }[]> } },
  n: number,
) => (await bot.engine.modifications()).find((m) => m.number === n)?.problem;

describe('the grammar reads back only the mentions the adapter names', () => {
  it('free text: named tokens become @Name; a person field still resolves to the person', () => {
    const names = { '<at>Bob Lee</at>': '@Bob Lee' };
    const r = parse('comment DP001 ask <at>Bob Lee</at> and <at>Eve</at>', { mentionNames: names });
    expect(r).toMatchObject({ ok: true, input: { command: { text: 'ask @Bob Lee and <at>Eve</at>' } } });
    const wg = parse('wg form MP001 <at>Bob Lee</at>', {
      mentions: { '<at>Bob Lee</at>': 'bob' },
      mentionNames: names,
    });
    expect(wg).toMatchObject({ ok: true, input: { command: { people: ['bob'] } } });
    // A form's twin carries no names: what was typed in its box is kept.
    expect(parse('comment DP001 ask <at>Bob Lee</at>')).toMatchObject({
      input: { command: { text: 'ask <at>Bob Lee</at>' } },
    });
  });
});

describe('a one-line field is stored on one line (R71)', () => {
  it('a title and an organisation fold their line breaks; a problem keeps its lines', () => {
    expect(parse('raise title="Faster\n  switching\r\nfor all" problem="Slow\nand costly"')).toMatchObject({
      ok: true,
      input: { command: { title: 'Faster switching for all', problem: 'Slow\nand costly' } },
    });
    expect(parse('respond DP001 org="Big\nEnergy" S0=support')).toMatchObject({
      input: { command: { org: 'Big Energy' } },
    });
    expect(parse('amend DP001 title="One\u2028two"')).toMatchObject({
      input: { command: { title: 'One two' } },
    });
  });
});

describe(`a mention typed in free text on Teams and Slack (R44, R71) on ${db.name}`, () => {
  let teams: TeamsBot;
  let slack: SlackBot;

  beforeAll(async () => {
    slack = await startSlackBotWithPeople(await db.store());
    teams = await startTeamsBot(await db.store(), { now: london('2027-01-04T10:00') });
    await teams.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? ''), slack: slackUser(p.handle ?? '') })),
      { source: 'test', now: teams.clock.now },
    );
  }, 60_000);
  afterAll(async () => {
    await teams?.close();
    await slack?.close();
    await resetStore(await db.store());
  });

  it('Teams: "<at>Bob Lee</at>" in a channel message is stored as "@Bob Lee"', async () => {
    const a: Activity = channelMention(
      teams.fake.url,
      'alice',
      'raise title="Cheaper meters" problem="Ask <at>Bob Lee</at> about costs"',
    );
    const bot = (a.entities as object[])[0];
    const bob = {
      type: 'mention',
      mentioned: { ...account('bob'), name: 'Bob Lee' },
      text: '<at>Bob Lee</at>',
    };
    const { status, reply } = await teams.say({ ...a, entities: [bot, bob] });
    expect(status).toBe(200);
    expect(reply).toMatch(/DP\d+/);
    const n = Number(/DP0*(\d+)/.exec(reply ?? '')?.[1]);
    expect(await problemOf(teams, n)).toBe('Ask @Bob Lee about costs');
  });

  it('Slack: "<@UBOB|bob>" in a slash command is stored as "@bob"; a mention without a name as it came', async () => {
    const res = await slack.command(
      slackUser('alice'),
      'raise title="Clearer bills" problem="Ask <@UBOB|bob> and <@UCAROL> first"',
    );
    const text = JSON.stringify(res.json ?? res.text ?? '');
    const n = Number(/DP0*(\d+)/.exec(text)?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(await problemOf(slack, n)).toBe('Ask @bob and <@UCAROL> first');
  });
});

describe('panel timetable takes item=date too (R59, R72)', () => {
  it('`legal-text=2027-03-01` reads as the item and its date, as `legal-text 2027-03-01` does', () => {
    const spaced = parse('panel timetable MP001 legal-text 2027-03-01');
    const paired = parse('panel timetable MP001 legal-text=2027-03-01');
    expect(paired).toEqual(spaced);
    expect(paired).toMatchObject({
      ok: true,
      input: { command: { item: 'legal-text', date: '2027-03-01' } },
    });
    expect(parse('panel timetable MP001 legal-text=soon')).toMatchObject({ ok: false });
    expect(parse('panel timetable MP001 legal-text=2027-03-01 extra')).toMatchObject({ ok: false });
  });
});
