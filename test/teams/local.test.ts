// Local mode's parts: the demo directory and channel registration on an embedded
// database, the emulator's config against our constants, the emulator itself started and stopped, and
// the paragraph npm start prints.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN,
  DEMO_CHANNELS,
  DEMO_PEOPLE,
  emulatorUserId,
  localModeParagraph,
  prepareDemo,
  seedConversations,
  startLocalMode,
  type DemoDirectory,
} from '../../adapters/teams/local.ts';
import { PLAYGROUND_CONFIG, startEmulator } from '../../adapters/teams/local-emulator.ts';
import { openStore, type OpenStore } from '../../db/open.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { teamsDeliverer } from '../../adapters/teams/notifier.ts';
import type { OutboxMessage } from '../../src/app/ports.ts';
import { createEngine, type Engine } from '../../src/app/engine.ts';
import { ROLES } from '../../src/domain/types.ts';
import { parseSettings } from '../../src/domain/settings.ts';
import { childCommands } from '../start/spawn.ts';
import { PEOPLE } from '../support/directory.ts';

const settings = (() => {
  const s = parseSettings({});
  if (!s.ok) throw new Error(s.errors.join('; '));
  return s.settings;
})();
const now = new Date('2027-01-11T09:00:00Z');

async function fresh(): Promise<{ store: OpenStore; engine: Engine }> {
  const store = await openStore({ memory: true });
  return { store, engine: createEngine(store, { settings }) };
}

describe('local mode: demo directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secbot-emulator-'));
  let store: OpenStore;
  let engine: Engine;
  beforeAll(async () => ({ store, engine } = await fresh()), 60_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R47 an empty directory gets the demo people, each linked to the emulator user by AAD id', async () => {
    const port = platformStore(store.db);
    const r = await prepareDemo(engine, (p, n) => port.channelId(p, n), now);
    expect(r).toEqual({
      loaded: true,
      people: 6,
      demo: true,
      registered: ['change-board', 'panel', 'announcements'],
    });
    const people = await engine.people();
    const alex = people.find((p) => p.id === 'alexw@example.com');
    expect(new Set(alex?.roles)).toEqual(new Set(ROLES));
    for (const p of DEMO_PEOPLE) expect(await engine.whoIs('teams', p.teams as string)).toBe(p.email);
    expect(people.filter((p) => p.roles.includes('panel') || p.roles.includes('panel_chair'))).toHaveLength(
      5,
    );
    expect(people.filter((p) => p.roles.includes('change_board'))).toHaveLength(5);
    for (const [name, { id }] of Object.entries(DEMO_CHANNELS))
      expect(await port.channelId('teams', name as keyof typeof DEMO_CHANNELS)).toBe(id);
  });

  it('R47 a restart changes nothing, and a channel the admin moved stays moved', async () => {
    const port = platformStore(store.db);
    await engine.ask('admin channel panel', DEMO_ADMIN.email, now, {
      platform: 'teams',
      parse: { channel: { platform: 'teams', id: 'elsewhere' } },
    });
    const before = await engine.people();
    const r = await prepareDemo(engine, (p, n) => port.channelId(p, n), now);
    expect(r).toEqual({ loaded: false, people: 6, demo: true, registered: [] });
    expect(await engine.people()).toEqual(before);
    expect(await port.channelId('teams', 'panel')).toBe('elsewhere');
  });

  it('the emulator starts with our config; DMs and channel posts reach it through the Teams deliverer', async () => {
    const r = await startEmulator({
      botUrl: 'http://127.0.0.1:9/api/messages',
      port: 0,
      logFile: join(dir, 'emulator.log'),
    });
    if (!r.ok) throw new Error(r.message);
    const { emulator } = r;
    try {
      expect((await fetch(emulator.url)).status).toBe(200);
      const conversations = teamsStore(store.db);
      expect(await seedConversations(conversations, emulator.connectorUrl, now)).toBe(9);
      const deliverer = teamsDeliverer({ port: platformStore(store.db), conversations });
      const send = (to: OutboxMessage['to'], key: string) =>
        deliverer.deliver({ id: 1, attempts: 0, createdAt: now, key, to, text: `hello ${key}` });
      expect(await send({ kind: 'person', person: 'alexw@example.com' }, 'alex')).toMatchObject({
        status: 'sent',
        channel: 'sec-personal-chat',
      });
      expect(await send({ kind: 'person', person: 'meganb@example.com' }, 'megan')).toMatchObject({
        status: 'sent',
      });
      // (the Panel channel was moved to 'elsewhere' above)
      expect(await send({ kind: 'channel', channel: 'announcements' }, 'news')).toMatchObject({
        status: 'sent',
        channel: 'sec-announcements',
      });
      expect(await send({ kind: 'channel', channel: 'change-board' }, 'cb')).toMatchObject({
        status: 'sent',
        channel: 'sec-change-board',
      });
    } finally {
      await emulator.stop();
    }
    await expect(fetch(emulator.url)).rejects.toThrow();
  }, 60_000);
});

describe('local mode: a real directory is never touched', () => {
  let store: OpenStore;
  let engine: Engine;
  beforeAll(async () => ({ store, engine } = await fresh()), 60_000);
  afterAll(() => store.close());

  it('R47 no demo people and no channels when the directory has people', async () => {
    await engine.importPeople(PEOPLE, { source: 'test', now });
    const port = platformStore(store.db);
    const r = await prepareDemo(engine, (p, n) => port.channelId(p, n), now);
    expect(r).toEqual({ loaded: false, people: PEOPLE.length, demo: false, registered: [] });
    expect(await engine.whoIs('teams', DEMO_ADMIN.teams as string)).toBeNull();
    expect(await port.channelId('teams', 'panel')).toBeNull();
  });

  it('R47 without the emulator package local mode still starts and says how to get it', async () => {
    const port = platformStore(store.db);
    const local = await startLocalMode({
      engine,
      channelId: (p, n) => port.channelId(p, n),
      conversations: teamsStore(store.db),
      botPort: 3978,
      emulator: { packageName: '@microsoft/no-such-emulator' },
      now: () => now,
    });
    expect(local.emulator).toMatchObject({ ok: false, reason: 'missing' });
    expect(local.connectorUrl).toBeUndefined();
    expect(local.paragraph('/data')).toContain('The Teams emulator is not installed');
    await local.stop();
  });
});

describe('local mode: the emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secbot-emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('manifest/teams/playground.yml holds the ids the demo directory and channels use', () => {
    const yml = readFileSync(PLAYGROUND_CONFIG, 'utf8');
    for (const [i, p] of DEMO_PEOPLE.entries()) {
      expect(yml).toMatch(new RegExp(`id: ${emulatorUserId(i)}\\s+name: ${p.name}\\s`));
      expect(yml).toContain(`aadObjectId: ${p.teams}`);
      expect(yml).toContain(`email: ${p.email}`);
      expect(yml).toContain(`name: ${p.name}`);
    }
    for (const { id } of Object.values(DEMO_CHANNELS)) expect(yml).toContain(`id: ${id}`);
  });

  it('a config the emulator rejects is reported, and nothing is left running', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, readFileSync(PLAYGROUND_CONFIG, 'utf8').replace(/^version: .*$/m, ''));
    const r = await startEmulator({
      botUrl: 'http://127.0.0.1:9/api/messages',
      port: 0,
      configPath: bad,
      logFile: join(dir, 'bad.log'),
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("must have required property 'version'");
    expect(childCommands(process.pid).filter((c) => c.includes('m365agentsplayground'))).toEqual([]);
  }, 60_000);
});

describe('local mode: the paragraph', () => {
  const demo: DemoDirectory = { loaded: true, people: 6, demo: true, registered: [] };
  const base = { data: '/srv/secbot/data', botUrl: 'http://127.0.0.1:3978/api/messages', demo };
  const running = {
    ok: true as const,
    emulator: {
      url: 'http://127.0.0.1:56150/',
      connectorUrl: 'http://localhost:56150/_connector',
      port: 56150,
      logFile: '/tmp/x.log',
      stop: async () => {},
    },
  };

  it('R47 says where the data is, that no credentials were found, how to add them, and the URL to open', () => {
    const p = localModeParagraph({ ...base, emulator: running });
    expect(p).not.toContain('\n');
    expect(p).toContain('no Slack or Teams credentials were found');
    expect(p).toContain('/srv/secbot/data');
    expect(p).toContain('http://127.0.0.1:56150/');
    for (const v of [
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'TEAMS_CLIENT_ID',
      'TEAMS_CLIENT_SECRET',
      'TEAMS_TENANT_ID',
    ])
      expect(p).toContain(v);
    expect(p).toContain('README, "Connect to Teams"');
    expect(p).toContain('Alex Wilber');
    // R79: the welcome text names the way to act as the other demo people.
    expect(p).toContain('"as Megan vote DP001 approve"');
    expect(p).toContain('"as me"');
  });

  it('R47 a missing emulator and a real directory are said plainly', () => {
    const p = localModeParagraph({
      ...base,
      data: 'postgres://secbot@db.example.org/secbot',
      demo: { loaded: false, people: 40, demo: false, registered: [] },
      emulator: { ok: false, reason: 'missing', message: 'not installed' },
    });
    expect(p).toContain('The Teams emulator is not installed');
    expect(p).toContain('--omit=dev');
    expect(p).toContain('already holds 40 people');
    expect(p).toContain('PostgreSQL database postgres://secbot@db.example.org/secbot');
    expect(p).not.toContain('Alex Wilber');
    expect(p).not.toContain('"as me"');
  });
});
