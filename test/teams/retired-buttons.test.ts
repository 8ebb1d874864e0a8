// R75 on Teams: the poll DM each Working Group member got with its slot buttons is replaced in place
// (the Bot Connector's PUT of the same activity) by the closed poll, without buttons and saying which
// time SECAS confirmed, through the real Teams app's deliverer, the outbox and the card policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import type { FakeConnector, Sent } from '../support/teams-activities.ts';
import { aad, startFakeConnector } from '../support/teams-activities.ts';

const db = slackDatabase();
const MEMBERS = ['alice', 'bob', 'cb1', 'cb2', 'cb3', 'cb5'];

describe(`R75 retired buttons delivered to Teams on ${db.name}`, () => {
  let connector: FakeConnector;
  let http: HttpServer;
  let engine: Engine;
  let fan: Deliverer;
  let now = london('2026-12-01T09:00');

  async function type(handle: string, when: string, text: string): Promise<void> {
    now = london(when);
    const r = await engine.ask(text, id(handle), now, { platform: 'cli' });
    if (!r.ok) throw new Error(`${handle} "${text}" was refused: ${r.reply}`);
  }
  const deliver = async () => {
    const store = await db.store();
    while ((await deliverDue(store, [fan], now)).claimed > 0);
  };
  const cardOf = (s: Sent): string => JSON.stringify(s.body.attachments ?? []);

  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    connector = await startFakeConnector();
    engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    http = createHttpServer();
    const teams = createTeamsApp({
      engine,
      log: () => {},
      http,
      local: true,
      conversations: teamsStore(store.db),
    });
    await teams.start();
    await http.listen(0, '127.0.0.1');
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now },
    );
    const port = platformStore(store.db);
    const d = teams.deliverer({ port, serviceUrl: connector.url, pacer: new Pacer({ intervalMs: 1 }) });
    fan = fanOut([d], port);
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await connector?.close();
  });

  it('R40 R75: confirming the time replaces every member’s poll DM with the closed poll, without buttons', async () => {
    await type('alice', '2026-12-01T10:00', 'raise title="Faster switching" problem="Too slow"');
    await type('sam', '2026-12-01T10:01', 'iar DP001 impacts="Suppliers" route=refinement');
    await type('chair', '2026-12-01T10:02', 'panel route DP001 refinement self-governance');
    await type('sam', '2026-12-01T10:03', 'wg form MP001 bob cb1 cb2 cb3 cb5');
    await type('sam', '2026-12-01T10:04', 'meeting propose MP001 2026-12-15T10:00 2026-12-16T14:00');
    await deliver();
    const polls = connector.sent.filter((s) => cardOf(s).includes('Which of these times can you attend?'));
    expect(polls).toHaveLength(MEMBERS.length);
    for (const p of polls) expect(cardOf(p)).toContain('Action.Execute');
    const conversations = polls.map((p) => p.conversation).sort();

    await type('sam', '2026-12-02T10:00', 'meeting confirm MP001 2');
    const updated = connector.updated.length;
    await deliver();
    const replaced = connector.updated
      .slice(updated)
      .filter((u) => polls.some((p) => p.conversation === u.conversation && p.id === u.id));
    expect(replaced.map((u) => u.conversation).sort()).toEqual(conversations);
    for (const u of replaced) {
      expect(cardOf(u)).not.toContain('Action.Execute');
      expect(cardOf(u)).toContain('SECAS confirmed Wed 16 Dec 2026, 14:00.');
    }
  });
});
