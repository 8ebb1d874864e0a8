// Teams proactive delivery (R46) end to end: the real Teams app over HTTP records the
// conversation references of the activities posted to it; the deliverer it returns sends outbox rows
// through fanOut and deliverDue to the connector each reference names (two fake connectors, so the
// serviceUrl chosen shows), falls back when none does, carries the bot's token with credentials, and
// a permanent failure reaches the admins. PGlite and PostgreSQL.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import type { TeamsApp } from '../../adapters/teams/app.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { id, PEOPLE } from '../support/directory.ts';
import type { Activity, FakeConnector } from '../support/teams-activities.ts';
import {
  aad,
  account,
  fixture,
  personalMessage,
  postActivity,
  startFakeConnector,
} from '../support/teams-activities.ts';

/** A: the connector the activities name (their serviceUrl); B: the configured fallback. */
let A: FakeConnector;
let B: FakeConnector;
beforeAll(async () => {
  [A, B] = await Promise.all([startFakeConnector(), startFakeConnector()]);
});
afterAll(async () => {
  await A.close();
  await B.close();
});

const TENANT = '00000000-0000-0000-0000-0000000000001';
/** The emulator's team (its General channel has the team's id) as Teams introduces it. */
const teamAdded = (serviceUrl: string): Activity => ({ ...fixture('conversation-update-team'), serviceUrl });
/** A line typed in the emulator's team channel by `handle`, in a thread (`;messageid=`). */
const teamLine = (serviceUrl: string, handle: string, text: string, n: number): Activity => ({
  type: 'message',
  id: `team-msg-${n}`,
  serviceUrl,
  channelId: 'msteams',
  text: `sec ${text}`,
  from: account(handle),
  recipient: { id: 'bot', name: 'SEC Bot' },
  conversation: {
    isGroup: true,
    conversationType: 'channel',
    tenantId: TENANT,
    id: `team-id;messageid=${n}`,
  },
  channelData: { tenant: { id: TENANT }, team: { id: 'team-id', name: 'My Team' } },
});

const toPerson = (key: string, person: string): Notification => ({
  key,
  to: { kind: 'person', person },
  text: key,
});
const toBoard = (key: string): Notification => ({
  key,
  to: { kind: 'channel', channel: 'change-board' },
  text: key,
});

eachDatabase('Teams proactive delivery', (h) => {
  let engine: Engine;
  let http: HttpServer;
  let teams: TeamsApp;
  let url: string;
  let fan: Deliverer;
  let n = 0;
  const now = () => new Date();
  const enqueue = (notes: Notification[]) =>
    h.store.transaction((tx) => tx.enqueue(notes.map((note) => ({ note, at: now() }))));
  const refs = () =>
    query<{ conversation_id: string; service_url: string; conversation_type: string; user_aad_id: string }>(
      h.store,
      'select * from teams_conversations order by conversation_id',
    );
  const deliver = () => deliverDue(h.store, [fan], now());
  const post = async (a: Activity) => expect((await postActivity(url, a)).status).toBe(200);

  // A fresh app per test: its recorder remembers what it stored, and each test empties the database.
  beforeEach(async () => {
    A.reset();
    B.reset();
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    http = createHttpServer();
    teams = createTeamsApp({
      engine,
      log: () => {},
      http,
      local: true,
      conversations: teamsStore(h.store.db),
    });
    await teams.start();
    await http.listen(0, '127.0.0.1');
    url = http.url();
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: now() },
    );
    const port = platformStore(h.store.db);
    const d = teams.deliverer({ port, serviceUrl: B.url, pacer: new Pacer({ intervalMs: 10 }) });
    fan = fanOut([d], port);
  });
  afterEach(() => http.close());

  it('R46: references are stored from the install, the team conversationUpdate and a first message', async () => {
    await post({ ...fixture('installation-update-personal'), serviceUrl: A.url });
    await post(teamAdded(A.url));
    await post(personalMessage(A.url, 'alice', 'sec help'));
    expect(await refs()).toMatchObject([
      {
        conversation_id: '99e41d90-cb0d-4e40-a334-75a52d014687',
        conversation_type: 'personal',
        user_aad_id: '00000000-0000-0000-0000-0000000000020',
        service_url: A.url,
      },
      { conversation_id: 'a:dm-alice', conversation_type: 'personal', user_aad_id: aad('alice') },
      { conversation_id: 'team-id', conversation_type: 'channel', service_url: A.url },
    ]);
  });

  it('R46, R1: a DM goes to the person stored 1:1 chat at its serviceUrl; no conversation is created', async () => {
    await post(personalMessage(A.url, 'alice', 'sec help'));
    A.reset();
    await enqueue([toPerson('dm-alice', id('alice'))]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(A.sent.map((s) => [s.conversation, s.body.text])).toEqual([['a:dm-alice', 'dm-alice']]);
    expect([...A.created, ...B.created, ...B.sent]).toEqual([]);
  });

  it('R46: `admin channel` typed in a team thread registers the channel; its posts go to its serviceUrl', async () => {
    await post(teamAdded(A.url));
    await post(teamLine(A.url, 'ada', 'admin channel change-board', ++n));
    expect(await query(h.store, "select channel_id from channels where platform = 'teams'")).toEqual([
      { channel_id: 'team-id' },
    ]);
    A.reset();
    await enqueue([toBoard('board-1')]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(A.sent.map((s) => s.conversation)).toEqual(['team-id']);
    expect(B.calls).toEqual([]);
  });

  it('R46: with no reference, the tenant newest reference, else the fallback serviceUrl; a created 1:1 is kept', async () => {
    await engine.execute(
      {
        command: { type: 'admin-channel', channel: 'change-board', platform: 'teams', channelId: '19:cb' },
        actor: id('ada'),
        platform: 'cli',
      },
      now(),
    );
    await enqueue([toBoard('board-fallback'), toPerson('dm-cb1', id('cb1'))]);
    expect(await deliver()).toMatchObject({ sent: 2 });
    expect(B.sent.map((s) => s.conversation).sort()).toEqual(['19:cb', B.created[0]?.id].sort());
    expect(B.created.map((c) => c.body.members)).toEqual([[{ id: aad('cb1') }]]);
    // The 1:1 created is stored: the next DM reuses it without asking Teams again.
    await enqueue([toPerson('dm-cb1-again', id('cb1'))]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(B.created).toHaveLength(1);
    // Once Teams has named a connector for the tenant, a new 1:1 is created there, not at the fallback.
    await post(teamAdded(A.url));
    await enqueue([toPerson('dm-cb2', id('cb2'))]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(A.created.map((c) => c.body.members)).toEqual([[{ id: aad('cb2') }]]);
    expect(A.sent.map((s) => s.body.text)).toEqual(['dm-cb2']);
  });

  it('R46: a permanent failure (403) is not retried and is reported to the admins on Teams', async () => {
    await post(personalMessage(A.url, 'alice', 'sec help'));
    await post(personalMessage(A.url, 'ada', 'sec help'));
    A.reset();
    A.setFault('send', { status: 403 });
    await enqueue([toPerson('refused', id('alice'))]);
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(await deliver()).toMatchObject({ sent: 1 });
    const report = A.sent.find((s) => s.conversation === 'a:dm-ada');
    expect(report?.body.text).toMatch(/could not be delivered \(teams: HTTP 403\)/);
    expect(A.sent.filter((s) => s.conversation === 'a:dm-alice')).toEqual([]);
  });

  it('R46: a raise typed in Teams reaches the proposer DM and the Change Board channel through fanOut', async () => {
    await post(teamAdded(A.url));
    await post(teamLine(A.url, 'ada', 'admin channel change-board', ++n));
    await deliver();
    A.reset();
    await post(personalMessage(A.url, 'alice', 'raise title="Faster switching" problem="Too slow"'));
    const reply = A.sent.find((s) => s.conversation === 'a:dm-alice')?.body.text;
    expect(reply).toMatch(/DP\d+/);
    const before = A.sent.length;
    expect(await deliver()).toMatchObject({ failed: 0, unknown: 0 });
    const proactive = A.sent.slice(before);
    const board = proactive.filter((s) => s.conversation === 'team-id');
    expect(board).toHaveLength(1);
    expect(board[0]?.body.attachments).toMatchObject([
      { contentType: 'application/vnd.microsoft.card.adaptive' },
    ]);
    expect(proactive.filter((s) => s.conversation === 'a:dm-alice').length).toBeGreaterThanOrEqual(1);
    expect(A.created).toEqual([]);
    expect(B.calls).toEqual([]);
  });

  it('R46: with credentials every connector call carries the bot token the SDK obtains; local mode sends none', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'none' })}.${b64({ aud: 'https://api.botframework.com', exp: 4_102_444_800 })}.x`;
    const scopes: unknown[] = [];
    let loginDown = true;
    const withCredentials = createTeamsApp({
      config: { clientId: 'app-id', clientSecret: 'unused', tenantId: TENANT },
      botToken: (scope) => {
        if (loginDown) throw new Error('login down');
        scopes.push(scope);
        return jwt;
      },
      engine,
      log: () => {},
      http: createHttpServer(),
      local: false,
      conversations: teamsStore(h.store.db),
    });
    expect(await teams.token()).toBeUndefined();
    const port = platformStore(h.store.db);
    const signed = fanOut([withCredentials.deliverer({ port, serviceUrl: B.url })], port);
    await post(personalMessage(A.url, 'alice', 'sec help'));
    A.reset();
    await enqueue([toPerson('signed', id('alice'))]);
    // No token: certainly not sent, so retried (not left `unknown`), and nothing reached Teams.
    expect(await deliverDue(h.store, [signed], now())).toMatchObject({ retried: 1 });
    const [row] = await query<{ last_error: string }>(
      h.store,
      "select last_error from outbox where key = 'signed'",
    );
    expect(row?.last_error).toBe('teams: no bot token: login down');
    expect(A.calls).toEqual([]);
    loginDown = false;
    expect(await withCredentials.token()).toBe(jwt);
    expect(await deliverDue(h.store, [signed], new Date(Date.now() + 60_000))).toMatchObject({ sent: 1 });
    expect(A.calls.map((c) => c.authorization)).toEqual([`Bearer ${jwt}`]);
    // A 1:1 opened with credentials names the bot and the configured tenant (no reference in it: fallback).
    await enqueue([toPerson('signed-new', id('cb1'))]);
    expect(await deliverDue(h.store, [signed], now())).toMatchObject({ sent: 1 });
    expect(B.created[0]?.body).toMatchObject({ bot: { id: '28:app-id' }, tenantId: TENANT });
    expect(B.calls.map((c) => c.authorization)).toEqual([`Bearer ${jwt}`, `Bearer ${jwt}`]);
    A.reset();
    expect(scopes).toContain('https://api.botframework.com/.default');
    await enqueue([toPerson('unsigned', id('alice'))]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(A.calls.map((c) => [c.route, c.authorization])).toEqual([['send', undefined]]);
  });
});
