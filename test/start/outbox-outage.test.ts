// R86 as an operator reads the log: `npm start` on PostgreSQL through a TCP proxy (test/ops/tcp-proxy.ts)
// with Slack on the fake Web API, so the outbox workers run; the proxy then refuses connections for a
// few seconds and forwards again. The outage is one warning without a stack, and one line when the
// database answers again (was: about 16 error lines a second, each with its stack trace).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyDatabase, type TcpProxy } from '../ops/tcp-proxy.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';
import { databaseUnreachable } from '../../src/main.ts';
import { freePort, start, stop, until, type Started } from './spawn.ts';

if (pgUnreachable) throw new Error(`these tests need PostgreSQL: ${pgUnreachable}`);

const PAUSED = 'database unreachable; outbox delivery paused until it answers';
const RESUMED = 'database answers again; outbox delivery resumed';

describe('the outbox while PostgreSQL is unreachable (R86)', () => {
  let fake: FakeSlack;
  let database: { url: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let bot: Started;

  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await createPgDatabase();
    const proxied = await proxyDatabase(database.url);
    proxy = proxied.proxy;
    bot = start({
      DATABASE_URL: proxied.url,
      PORT: String(await freePort()),
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
    });
    await until(
      () => bot.output().includes('SEC Change Bot running') || bot.child.exitCode !== null,
      120_000,
      'the bot',
    );
    if (bot.child.exitCode !== null) throw new Error(`the bot exited:\n${bot.output()}`);
  }, 150_000);

  afterAll(async () => {
    if (bot) await stop(bot);
    await proxy?.close();
    await fake?.close();
    await database?.drop();
  });

  it('refused for 5 s: one warning without a stack, then one line when it answers again', async () => {
    const from = bot.output().length;
    const lines = () =>
      bot
        .output()
        .slice(from)
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown; error?: string });
    await proxy.refuse();
    await new Promise((r) => setTimeout(r, 5000));
    await proxy.forward();
    await until(() => lines().some((l) => l.msg === RESUMED), 20_000, 'the resumed line');
    await new Promise((r) => setTimeout(r, 1500)); // and nothing more from the workers after it
    const outbox = lines().filter((l) => /outbox delivery/.test(l.msg));
    expect(outbox.map((l) => [l.level, l.msg])).toEqual([
      [40, PAUSED],
      [30, RESUMED],
    ]);
    expect(outbox[0]).toMatchObject({ error: 'ECONNREFUSED' });
    expect(outbox[0]?.err).toBeUndefined();
    expect(bot.child.exitCode).toBeNull();
  }, 60_000);

  it('a connection-level failure is told from the others', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(databaseUnreachable(refused)).toBe(true);
    expect(databaseUnreachable(new Error('query failed', { cause: refused }))).toBe(true);
    expect(
      databaseUnreachable(Object.assign(new Error('write CONNECTION_ENDED'), { code: 'CONNECTION_ENDED' })),
    ).toBe(true);
    expect(databaseUnreachable(Object.assign(new Error('ended'), { code: '57P01' }))).toBe(true);
    expect(databaseUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(databaseUnreachable(new TypeError('x is undefined'))).toBe(false);
  });
});
