// The Teams app over HTTP ("How to test it"): the real SDK App on the shared server in local
// mode (127.0.0.1, unauthenticated), recorded-shape activities POSTed to /api/messages, replies caught
// by a fake connector at the activities' serviceUrl, the engine on an in-memory database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import { encodeExecute } from '../../adapters/teams/actions.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import { openStore } from '../../db/open.ts';
import type { OpenStore } from '../../db/open.ts';
import type { Command } from '../../src/domain/commands.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, query } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import type { Activity, FakeConnector } from '../support/teams-activities.ts';
import {
  aad,
  channelMention,
  executeInvoke,
  personalMessage,
  postActivity,
  startFakeConnector,
} from '../support/teams-activities.ts';

describe('the Teams app over HTTP (local mode)', () => {
  let store: OpenStore;
  let engine: Engine;
  let http: HttpServer;
  let fake: FakeConnector;
  let url: string;
  const clock = { now: london('2027-01-11T09:00') };
  const events = () => count(store, 'events');
  /** The decision ballot's Approve button, kept by the vote test for the tests after it. */
  let decisionApprove: ReturnType<typeof encodeExecute> | undefined;

  /** Posts an activity and returns the text of the one reply it caused (or undefined). */
  async function say(a: Activity): Promise<string | undefined> {
    const before = fake.sent.length;
    const res = await postActivity(url, a);
    expect(res.status).toBe(200);
    const reply = fake.sent.slice(before).at(-1)?.body.text;
    return typeof reply === 'string' ? unescapeMarkdown(reply) : undefined;
  }

  beforeAll(async () => {
    store = await openStore({ memory: true });
    engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: clock.now },
    );
    fake = await startFakeConnector();
    http = createHttpServer();
    const teams = createTeamsApp({ engine, log: () => {}, http, local: true, now: () => clock.now });
    await teams.start();
    await http.listen(0, '127.0.0.1');
    url = http.url();
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await fake?.close();
    await store?.close();
  });

  it('answers `sec help` in a 1:1 chat and `@SEC Bot help` in a channel', async () => {
    const dm = await say(personalMessage(fake.url, 'alice', 'sec help'));
    expect(dm).toMatch(/raise/);
    expect(fake.sent.at(-1)?.conversation).toBe('a:dm-alice');
    // Markdown, where one line break is a space: every line of help is its own paragraph.
    expect(fake.sent.at(-1)?.body).toMatchObject({ textFormat: 'markdown' });
    expect(dm?.split('\n\n').length).toBeGreaterThan(3);
    expect(dm).not.toMatch(/[^\n]\n[^\n]/);
    const channel = await say(channelMention(fake.url, 'sam', 'help'));
    // R72: help points the asker at their role's topic: Sam (SECAS) is sent to help secas.
    expect(channel).toMatch(/For your roles: @SEC Change Bot help secas/);
  });

  it('R1: an unregistered user is told so and nothing is written; help still answers them', async () => {
    const before = await events();
    const stranger = { ...personalMessage(fake.url, 'alice', 'raise title="X" problem="Y"') };
    stranger.from = { id: '29:stranger', name: 'Stranger', aadObjectId: 'aad-nobody' };
    expect(await say(stranger)).toBe('You are not registered; ask an admin.');
    expect(await events()).toBe(before);
    expect(await say({ ...stranger, id: 'help-1', text: 'help' })).toMatch(/workdays/);
  });

  it('R5: a registered party raises a DP by typing, once even when the activity is re-sent', async () => {
    const a = personalMessage(fake.url, 'alice', 'raise title="Faster switching" problem="Too slow"');
    expect(await say(a)).toMatch(/DP001/);
    const after = await events();
    await say(a);
    expect(await events()).toBe(after);
    expect((await engine.modifications()).map((m) => m.title)).toEqual(['Faster switching']);
  });

  it('R33–R36: a Change Board vote invoke is recorded once: same activity 3 times, then a new id', async () => {
    // raise → iar → refinement → report → a refused extension → Report Stage → consultation → decision ballot
    // (test/support/formal.ts).
    const steps: [string, Command][] = [
      ['alice', { type: 'raise', title: 'Ballot me', problem: 'P', fastTrack: false }],
      ['sam', { type: 'iar', ref: 2, impacts: 'Suppliers', route: 'refinement' }],
      ['chair', { type: 'panel-route', ref: 2, route: 'refinement', determination: 'authority' }],
      [
        'sam',
        {
          type: 'report',
          ref: 2,
          doc: 'modification',
          link: 'https://x/mr',
          items: ['background'],
          nonMaterial: false,
        },
      ],
      // §9.5: a refused extension lets the chair route it on to the Report Stage.
      ['chair', { type: 'panel-timetable', ref: 2, item: 'draft-report', date: '2040-02-01' }],
      [
        'sam',
        { type: 'extension-request', ref: 2, item: 'draft-report', date: '2040-03-01', reason: 'More time' },
      ],
      ['chair', { type: 'panel-refuse-extension', ref: 2 }],
      ['chair', { type: 'panel-route', ref: 2, route: 'report' }],
      ['sam', { type: 'consult-open', ref: 2 }],
      ['sam', { type: 'consult-close', ref: 2 }],
      ['sam', { type: 'ballot-open', ref: 2, kind: 'decision' }],
    ];
    let last;
    for (const [who, command] of steps) {
      last = await engine.execute({ command, actor: id(who), platform: 'cli' }, clock.now);
      expect(last.ok, `${command.type}: ${last.reply}`).toBe(true);
    }
    const buttons = (last?.notifications ?? []).flatMap((n) => n.card?.buttons ?? []).map(encodeExecute);
    const approve = buttons.find((b) => b.verb === 'vote' && b.data.option === 'approve');
    if (!approve) throw new Error('no approve button on the ballot card');
    decisionApprove = approve;

    const click = executeInvoke(fake.url, 'cb1', approve);
    const storm = await Promise.all([1, 2, 3].map(() => postActivity(url, click)));
    expect(storm.map((r) => r.status)).toEqual([200, 200, 200]);
    // The click that did the work answers with the refreshed ballot card; the repeats (same activity id)
    // get the very same card and write nothing (R36).
    const answers = storm.map((r) => r.body as { type: string; value: unknown });
    const cards = answers.filter((b) => b.type === 'application/vnd.microsoft.card.adaptive');
    expect(cards).toHaveLength(3);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(JSON.stringify(cards[0]?.value)).toContain('1 of 5 voted');
    const afterVote = await events();
    const again = await postActivity(url, executeInvoke(fake.url, 'cb1', approve));
    expect(unescapeMarkdown(String((again.body as { value: unknown }).value))).toMatch(/already/i);
    expect(await events()).toBe(afterVote);
    const votes = await query<{ voter: string; option: string }>(
      store,
      `select voter, option from votes where voter = '${id('cb1')}'`,
    );
    expect(votes).toEqual([{ voter: id('cb1'), option: 'approve' }]);
  });

  it('R77: the refreshed card answering a click shows its hints with the @mention in a channel; R74: in the 1:1 chat a vote is answered with the sentence', async () => {
    if (!decisionApprove) throw new Error('the vote test runs first and keeps its button');
    const texts = (r: { body: unknown }) =>
      unescapeMarkdown(JSON.stringify((r.body as { value: unknown }).value));
    const inChannel = texts(await postActivity(url, executeInvoke(fake.url, 'cb2', decisionApprove)));
    expect(inChannel).toContain('2 of 5 voted');
    expect(inChannel).toMatch(
      /Or type: @SEC Change Bot vote MP002 approve \| @SEC Change Bot vote MP002 reject \| @SEC Change Bot vote MP002 abstain/,
    );
    const personal = {
      ...executeInvoke(fake.url, 'cb3', decisionApprove),
      conversation: { conversationType: 'personal', id: 'a:dm-cb3' },
    };
    // A vote button in the 1:1 chat is on a reminder DM or the `mine` card: the ballot's channel card
    // does not replace it; the sentence says what was recorded.
    const answer = await postActivity(url, personal);
    expect((answer.body as { type: unknown }).type).toBe('application/vnd.microsoft.activity.message');
    const inChat = texts(answer);
    expect(inChat).toMatch(
      /Your vote: Approve on the Change Board's decision ballot for MP002; you can change it until/,
    );
    expect(inChat).not.toContain('@SEC Change Bot');
  });

  it('R77: a form command typed in a channel gets the usage with the @mention; in the 1:1 chat without', async () => {
    const prompt = async (a: Activity) => {
      const before = fake.sent.length;
      expect((await postActivity(url, a)).status).toBe(200);
      return unescapeMarkdown(JSON.stringify(fake.sent.slice(before).at(-1)?.body ?? null));
    };
    const inChannel = await prompt(channelMention(fake.url, 'alice', 'raise'));
    expect(inChannel).toMatch(/Or type: @SEC Change Bot raise title=/);
    const inChat = await prompt(personalMessage(fake.url, 'alice', 'raise'));
    expect(inChat).toMatch(/Or type: raise title=/);
    expect(inChat).not.toContain('@SEC Change Bot');
  });

  it('R2: a tampered invoke writes nothing and says the button is out of date', async () => {
    const before = await events();
    const res = await postActivity(
      url,
      executeInvoke(fake.url, 'cb2', { verb: 'vote', data: { action: 'nope' } }),
    );
    expect(res.status).toBe(200);
    expect(unescapeMarkdown(String((res.body as { value: unknown }).value))).toMatch(/out of date/);
    expect(await events()).toBe(before);
  });
});
