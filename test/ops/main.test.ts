// The operations surface as src/main.ts wires it, in a child process like an operator runs
// it: /readyz and /metrics on PORT, the engine's outcomes counted, the request id of a signed Slack
// request in the response header and on the JSON log line written while handling it, and a clean
// exit on SIGTERM. On PostgreSQL when it can be reached (the deployment this is for), else PGlite.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { SIGNING_SECRET, sign, slashCommandBody } from '../support/slack-requests.ts';
import { sample, scrape } from './ops-bot.ts';

const root = join(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`the bot process (src/main.ts) on ${pgUnreachable ? 'PGlite' : 'PostgreSQL'}`, () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let out = '';
  let exited: Promise<number>;
  let url: string;
  const cleanup: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack({ users: [['UBOB', { email: 'bob@example.org', name: 'Bob' }]] });
    const env: Record<string, string> = {};
    if (pgUnreachable) {
      const dir = mkdtempSync(join(tmpdir(), 'secbot-ops-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
    } else {
      const db = await createPgDatabase();
      cleanup.push(() => db.drop());
      env.DATABASE_URL = db.url;
      // The directory, written before the bot starts (as `secbot people import` would).
      const store = await openStore({ databaseUrl: db.url, max: 1 });
      await createEngine(store, { settings: DEFAULT_SETTINGS }).importPeople(PEOPLE, {
        source: 'test',
        now: london('2027-01-11T09:00'),
      });
      await store.close();
    }
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['bin/start.js'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'info',
        PORT: String(port),
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    await until(() => out.includes('SEC Change Bot running'), 60_000);
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
    for (const c of cleanup) await c();
  }, 30_000);

  it('answers /readyz with 200 and serves /metrics with the bot and process metrics', async () => {
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    const { status, text } = await scrape(url);
    expect(status).toBe(200);
    for (const name of ['secbot_commands_total', 'secbot_ack_duration_seconds', 'secbot_deadlines_overdue'])
      expect(text).toContain(`# TYPE ${name} `);
    expect(sample(text, 'secbot_outbox_pending_messages')).toBe(0);
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
  });

  it.skipIf(Boolean(pgUnreachable))(
    'counts a command sent as a signed Slack request and logs its request id as JSON',
    async () => {
      const signed = sign(
        slashCommandBody({ user: 'UBOB', text: 'raise title="Ops" problem="Through main"' }),
      );
      const res = await fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      expect(String(((await res.json()) as { text?: string }).text)).toMatch(/DP001/);
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await until(() => out.includes('slack user linked by e-mail'), 5_000);
      const line = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.msg === 'slack user linked by e-mail');
      expect(line?.requestId).toBe(id);
      const { text } = await scrape(url);
      expect(
        sample(text, 'secbot_commands_total', { platform: 'slack', outcome: 'accepted', code: '' }),
      ).toBe(1);
      expect(sample(text, 'secbot_ack_duration_seconds_count', { platform: 'slack', kind: 'command' })).toBe(
        1,
      );
    },
  );

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped cleanly');
  }, 30_000);
});
