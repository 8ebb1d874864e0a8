// `npm start` as an operator runs it (R47): the real composition root in a child process, on a fresh
// embedded database, with Slack pointed at the local fake Web API. It serves signed /sec requests on
// PORT, refuses a second process on the same data folder, and stops cleanly on SIGTERM. With Slack or
// Teams credentials local mode is off; with none, it prints its paragraph and runs the Teams emulator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { SIGNING_SECRET, post, sign, slashCommandBody } from '../support/slack-requests.ts';
import {
  personalMessage,
  postActivity,
  startFakeConnector,
  type FakeConnector,
} from '../support/teams-activities.ts';
import { alive } from './npm.ts';
import { childCommands, childPids, emulatorUrl, freePort, start, stop, until } from './spawn.ts';

const EMULATOR = 'm365agentsplayground';

describe('npm start (R47)', () => {
  let fake: FakeSlack;
  let dir: string;
  let port: number;
  let bot: ReturnType<typeof start>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'secbot-start-'));
    port = await freePort();
    bot = start({
      DATA_DIR: dir,
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
    });
    await until(() => bot.output().includes('SEC Change Bot running'), 60_000, 'the bot');
  }, 90_000);

  afterAll(async () => {
    await stop(bot);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R47 R42 serves signed /sec requests on PORT; an unregistered user is told so (R66)', async () => {
    expect(bot.output()).not.toContain('xoxb-test-token'); // secrets never logged
    const help = await post(
      `http://127.0.0.1:${port}`,
      sign(slashCommandBody({ user: 'U0NEW', text: 'help' })),
    );
    expect(help.status).toBe(200);
    expect(help.text).toContain('workdays');
    const raise = await post(
      `http://127.0.0.1:${port}`,
      sign(slashCommandBody({ user: 'U0NEW', text: 'raise title="x" problem="y"' })),
    );
    expect(raise.text).toContain('You are not registered; ask an admin.');
    const bad = await post(
      `http://127.0.0.1:${port}`,
      sign(slashCommandBody({ user: 'U0NEW', text: 'help' }), { secret: 'wrong' }),
    );
    expect(bad.status).toBe(401);
  });

  it('R47 with Slack credentials local mode is off: no emulator, no paragraph', () => {
    expect(childCommands(bot.child.pid as number).filter((c) => c.includes(EMULATOR))).toEqual([]);
    expect(bot.output()).not.toContain('local mode');
    expect(emulatorUrl(bot.output())).toBeUndefined();
  });

  it('R47 a second process on the same data folder is refused with a clear message', async () => {
    const second = start({ DATA_DIR: dir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by process \d+/);
  }, 60_000);

  it('R47 SIGTERM finishes and exits 0', async () => {
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('stopped cleanly');
  }, 30_000);
});

describe('npm start with Teams credentials (R47)', () => {
  let dir: string;
  let bot: ReturnType<typeof start>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-teams-'));
    bot = start({
      DATA_DIR: dir,
      PORT: String(await freePort()),
      TEAMS_CLIENT_ID: '00000000-0000-0000-0000-0000000000aa',
      TEAMS_CLIENT_SECRET: 'test-secret',
      TEAMS_TENANT_ID: '00000000-0000-0000-0000-0000000000bb',
    });
    await until(() => bot.output().includes('SEC Change Bot running'), 60_000, 'the bot');
  }, 90_000);

  afterAll(async () => {
    await stop(bot);
    rmSync(dir, { recursive: true, force: true });
  });

  it('R47 local mode is off: no emulator, no paragraph', () => {
    expect(childCommands(bot.child.pid as number).filter((c) => c.includes(EMULATOR))).toEqual([]);
    expect(bot.output()).not.toContain('local mode');
    expect(bot.output()).not.toContain('test-secret');
  });

  it("R47 the credentials are checked at start: Microsoft's login cannot be reached from here, which is said in one line and does not stop the start", () => {
    // This machine reaches no Microsoft server, so MSAL's real request fails on the network.
    expect(bot.output()).toMatch(
      /teams: no answer from Microsoft's login at https:\/\/login\.microsoftonline\.com\/00000000-0000-0000-0000-0000000000bb to check TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET/,
    );
    // MSAL's own narration of the request stays out of the log.
    expect(bot.output()).not.toContain('acquireTokenByClientCredential');
  });
});

describe('npm start with no credentials: local mode (R47)', () => {
  let connector: FakeConnector;
  let dir: string;
  let port: number;
  let bot: ReturnType<typeof start>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    dir = mkdtempSync(join(tmpdir(), 'secbot-local-'));
    port = await freePort();
    bot = start({ DATA_DIR: dir, PORT: String(port) });
    await until(() => bot.output().includes('SEC Change Bot running in local mode'), 60_000, 'local mode');
  }, 90_000);

  afterAll(async () => {
    await stop(bot);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R47 prints one paragraph: the data, no credentials found, how to add them, the emulator to open', () => {
    const paragraph = bot
      .output()
      .split('\n')
      .find((l) => l.startsWith('SEC Change Bot is running in local mode'));
    expect(paragraph).toBeDefined();
    expect(paragraph).toContain(dir);
    expect(paragraph).toContain('no Slack or Teams credentials were found');
    expect(paragraph).toContain('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    expect(paragraph).toContain('TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID');
    expect(paragraph).toContain('README, "Connect to Teams"');
    expect(paragraph).toContain('You are Alex Wilber, who holds every role');
    expect(emulatorUrl(bot.output())).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('R47 starts the Teams emulator: its page answers', async () => {
    expect(childCommands(bot.child.pid as number).filter((c) => c.includes(EMULATOR))).toHaveLength(1);
    const res = await fetch(emulatorUrl(bot.output()) as string);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('R47 answers Teams on 127.0.0.1', async () => {
    const res = await postActivity(
      `http://127.0.0.1:${port}`,
      personalMessage(connector.url, 'visitor', 'sec help'),
    );
    expect(res.status).toBe(200);
    await until(() => connector.sent.length > 0, 10_000, 'the reply');
    expect(String(connector.sent.at(-1)?.body.text)).toContain('workdays');
  });

  it('R47 SIGTERM stops the emulator with the bot and exits 0', async () => {
    // Its process, not its port: another test file's local-mode start may take the emulator's fixed
    // port the moment this one frees it.
    const emulators = childPids(bot.child.pid as number, EMULATOR);
    expect(emulators).toHaveLength(1);
    expect(await stop(bot)).toBe(0);
    expect(bot.output()).toContain('stopped cleanly');
    expect(emulators.filter(alive)).toEqual([]);
  }, 30_000);
});
