// `/sec` through the real Bolt app: identity by linked id or e-mail (R1), the
// not-registered answer (R66: help and workdays for anyone), mentions (R66), Slack's HTML escaping,
// channel registration, forms opened from the trigger_id, and out-of-date buttons (R2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { eventually, slackDatabase, startSlackBot } from '../support/slack-bot.ts';

const db = slackDatabase();
const NOT_REGISTERED = 'You are not registered; ask an admin.';
/** Linked at import: alice, sam, ada, cb1. bob is found by e-mail; UNOBODY is in Slack but not the directory. */
const LINKED: Record<string, string> = { alice: 'UALICE', sam: 'USAM', ada: 'UADA', cb1: 'UCB1' };
const USERS: [string, { email: string; name: string }][] = [
  ['UBOB', { email: 'Bob@Example.org', name: 'Bob' }],
  ['UCB2', { email: 'cb2@example.org', name: 'Cb2' }],
  ['UNOBODY', { email: 'nobody@elsewhere.org', name: 'Nobody' }],
];

describe(`/sec on ${db.name}`, () => {
  let bot: SlackBot;
  const writes = async () => ({
    events: await count(await db.store(), 'events'),
    deliveries: await count(await db.store(), 'deliveries'),
    outbox: await count(await db.store(), 'outbox'),
  });
  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startSlackBot(store, { now: london('2027-01-11T09:00'), users: USERS });
    const rows = PEOPLE.map((p) => (p.handle && LINKED[p.handle] ? { ...p, slack: LINKED[p.handle] } : p));
    await bot.engine.importPeople(rows, { source: 'test', now: bot.clock.now });
  }, 60_000);
  afterAll(() => bot?.close());

  describe('identity (R1)', () => {
    it('a Slack user in neither the links nor the directory gets the not-registered answer and nothing is written', async () => {
      const before = await writes();
      for (const user of ['UNOBODY', 'UGHOST']) {
        const res = await bot.command(user, 'raise title="Mine" problem="Let me in"');
        expect(res.json).toEqual({ response_type: 'ephemeral', text: NOT_REGISTERED });
        expect((await bot.command(user, 'status DP001')).json?.text).toBe(NOT_REGISTERED);
      }
      expect(await writes()).toEqual(before);
    });

    it('R66: help and workdays answer anyone, registered or not', async () => {
      expect(String((await bot.command('UNOBODY', 'help')).json?.text)).toMatch(/workdays/);
      const wd = await bot.command('UGHOST', 'workdays 2027-01-11 5');
      expect(String(wd.json?.text)).toMatch(/2027-01-18|18 Jan/);
    });

    it('R42 R72: help on Slack names every command after /sec', async () => {
      const mine = String((await bot.command('UALICE', 'help')).json?.text).split('\n');
      expect(mine.length).toBeLessThanOrEqual(12);
      expect(mine).toContain(
        'Topics: /sec help voting · /sec help views · /sec help meetings · /sec help panel · /sec help secas · /sec help admin · /sec help all',
      );
      expect(String((await bot.command('UALICE', 'help vote')).json?.text).split('\n')[0]).toMatch(
        /^\/sec vote &lt;ref&gt; &lt;option&gt;/,
      );
      // A stranger reads what the bot is first (R72), then how to be added, typed on Slack.
      const stranger = String((await bot.command('UNOBODY', 'help')).json?.text);
      expect(stranger).toMatch(/^I am the SEC Change Bot/);
      expect(stranger).toContain('(/sec admin person add &lt;email&gt; &lt;name&gt;)');
    });

    it('R1: when Slack cannot say who someone is (users.info fails), they are told so and nothing is written', async () => {
      bot.fake.setFault('users.info', { status: 500 });
      const before = await writes();
      const res = await bot.command('UCB2', 'raise title="Outage" problem="users.info is down"');
      expect(res.json).toEqual({
        response_type: 'ephemeral',
        text: 'Slack could not tell me who you are; try again.',
      });
      expect(await writes()).toEqual(before);
      expect(await bot.engine.whoIs('slack', 'UCB2')).toBeNull();
    });

    it('R1: an unlinked user is found by the e-mail Slack holds, linked once, then known by id', async () => {
      const res = await bot.command('UBOB', 'raise title="Found by e-mail" problem="Bob had no Slack id"');
      expect(String(res.json?.text)).toMatch(/DP001/);
      expect(await bot.engine.whoIs('slack', 'UBOB')).toBe(id('bob'));
      const linked = await query<{ actor: string; platform: string }>(
        await db.store(),
        `select actor, platform from events where type = 'IdentityLinked' and payload->>'platformId' = 'UBOB'`,
      );
      expect(linked).toEqual([{ actor: 'system', platform: 'slack' }]);
      const [mod] = await bot.engine.modifications();
      expect(mod?.proposer).toBe(id('bob'));
      const lookups = bot.fake.calls.filter(
        (c) => c.method === 'users.info' && c.body.user === 'UBOB',
      ).length;
      await bot.command('UBOB', 'status DP001');
      expect(bot.fake.calls.filter((c) => c.method === 'users.info' && c.body.user === 'UBOB').length).toBe(
        lookups,
      );
    });
  });

  describe('the text (R42, R45, R66)', () => {
    it('Slack HTML-escapes &, < and > in typed text: the core gets what was typed', async () => {
      const res = await bot.command('UALICE', 'raise title="Fish &amp; chips &lt;b&gt;" problem="a &gt; b"');
      expect(String(res.json?.text)).toMatch(/DP002/);
      const m = (await bot.engine.modifications()).find((x) => x.number === 2);
      expect(m).toMatchObject({ title: 'Fish & chips <b>', problem: 'a > b' });
    });

    it('QUALITY.md injection: the private answer shows user text as text, never a mention or a link', async () => {
      const res = await bot.command(
        'UALICE',
        'raise title="Hey &lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt;" problem="p"',
      );
      const text = String(res.json?.text);
      expect(text).toMatch(/DP003/);
      expect(text).not.toMatch(/<!channel>|<@U123>|<http/);
      expect(text).toContain('&lt;!channel&gt;');
    });

    it('R66: mentions map to people; a mention typed as text is not one', async () => {
      const ok = await bot.command('UADA', 'admin alternate <@UCB1> <@UBOB|bob>');
      expect(ok.json?.text).not.toMatch(/could not tell|Usage/);
      expect((await bot.engine.people()).find((p) => p.id === id('cb1'))?.alternate).toBe(id('bob'));
      const before = await writes();
      const typed = await bot.command('UADA', 'admin alternate &lt;@UCB1&gt; bob@example.org');
      expect(String(typed.json?.text)).toContain('could not tell who &lt;@UCB1&gt;');
      expect(await writes()).toEqual(before);
    });

    it('R45: an unknown subcommand gets a usage answer and writes nothing', async () => {
      const before = await writes();
      const res = await bot.command('UALICE', 'frobnicate DP001');
      expect(res.status).toBe(200);
      expect(String(res.json?.text)).toMatch(/help/i);
      expect(await writes()).toEqual(before);
    });

    it('admin channel run in a channel registers that channel', async () => {
      const res = await bot.command('UADA', 'admin channel change-board', 'C0BOARD');
      expect(res.json?.response_type).toBe('ephemeral');
      const rows = await query<{ name: string; channel_id: string }>(
        await db.store(),
        `select name, channel_id from channels where platform = 'slack'`,
      );
      expect(rows).toEqual([{ name: 'change-board', channel_id: 'C0BOARD' }]);
      // R71: the reply names the channel and what it gets, not "slack channel C0BOARD … change-board".
      expect(res.json?.text).toBe(
        'This Slack channel is now the Change Board channel: new Draft Proposals, Change Board views and Change Board ballots are posted here from now on.',
      );
    });

    it('R42: admin channel in a direct message is refused: only the admin would see the posts', async () => {
      const res = await bot.command('UADA', 'admin channel panel', 'D0ADMINDM');
      expect(String(res.json?.text)).toMatch(
        /^This is a direct message, where only you would see those posts: run \/sec admin channel in the channel you are registering\./,
      );
      expect(await count(await db.store(), 'channels', `name = 'panel'`)).toBe(0);
    });

    it('R2: a party cannot register a channel', async () => {
      const res = await bot.command('UALICE', 'admin channel panel', 'C0PANEL');
      expect(String(res.json?.text)).toMatch(/only/i);
      expect(await count(await db.store(), 'channels', `name = 'panel'`)).toBe(0);
    });
  });

  describe('forms (R43, R65)', () => {
    it('/sec raise alone opens the raise modal with the trigger_id, and its submission raises the DP', async () => {
      const res = await bot.command('UALICE', 'raise');
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      const call = bot.fake.calls.filter((c) => c.method === 'views.open').at(-1);
      expect(call?.body.trigger_id).toMatch(/\d+\.[0-9a-f]+/);
      const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
      expect(view.callback_id).toBe('sec:form:raise');
      const empty = await bot.submit({ user: 'UALICE', view, answers: { title: 'Form title' } });
      expect(empty.json).toEqual({ response_action: 'errors', errors: { problem: expect.any(String) } });
      const n = (await bot.engine.modifications()).length;
      const sent = await bot.submit({
        user: 'UALICE',
        view,
        answers: { title: 'Form title', problem: 'From a modal' },
      });
      expect(sent.status).toBe(200);
      expect(sent.text).toBe('');
      const mods = await bot.engine.modifications();
      expect(mods.length).toBe(n + 1);
      expect(mods.at(-1)).toMatchObject({
        title: 'Form title',
        problem: 'From a modal',
        proposer: id('alice'),
      });
      await eventually(() => bot.fake.ephemerals.find((e) => e.user === 'UALICE' && /DP00\d/.test(e.text)));
    });

    it('a form command with only its reference opens that form about it; a whole command runs', async () => {
      await bot.command('UALICE', 'withdraw DP002');
      const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
      expect(view.callback_id).toBe('sec:form:withdraw');
      expect(JSON.parse(String(view.private_metadata))).toMatchObject({ form: 'withdraw', ref: 'DP002' });
      const opened = bot.fake.views.size;
      const res = await bot.command('UALICE', 'status DP002');
      expect(String(res.json?.text)).toMatch(/DP002/);
      expect(bot.fake.views.size).toBe(opened);
    });

    it('when Slack refuses to open the modal, the person gets an apology and nothing is written', async () => {
      bot.fake.setFault('views.open', { error: 'expired_trigger_id' });
      const before = await writes();
      const res = await bot.command('UALICE', 'raise');
      expect(res.json?.response_type).toBe('ephemeral');
      expect(String(res.json?.text)).toMatch(/sorry/i);
      expect(await writes()).toEqual(before);
    });

    it('R2: a form submitted by someone not registered writes nothing', async () => {
      await bot.command('UALICE', 'raise');
      const view = [...bot.fake.views.values()].at(-1) as Record<string, unknown>;
      const before = await writes();
      const res = await bot.submit({ user: 'UNOBODY', view, answers: { title: 'T', problem: 'P' } });
      expect(res.status).toBe(200);
      expect(await writes()).toEqual(before);
    });
  });

  describe('buttons (R2)', () => {
    it('a button with an unknown action or a bad value is out of date: nothing is written', async () => {
      const before = await writes();
      const bad = [
        { actionId: 'sec:vote:0', value: '{"ref":"DP001"}' },
        {
          actionId: 'sec:vote:0',
          value: '{"ref":"DP001","ballot":"b1","option":"approve","voter":"cb1@example.org"}',
        },
        { actionId: 'sec:vote:0', value: 'not json' },
        { actionId: 'sec:launch:0', value: '{}' },
        { actionId: 'approve_button', value: 'approve' },
      ];
      for (const b of bad) {
        const res = await bot.click({ user: 'UCB1', ...b });
        expect(res.status).toBe(200);
      }
      await eventually(
        () => bot.fake.ephemerals.filter((e) => /out of date/.test(e.text)).length >= bad.length,
      );
      expect(await writes()).toEqual(before);
    });

    it('R2: a well-formed click by someone not registered is answered privately and writes nothing', async () => {
      const before = await writes();
      const value = JSON.stringify({ ref: 'DP001', ballot: 'b1', option: 'approve' });
      const res = await bot.click({ user: 'UNOBODY', actionId: 'sec:vote:0', value, channel: 'C0BOARD' });
      expect(res.status).toBe(200);
      await eventually(() =>
        bot.fake.ephemerals.find((e) => e.user === 'UNOBODY' && e.text === NOT_REGISTERED),
      );
      expect(await writes()).toEqual(before);
    });
  });
});
