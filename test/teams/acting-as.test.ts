// R79: in the local demo the person at the keyboard acts as any demo person with `as <name>`; outside
// it (credentials, Slack, a real PostgreSQL database) a line starting with `as` is refused and nothing
// runs. The real Teams app in local mode over HTTP (as app.test.ts), with the demo directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import { encodeExecute } from '../../adapters/teams/actions.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { DEMO_PEOPLE } from '../../adapters/teams/local.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { AS_LOCAL_ONLY, actingAs, interaction } from '../../src/app/interaction/index.ts';
import type { AsLine } from '../../src/app/interaction/acting-as.ts';
import { asLine, asTarget } from '../../src/app/interaction/acting-as.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase, query } from '../support/databases.ts';
import { london } from '../support/directory.ts';
import type { Activity, FakeConnector } from '../support/teams-activities.ts';
import {
  aad,
  executeInvoke,
  personalMessage,
  postActivity,
  startFakeConnector,
} from '../support/teams-activities.ts';

/** The demo directory, each person linked to the fake activities' AAD id for their handle. */
const people = DEMO_PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') }));
const clock = { now: london('2027-01-11T09:00') };

async function demoEngine(store: OpenStore): Promise<Engine> {
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
  await engine.importPeople(people, { source: 'test', now: clock.now });
  return engine;
}

describe('local mode: "as <name>" in the Teams app (R79)', () => {
  let store: OpenStore;
  let engine: Engine;
  let http: HttpServer;
  let fake: FakeConnector;
  let url: string;
  const events = () => count(store, 'events');
  const votes = () =>
    query<{ voter: string; option: string }>(store, 'select voter, option from votes order by voter');

  async function say(a: Activity): Promise<string> {
    const before = fake.sent.length;
    const res = await postActivity(url, a);
    expect(res.status).toBe(200);
    const reply = fake.sent.slice(before).at(-1)?.body.text;
    if (typeof reply !== 'string') throw new Error('no reply');
    return unescapeMarkdown(reply);
  }
  const alex = (text: string) => say(personalMessage(fake.url, 'alex', text));

  /** Alex's click on the Fast Track ballot's button for `option` (the card the chair's command posted). */
  let button: (option: string) => { verb: string; data: Record<string, unknown> };

  beforeAll(async () => {
    store = await openStore({ memory: true });
    engine = await demoEngine(store);
    fake = await startFakeConnector();
    http = createHttpServer();
    const teams = createTeamsApp({
      engine,
      log: () => {},
      http,
      local: true,
      now: () => clock.now,
      actingAs: actingAs(store.kind),
    });
    await teams.start();
    await http.listen(0, '127.0.0.1');
    url = http.url();
    await engine.ask(
      'raise title="Fix a cross-reference" problem="D4.2 cites D3.9" fasttrack',
      'alexw@example.com',
      clock.now,
      { platform: 'teams' },
    );
    const opened = await engine.ask('panel fasttrack DP001', 'alexw@example.com', clock.now, {
      platform: 'teams',
    });
    expect(opened.ok, opened.reply).toBe(true);
    const buttons = opened.notifications.flatMap((n) => n.card?.buttons ?? []).map(encodeExecute);
    button = (option) => {
      const b = buttons.find((x) => x.verb === 'vote' && x.data.option === option);
      if (!b) throw new Error(`no ${option} button`);
      return b;
    };
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await fake?.close();
    await store?.close();
  });

  it('"as Megan vote DP001 approve" records Megan\'s vote, once, and says who acted', async () => {
    const reply = await alex('as Megan vote DP001 approve');
    expect(reply).toMatch(/^\(As Megan Bowen\.\)\n/);
    expect(await votes()).toEqual([{ voter: 'meganb@example.com', option: 'approve' }]);
    // The full name works too, and `sec` in front; a one-off leaves Alex as Alex.
    await alex('sec as "Adele Vance" vote DP001 approve');
    expect((await votes()).map((v) => v.voter)).toEqual(['adelev@example.com', 'meganb@example.com']);
    expect(await alex('status DP001')).not.toMatch(/Acting as/);
  });

  it('"as Isaiah" switches typing and clicking to Isaiah until "as me"', async () => {
    expect(await alex('as Isaiah')).toMatch(/act as Isaiah Langer.*"as me"/s);
    // A typed line shows who acts, on each reply.
    expect(await alex('status DP001')).toMatch(/^\(Acting as Isaiah Langer; type "as me"/);
    // Alex's click on the card is Isaiah's vote (the platform's signed identity is only the switch's key).
    const res = await postActivity(url, executeInvoke(fake.url, 'alex', button('approve')));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('3 of 5 voted');
    expect((await votes()).map((v) => v.voter)).toContain('isaiahl@example.com');
    expect((await votes()).map((v) => v.voter)).not.toContain('alexw@example.com');
    // R74: the card drawn for its reader is Isaiah's too, and says so, as the click's answer does.
    const refresh = executeInvoke(fake.url, 'alex', {
      verb: 'refresh',
      data: { action: 'refresh', card: 'ballot:1:fasttrack-1' },
    });
    const drawn = unescapeMarkdown(JSON.stringify((await postActivity(url, refresh)).body));
    expect(drawn).toContain('(Acting as Isaiah Langer; type \\"as me\\" to be yourself again.)');
    expect(drawn).toContain("Your vote: Approve on the Panel's Fast Track ballot for DP001");

    expect(await alex('as me')).toBe('You are Alex Wilber again.');
    expect(await alex('status DP001')).not.toMatch(/Acting as/);
    await postActivity(url, executeInvoke(fake.url, 'alex', button('approve')));
    expect((await votes()).map((v) => v.voter)).toContain('alexw@example.com');
    expect(await votes()).toHaveLength(4);
  });

  it('R81 "as Patti mine" shows Patti’s card, saying who it is for; "as Patti" then "mine" too', async () => {
    const cardText = async (text: string) => {
      const before = fake.sent.length;
      expect((await postActivity(url, personalMessage(fake.url, 'alex', text))).status).toBe(200);
      const att = (
        fake.sent.slice(before).at(-1)?.body.attachments as { content: unknown }[] | undefined
      )?.[0];
      return unescapeMarkdown(JSON.stringify(att?.content ?? null));
    };
    const once = await cardText('as Patti mine');
    expect(once).toContain('(As Patti Fernandez.)');
    expect(once).toContain('Vote on the Panel Fast Track ballot');
    await alex('as Patti');
    expect(await cardText('mine')).toContain('(Acting as Patti Fernandez');
    await alex('as me');
  });

  it('an unknown name, or a line with no name, is refused clearly and writes nothing', async () => {
    const before = await events();
    const unknown = await alex('as Zed vote DP001 approve');
    expect(unknown).toContain('Nobody called "Zed"');
    expect(unknown).toContain('Patti Fernandez');
    expect(await alex('as')).toMatch(/Type "as" and a person's name/);
    expect(await events()).toBe(before);
    expect(await votes()).toHaveLength(4);
  });

  it('only an admin may act as someone else; Megan is refused and nothing is written', async () => {
    const before = await events();
    const reply = await say(personalMessage(fake.url, 'megan', 'as Patti vote DP001 approve'));
    expect(reply).toMatch(/Only an admin/);
    expect(await say(personalMessage(fake.url, 'megan', 'as Patti'))).toMatch(/Only an admin/);
    expect(await events()).toBe(before);
    expect((await votes()).map((v) => v.voter)).not.toContain('pattif@example.com');
  });

  it('help in the local demo says how to act as someone else', async () => {
    expect(await alex('help')).toMatch(/"as Megan vote DP001 approve"/);
  });
});

eachDatabase('outside local mode "as" is refused (R79, R89)', (h) => {
  it('as Slack and a Teams app with credentials run it: refused, nothing written', async () => {
    const store = h.store;
    const engine = await demoEngine(store);
    const ix = interaction({ engine, log: () => {}, now: () => clock.now });
    const before = await count(store, 'events');
    const user = { platform: 'teams' as const, platformId: aad('alex') };
    const out = await ix.ask('as Megan raise title="X" problem="Y"', user, { deliveryId: 'as-1' });
    expect(out).toMatchObject({ ok: false, code: 'forbidden', reply: AS_LOCAL_ONLY });
    expect(await count(store, 'events')).toBe(before);
    expect(await engine.modifications()).toEqual([]);
  });
});

describe('the switch is for local mode on the embedded database only (R89)', () => {
  it('a name two people share is refused with both names; the longest name that fits wins', () => {
    const sams = [
      { id: 'sam.a@x', email: 'sam.a@x', name: 'Sam Able', roles: [] },
      { id: 'sam.b@x', email: 'sam.b@x', name: 'Sam Baker', roles: [] },
    ];
    const shared = asTarget(asLine('as Sam vote DP001 approve') as AsLine, sams);
    expect(shared).toEqual({
      ok: false,
      message: 'More than one person is called "sam": Sam Able, Sam Baker. Use the full name.',
    });
    expect(asTarget(asLine('as Sam Baker vote DP001 approve') as AsLine, sams)).toMatchObject({
      ok: true,
      person: { id: 'sam.b@x' },
      command: 'vote DP001 approve',
    });
    // Not an `as` line: the grammar reads it as usual.
    expect(asLine('assess DP001')).toBeUndefined();
  });

  it('the switch is never built for a real database, nor given to a Teams app with credentials', async () => {
    expect(() => actingAs('postgres')).toThrow(/embedded database only/);
    const store = await openStore({ memory: true });
    try {
      expect(() =>
        createTeamsApp({
          config: { clientId: 'x', clientSecret: 'y', tenantId: 'z' },
          engine: createEngine(store, { settings: DEFAULT_SETTINGS }),
          log: () => {},
          http: createHttpServer(),
          local: false,
          actingAs: actingAs(store.kind),
        }),
      ).toThrow(/local mode only/);
    } finally {
      await store.close();
    }
  });
});
