// `npm start` as an operator runs it (R47): the real composition root in a child process, on a fresh
// embedded database, with Slack pointed at the local fake Web API. It serves signed /sec requests on
// PORT, refuses a second process on the same data folder, and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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

const root = join(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => out, exited };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
    await until(() => bot.output().includes('SEC Change Bot running'), 60_000);
  }, 90_000);

  afterAll(async () => {
    bot.child.kill('SIGKILL');
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
    await until(() => bot.output().includes('local mode'), 60_000);
  }, 90_000);

  afterAll(async () => {
    bot.child.kill('SIGKILL');
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R47 says where the data is and that no credentials were found, and answers Teams on 127.0.0.1', async () => {
    expect(bot.output()).toContain(dir);
    expect(bot.output()).toContain('no Slack or Teams credentials were found');
    const res = await postActivity(
      `http://127.0.0.1:${port}`,
      personalMessage(connector.url, 'visitor', 'sec help'),
    );
    expect(res.status).toBe(200);
    await until(() => connector.sent.length > 0, 10_000);
    expect(String(connector.sent.at(-1)?.body.text)).toContain('workdays');
  });
});
