// SPEC §12 as an operator meets it: `npm start` on PostgreSQL, reached through a TCP proxy
// (test/ops/tcp-proxy.ts) so that the path can be reset or silenced under a running bot, with Slack
// pointed at the fake Web API and the Panel voting by signed button clicks.
//   R86: connections reset while votes are in flight: the process stays up, every click is answered,
//        every vote said to be recorded is in the database, the next vote succeeds, the audit passes.
//   R87: PostgreSQL goes silent for 5 s: every click is answered inside Slack's 3 s (an apology while
//        it lasts), no session sits idle in a transaction holding locks, /readyz recovers by itself.
//   R90: 40 unsigned 4 MB posts at once are refused with 413, and the bot's memory barely moves.
//   R88: a second Ctrl-C while a stop waits on the silent database exits at once.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenStore } from '../../db/open.ts';
import { postBytes } from '../ops/post-bytes.ts';
import { proxyDatabase, type TcpProxy } from '../ops/tcp-proxy.ts';
import { sample, scrape } from '../ops/ops-bot.ts';
import { createPgDatabase, pgUnreachable, query } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { SIGNING_SECRET, blockActionsBody, post, sign } from '../support/slack-requests.ts';
import {
  ADMIN,
  PANEL,
  PROPOSER,
  engineOf,
  raiseBallots,
  registerChannels,
} from '../load/support-replicas.ts';
import { ctrlC, killGroup, npmStart, type NpmStarted } from './npm.ts';
import { freePort, root, until } from './spawn.ts';

if (pgUnreachable) throw new Error(`these tests need PostgreSQL: ${pgUnreachable}`);

/** Slack's limit for the ack. */
const ACK_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Click {
  voter: string;
  start: number;
  end: number;
  status: number;
  reply: string;
}

const recorded = (c: Click) => /recorded|your vote/i.test(c.reply) && !/sorry/i.test(c.reply);

describe('npm start on PostgreSQL behind a proxy (SPEC §12)', () => {
  let fake: FakeSlack;
  let database: { url: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let direct: OpenStore;
  let bot: NpmStarted;
  let url: string;
  let ballots: { ref: string; ballot: string }[];
  let seq = 0;

  /** One signed click by a Panel member; its private reply is the ephemeral that follows it. */
  async function click(voter: string, option: 'approve' | 'reject'): Promise<Click> {
    const b = ballots[seq % ballots.length] as { ref: string; ballot: string };
    const actionTs = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
    const before = fake.ephemerals.length;
    const start = Date.now();
    let status = 0;
    try {
      const res = await post(
        url,
        sign(
          blockActionsBody({
            user: voter,
            actionId: 'sec:vote:0',
            value: JSON.stringify({ ...b, option }),
            actionTs,
            channel: 'C0PANEL',
          }),
        ),
      );
      status = res.status;
    } catch {
      status = 0; // no answer at all: the process is gone
    }
    const end = Date.now();
    const mine = () => fake.ephemerals.slice(before).find((e) => e.user === voter);
    await until(() => mine() !== undefined || status !== 200, 8000, 'the private reply').catch(() => {});
    return { voter, start, end, status, reply: mine()?.text ?? '(no private reply)' };
  }

  /** Each Panel member clicks in turn until `stop()` says so; returns every click. */
  function load(): { clicks: Click[]; stop: () => Promise<Click[]> } {
    const clicks: Click[] = [];
    let running = true;
    const voters = PANEL.map((p) => p.slack as string);
    const loops = voters.map(async (voter, i) => {
      for (let turn = 0; running; turn++) {
        clicks.push(await click(voter, (turn + i) % 2 ? 'approve' : 'reject'));
        await sleep(50);
      }
    });
    return {
      clicks,
      stop: async () => {
        running = false;
        await Promise.all(loops);
        return clicks;
      },
    };
  }

  const alive = () => bot.child.exitCode === null && bot.exitedAt() === undefined;
  const rss = async () => sample((await scrape(url)).text, 'process_resident_memory_bytes');
  const readyStatus = () =>
    fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status,
      () => 0,
    );

  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await createPgDatabase();
    direct = await openStore({ databaseUrl: database.url });
    const engine = engineOf(direct);
    await engine.importPeople([ADMIN, PROPOSER, ...PANEL], { source: 'ops', now: new Date() });
    await registerChannels(engine, new Date());
    ballots = await raiseBallots(engine, 3, 'Operator');
    const proxied = await proxyDatabase(database.url);
    proxy = proxied.proxy;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    bot = npmStart({
      DATABASE_URL: proxied.url,
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-operator',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
    });
    await until(() => bot.output().includes('SEC Change Bot running') || !alive(), 90_000, 'the bot');
    if (!alive()) throw new Error(`the bot exited:\n${bot.output()}`);
  }, 120_000);

  afterAll(async () => {
    killGroup(bot);
    await proxy?.close();
    await direct?.close();
    await fake?.close();
    await database?.drop();
  });

  it('R86: five resets of every connection under a vote load: still running, every click answered, recorded votes durable, the audit passes', async () => {
    const l = load();
    await until(() => l.clicks.length >= 20, 30_000, 'clicks before the resets');
    const resetsAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      proxy.reset();
      resetsAt.push(Date.now());
      await sleep(300);
    }
    await sleep(1500);
    const clicks = await l.stop();
    expect(alive(), bot.output()).toBe(true);
    expect(bot.output()).not.toMatch(/TypeError|uncaught/i);
    // Answered: 200 (Bolt itself answers 404 when a listener has not acked within Slack's 3 s).
    expect(clicks.filter((c) => c.status !== 200)).toEqual([]);
    // Each vote said to be recorded is in the database (a repeat of one's own choice is "already").
    const votes = await query<{ voter: string; option: string }>(direct, 'select voter, option from votes');
    for (const c of clicks.filter(recorded)) {
      const who = PANEL.find((p) => p.slack === c.voter)?.email;
      expect(votes.some((v) => v.voter === who)).toBe(true);
    }
    const hit = clicks.filter((c) => c.start <= (resetsAt.at(-1) ?? 0) + 300 && c.end >= (resetsAt[0] ?? 0));
    const sorry = clicks.filter((c) => /sorry/i.test(c.reply));
    const failures = bot
      .output()
      .split('\n')
      .filter((line) => line.includes('slack button failed'))
      .map((line) => String((JSON.parse(line) as { error?: string }).error));
    console.log(`R86: apologies for: ${[...new Set(failures)].join(' | ')}`);
    console.log(
      `R86: ${clicks.length} clicks, ${hit.length} in flight during the resets, ${sorry.length} answered with an apology, ` +
        `slowest ack ${Math.max(...clicks.map((c) => c.end - c.start))} ms`,
    );
    // The next vote after the resets is recorded.
    const next = await click(PANEL[0]?.slack as string, 'approve');
    expect(next.status).toBe(200);
    expect(next.reply).not.toMatch(/sorry/i);
    const audit = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(
        process.execPath,
        ['bin/secbot.js', 'audit', 'verify', '--database-url', database.url],
        { cwd: root, env: { PATH: process.env.PATH ?? '' } },
        (e, stdout, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, out: stdout + stderr }),
      ),
    );
    expect(audit, audit.out).toMatchObject({ code: 0 });
  }, 120_000);

  it('R87: PostgreSQL silent for 5 s: every click answered inside 3 s, no session left idle in a transaction, /readyz back by itself', async () => {
    const l = load();
    await until(() => l.clicks.length >= 10, 30_000, 'clicks before the hang');
    await proxy.blackhole();
    const cutAt = Date.now();
    const readyDuring: number[] = [];
    while (Date.now() - cutAt < 5000) {
      readyDuring.push(await readyStatus());
      await sleep(500);
    }
    // The server ends sessions idle in a transaction after the query timeout (2 s): none older than 3 s.
    const idle = await query<{ n: number }>(
      direct,
      `select count(*)::int as n from pg_stat_activity where application_name = 'secbot'
         and state like 'idle in transaction%' and now() - state_change > interval '3 seconds'`,
    );
    await proxy.forward();
    const backAt = Date.now();
    let readyAfterMs = -1;
    while (Date.now() - backAt < 15_000) {
      if ((await readyStatus()) === 200) {
        readyAfterMs = Date.now() - backAt;
        break;
      }
      await sleep(100);
    }
    await sleep(3000);
    const clicks = await l.stop();
    expect(alive(), bot.output()).toBe(true);
    expect(idle[0]?.n).toBe(0);
    expect(clicks.filter((c) => c.status !== 200)).toEqual([]);
    expect(clicks.filter((c) => c.end - c.start >= ACK_MS)).toEqual([]);
    const during = clicks.filter((c) => c.start > cutAt && c.end < backAt);
    expect(during.length).toBeGreaterThan(0);
    for (const c of during) expect(c.reply).toMatch(/sorry/i);
    expect(readyDuring.filter((s) => s === 200)).toEqual([]);
    expect(readyAfterMs).toBeGreaterThanOrEqual(0);
    expect(readyAfterMs).toBeLessThan(5000);
    const after = clicks.filter((c) => c.start > backAt + 2000);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((c) => /sorry/i.test(c.reply))).toEqual([]);
    console.log(
      `R87: ${clicks.length} clicks, ${during.length} during the silence (all apologies), slowest ack ` +
        `${Math.max(...clicks.map((c) => c.end - c.start))} ms; /readyz 200 again ${readyAfterMs} ms after the return`,
    );
  }, 120_000);

  it('R90: 40 unsigned 4 MB posts at once are refused with 413; memory barely moves', async () => {
    const before = (await rss()) ?? 0;
    const posts = (chunked: boolean) =>
      Promise.all(
        Array.from({ length: 40 }, () =>
          postBytes(url, '/slack/events', 4 * 1024 * 1024, {
            chunked,
            type: 'application/x-www-form-urlencoded',
          }).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      );
    // With a Content-Length (refused before reading), then chunked (refused past 1 MB each).
    const statuses = [...(await posts(false)), ...(await posts(true))];
    const after = (await rss()) ?? 0;
    expect(statuses.filter((s) => s !== 413)).toEqual([]);
    const grew = (after - before) / 2 ** 20;
    console.log(
      `R90: RSS ${Math.round(before / 2 ** 20)} MB before, ${Math.round(after / 2 ** 20)} MB after`,
    );
    // At most 1 MB of each chunked post is ever held (40 MB at once), where Bolt alone held 4 MB of
    // each before the limit (the same 40 posts: +199 MB on Node 20; holding them all is 160 MB of
    // live buffers before any garbage). The rest of the growth is the refused bodies read and thrown
    // away, garbage until the next collection, which the allocator then keeps: +27 to +43 MB on
    // Node 20 and +85 to +113 MB on Node 24 (2026-12-05, where all of it came from the 40 posts with
    // a Content-Length, of which nothing is ever kept, and RSS stayed there 4 s later).
    expect(grew).toBeLessThan(150);
  }, 60_000);

  it('R88: a second Ctrl-C while the stop waits on a silent database exits at once, lock-free', async () => {
    await proxy.blackhole();
    ctrlC(bot);
    await until(() => bot.output().includes('stopping: finishing the current transaction'), 5000, 'the stop');
    const second = Date.now();
    ctrlC(bot);
    await bot.exited;
    const took = (bot.exitedAt() ?? Infinity) - second;
    expect(bot.output()).toContain('second Ctrl-C: exiting now');
    expect(bot.output()).not.toContain('stopped cleanly');
    expect(took).toBeLessThan(2000);
    await proxy.forward();
  }, 30_000);
});
