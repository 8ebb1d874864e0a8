// QUALITY.md security, R47: secrets come only from the environment and none is logged. The bot runs as
// an operator runs it (src/main.ts in a child process) with a Slack bot token, a signing secret, a Teams
// client secret and a PostgreSQL URL with a password, and is driven through good and failing traffic:
// signed and badly signed Slack requests, the fake Slack Web API answering 500, Teams activities without,
// with forged and with valid tokens (whose replies then fail: no Microsoft login offline), outbox sends
// that fail; then started against an unreachable database and with a Slack token Slack refuses. The
// whole output (stdout and stderr) is searched for every secret, as is and URL-encoded: none may appear.
// The in-process logger (src/logger.ts) is checked the same way with secrets in fields and messages.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { createLogger } from '../../src/logger.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';
import { london } from '../support/directory.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { blockActionsBody, sign, slashCommandBody } from '../support/slack-requests.ts';
import { aad, personalMessage, startFakeConnector } from '../support/teams-activities.ts';
import type { FakeConnector } from '../support/teams-activities.ts';
import type { KeyServer } from '../support/teams-jwks.ts';
import { connectorClaims, newKey, signToken, startKeyServer } from '../support/teams-jwks.ts';
import { DIRECTORY, slackId } from './harness.ts';

const root = join(import.meta.dirname, '..', '..');
const BOT_TOKEN = 'xoxb-4242-1717-SeCrEtBoTtOkEnVaLuE';
const SIGNING = 'sIgNiNgSeCrEt0123456789abcdefXYZ';
const TEAMS_SECRET = 'tEaMs~CLIENT.SeCrEt_VaLuE-42';
const DB_PASSWORD = 'pG-PaSsWoRd-s3cr3t-XyZ';
const APP_ID = '00000000-aaaa-bbbb-cccc-0000000005ec';
const TENANT = '11111111-2222-3333-4444-555555555555';
const WEB_SECRET = 'wEb-SeCrEt-for-register-links-0123456789';
const SECRETS = { BOT_TOKEN, SIGNING, TEAMS_SECRET, DB_PASSWORD, WEB_SECRET };

/** Every secret found in `text`, as is or URL-encoded. */
function leaked(text: string): string[] {
  const found: string[] = [];
  for (const [name, v] of Object.entries(SECRETS)) {
    for (const form of new Set([v, encodeURIComponent(v)])) if (text.includes(form)) found.push(name);
  }
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Run {
  out: () => string;
  exited: Promise<number>;
  kill(): void;
}

function runBot(env: Record<string, string>): Run {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return {
    out: () => out,
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

describe('R47 secrets never reach the log: the bot process under good and failing traffic', () => {
  let fake: FakeSlack;
  let connector: FakeConnector;
  let keys: KeyServer;
  let bot: Run;
  let url: string;
  let databaseUrl: string;
  const cleanup: (() => Promise<void> | void)[] = [];
  const trusted = newKey();

  beforeAll(async () => {
    fake = await startFakeSlack({
      token: BOT_TOKEN,
      users: [['UGUEST', { email: 'guest@elsewhere.org', name: 'Guest' }]],
    });
    connector = await startFakeConnector();
    keys = await startKeyServer([trusted]);
    const env: Record<string, string> = {};
    const people = DIRECTORY.map((p) => ({
      ...p,
      slack: slackId(p.handle ?? ''),
      teams: aad(p.handle ?? ''),
    }));
    if (pgUnreachable) {
      const dir = mkdtempSync(join(tmpdir(), 'secbot-secrets-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
      const store = await openStore({ dataDir: dir });
      await createEngine(store, { settings: DEFAULT_SETTINGS }).importPeople(people, {
        source: 'test',
        now: london('2026-12-01T10:00'),
      });
      await store.close();
      databaseUrl = `postgres://secbot:${DB_PASSWORD}@127.0.0.1:1/none`;
    } else {
      const db = await createPgDatabase();
      cleanup.push(() => db.drop());
      const u = new URL(db.url);
      u.password = DB_PASSWORD; // the server trusts 127.0.0.1; the password is still in the URL
      databaseUrl = u.toString();
      env.DATABASE_URL = databaseUrl;
      const store = await openStore({ databaseUrl, max: 1 });
      await createEngine(store, { settings: DEFAULT_SETTINGS }).importPeople(people, {
        source: 'test',
        now: london('2026-12-01T10:00'),
      });
      await store.close();
    }
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    bot = runBot({
      PORT: String(port),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: fake.url,
      TEAMS_CLIENT_ID: APP_ID,
      TEAMS_CLIENT_SECRET: TEAMS_SECRET,
      TEAMS_TENANT_ID: TENANT,
      TEAMS_OPENID_METADATA_URL: keys.metadataUrl,
      SEC_WEB_SECRET: WEB_SECRET,
      ...env,
    });
    await until(() => bot.out().includes('SEC Change Bot running'), 60_000, 'the bot to start');
  }, 90_000);

  afterAll(async () => {
    bot?.kill();
    await fake?.close();
    await connector?.close();
    await keys?.close();
    for (const c of cleanup) await c();
  }, 30_000);

  const slack = (body: string, headers: Record<string, string>) =>
    fetch(`${url}/slack/events`, { method: 'POST', headers, body });
  const teams = (activity: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });

  it('R47 traffic with failures leaves no secret in the output', async () => {
    // Slack: good, badly signed, old, unsigned.
    const good = sign(
      slashCommandBody({ user: slackId('alice'), text: 'raise title="Logs" problem="Secrets"' }),
      {
        secret: SIGNING,
      },
    );
    const ok = await slack(good.body, good.headers);
    expect(ok.status).toBe(200);
    expect(String(((await ok.json()) as { text?: string }).text)).toMatch(/DP001/);
    const body = slashCommandBody({ user: slackId('alice'), text: 'help' });
    expect((await slack(body, sign(body, { secret: 'wrong' }).headers)).status).toBe(401);
    const old = sign(body, { secret: SIGNING, ts: Math.floor(Date.now() / 1000) - 3600 });
    expect((await slack(old.body, old.headers)).status).toBe(401);
    expect((await slack(body, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    // The fake Web API fails: users.info for someone unlinked, the private reply, the outbox sends.
    fake.setFault('users.info', { status: 500 }, 3);
    fake.setFault('chat.postEphemeral', { status: 500 }, 3);
    fake.setFault('chat.postMessage', { status: 500 }, 5);
    fake.setFault('conversations.open', { error: 'invalid_auth' }, 2);
    const guest = sign(slashCommandBody({ user: 'UGUEST', text: 'status DP001' }), { secret: SIGNING });
    const who = await slack(guest.body, guest.headers);
    // Answered inside Slack's 3 s even though users.info fails (adapters/slack/app.ts: no retries before the ack).
    expect(who.status).toBe(200);
    expect(((await who.json()) as { text?: string }).text).toBe(
      'Slack could not tell me who you are; try again.',
    );
    const click = blockActionsBody({ user: slackId('cb4'), actionId: 'sec:vote:0', value: '{"bad":1}' });
    expect((await slack(click, sign(click, { secret: SIGNING }).headers)).status).toBe(200);
    const err = sign(slashCommandBody({ user: slackId('sam'), text: 'comment DP001 please add benefits' }), {
      secret: SIGNING,
    });
    expect((await slack(err.body, err.headers)).status).toBe(200);

    // Teams: no token, a forged one, one for another app, and a valid one (its reply needs a token from
    // Microsoft, which cannot be reached here: the failure is logged).
    const msg = personalMessage(connector.url, 'alice', 'status DP001');
    expect((await teams(msg)).status).toBe(401);
    const forged = signToken(newKey(), connectorClaims(APP_ID, connector.url));
    expect((await teams(msg, { authorization: `Bearer ${forged}` })).status).toBe(401);
    const other = signToken(trusted, connectorClaims('another-app', connector.url));
    expect((await teams(msg, { authorization: `Bearer ${other}` })).status).toBe(401);
    const valid = signToken(trusted, connectorClaims(APP_ID, connector.url));
    const res = await teams(personalMessage(connector.url, 'alice', 'status DP001'), {
      authorization: `Bearer ${valid}`,
    });
    expect(res.status).toBeLessThan(500);

    // Give the outbox workers and the failed sends time to log.
    await until(
      () => fake.calls.filter((c) => c.method === 'chat.postMessage').length >= 2,
      20_000,
      'the outbox to try Slack',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const out = bot.out();
    expect(out.length).toBeGreaterThan(500);
    // The traffic did produce failure lines (so the search covers them).
    expect(out).toMatch(/refused|failed|error/i);
    if (process.env.SECBOT_SHOW_LOG) console.log(out);
    expect(leaked(out)).toEqual([]);
  }, 60_000);

  it('R47 an unreachable database at start: a clear error and no password', async () => {
    const run = runBot({
      DATABASE_URL: `postgres://secbot:${DB_PASSWORD}@127.0.0.1:1/secbot`,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: fake.url,
      PORT: String(await freePort()),
    });
    const code = await Promise.race([
      run.exited,
      new Promise<number>((r) => setTimeout(() => r(-99), 45_000)),
    ]);
    run.kill();
    expect(code).not.toBe(0);
    expect(run.out()).toMatch(/ECONNREFUSED|connect|database/i);
    expect(leaked(run.out())).toEqual([]);
  }, 60_000);

  it('R47 a Slack token Slack refuses at start: the process stops, the token is not printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secbot-secrets-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const other = await startFakeSlack({ token: 'xoxb-some-other-token' });
    cleanup.push(() => other.close());
    const run = runBot({
      DATA_DIR: dir,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: other.url,
      TEAMS_CLIENT_ID: APP_ID,
      TEAMS_CLIENT_SECRET: TEAMS_SECRET,
      TEAMS_TENANT_ID: TENANT,
      PORT: String(await freePort()),
    });
    const code = await Promise.race([
      run.exited,
      new Promise<number>((r) => setTimeout(() => r(-99), 45_000)),
    ]);
    run.kill();
    expect(code).not.toBe(0);
    // One line naming the variable and where to look (R47), not the Web API client's own words.
    expect(run.out()).toMatch(/cannot start: Slack refused SLACK_BOT_TOKEN \(invalid_auth\): check /);
    expect(run.out()).not.toMatch(/An API error occurred/);
    expect(leaked(run.out())).toEqual([]);
  }, 60_000);
});

describe('R47 the logger (src/logger.ts) redacts secrets in fields and in messages', () => {
  it('R47 secret fields at any depth, tokens and bearer headers in messages, errors with secrets', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const log = createLogger('trace', sink);
    log.info({ token: BOT_TOKEN, signingSecret: SIGNING, clientSecret: TEAMS_SECRET }, 'config');
    log.info({ config: { slack: { botToken: BOT_TOKEN, signingSecret: SIGNING } } }, 'nested');
    log.info(
      {
        env: {
          SLACK_BOT_TOKEN: BOT_TOKEN,
          TEAMS_CLIENT_SECRET: TEAMS_SECRET,
          DATABASE_URL: `postgres://u:${DB_PASSWORD}@h/db`,
        },
      },
      'env',
    );
    log.warn({ headers: { authorization: `Bearer ${BOT_TOKEN}` } }, 'request');
    log.error(`calling Slack with ${BOT_TOKEN} failed`);
    log.error(`Authorization: Bearer ${TEAMS_SECRET}`);
    log.info({ password: DB_PASSWORD }, 'db');
    log.info({ config: { web: { secret: WEB_SECRET } }, env: { SEC_WEB_SECRET: WEB_SECRET } }, 'web');
    expect(out.split('\n').filter(Boolean)).toHaveLength(8);
    expect(leaked(out)).toEqual([]);
  });
});
